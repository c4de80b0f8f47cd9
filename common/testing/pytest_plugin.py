"""pytest fixtures every service's tests share.

Enabled by ``pytest_plugins = ['stx_common.testing.pytest_plugin']`` in the
repository's top-level conftest. Functional fixtures talk to the real
RabbitMQ and PostgreSQL of the machine (started if they are not running);
``private_broker`` and ``private_postgres`` give a test a server of its own
that it may stop and start.
"""
from oslo_config import cfg
import pytest

from stx_common.testing import keystone as keystone_server
from stx_common.testing import ports, postgres, rabbit

CONF = cfg.CONF


class ConfOverrides:
    """Sets options on the global CONF for one test, then clears them."""

    def __init__(self):
        self._set = []

    def __call__(self, group=None, **values):
        for name, value in values.items():
            CONF.set_override(name, value, group)
            self._set.append((name, group))

    def clear(self):
        for name, group in reversed(self._set):
            CONF.clear_override(name, group)
        self._set = []


@pytest.fixture
def conf(tmp_path):
    """``conf(group, name=value)`` overrides for this test only; the state
    path is the test's temp dir and RPC uses the in-memory transport."""
    from stx_common import config, rpc
    import stx_common.conf  # noqa: F401  (registers the shared options)

    config.register_logging(CONF)
    rpc.register_messaging_opts(CONF)
    CONF([], project='flock-test', default_config_files=[])
    overrides = ConfOverrides()
    overrides(state_path=str(tmp_path), transport_url='fake://')
    yield overrides
    rpc.cleanup()
    overrides.clear()


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


@pytest.fixture(scope='session')
def keystone():
    """A real Keystone for the whole run, with one user per role."""
    server = keystone_server.KeystoneServer().start()
    yield server
    server.stop()
