"""pytest fixtures every service's tests share.

Enabled by ``pytest_plugins = ['stx_common.testing.pytest_plugin']`` in the
repository's top-level conftest. Functional fixtures talk to the real
RabbitMQ and PostgreSQL of the machine (started if they are not running);
``private_broker`` and ``private_postgres`` give a test a server of its own
that it may stop and start.
"""
import pytest

from stx_common.testing import ports, postgres, rabbit


@pytest.fixture(scope='session')
def rabbit_vhost():
    """A private vhost on the site broker for this test run."""
    vhost = rabbit.Vhost().create()
    yield vhost
    vhost.delete()


@pytest.fixture
def pg_database():
    """A throw-away PostgreSQL database (dropped afterwards)."""
    database = postgres.Database().create()
    yield database
    database.drop()


@pytest.fixture
def private_broker():
    """A RabbitMQ node of the test's own; the test may restart it."""
    broker = rabbit.PrivateBroker().start()
    yield broker
    broker.destroy()


@pytest.fixture
def private_postgres():
    """A PostgreSQL cluster of the test's own; the test may restart it."""
    cluster = postgres.PrivateCluster().start()
    yield cluster
    cluster.destroy()


@pytest.fixture
def free_port():
    return ports.free_port()
