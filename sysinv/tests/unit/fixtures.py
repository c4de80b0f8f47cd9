"""Fixtures of sysinv's unit tests: a migrated SQLite database, the
conductor's real RPC endpoints called in-process (no transport), and
factories of sites and hosts.

Other test modules import what they need from here; ``conftest.py``
exposes the fixtures to every unit test of sysinv.
"""
import oslo_messaging as messaging
from oslo_serialization import jsonutils
import pytest
import webtest

from stx_common import context
from sysinv import conf as sysinv_conf  # noqa: F401  (sysinv's options)
from sysinv.api import app
from sysinv.common import constants, states
from sysinv.conductor import manager, rpcapi
from sysinv.db import api as db_api
from sysinv.db import migration


@pytest.fixture
def dbapi(conf, tmp_path):
    """sysinv's DB API on a migrated SQLite file; the process runs as
    controller-0 (the active controller)."""
    conf(host=constants.CONTROLLER_0_HOSTNAME)
    url = 'sqlite:///%s' % (tmp_path / 'sysinv.sqlite')
    migration.upgrade(url)
    connection = db_api.Connection(connection=url)
    yield connection
    connection.dispose()


class LocalConductor(rpcapi.ConductorAPI):
    """The real RPC client whose calls reach the conductor's endpoints
    in-process; arguments and answers pass through JSON as on the
    wire."""

    def __init__(self, endpoint):  # no transport to set up
        self.endpoint = endpoint

    def call(self, context, method, server=None, timeout=None,
             version=None, **kwargs):
        kwargs = jsonutils.loads(jsonutils.dumps(kwargs))
        try:
            result = getattr(self.endpoint, method)(context, **kwargs)
        except messaging.ExpectedException as wrapped:
            # what the RPC dispatcher does before answering the caller
            raise wrapped.exc_info[1] from None
        return jsonutils.loads(jsonutils.dumps(result))

    def cast(self, context, method, server=None, version=None, **kwargs):
        self.call(context, method, **kwargs)


@pytest.fixture
def endpoint(dbapi):
    """The conductor's RPC endpoint object."""
    return manager.ConductorManager(dbapi)


@pytest.fixture
def local_conductor(endpoint):
    return LocalConductor(endpoint)


@pytest.fixture
def api(dbapi, local_conductor):
    """sysinv-api in-process (noauth) over the real DB API and the
    conductor's endpoints."""
    return webtest.TestApp(app.make_app(dbapi, local_conductor,
                                        auth_strategy='noauth'))


def admin():
    return context.get_admin_context()


def make_system(dbapi, system_mode=constants.SYSTEM_MODE_DUPLEX,
                system_type=constants.TIS_STD_BUILD, **host_values):
    """A bootstrapped site without networks: the system and controller-0
    (locked, disabled, offline; override with ``host_values``)."""
    host = dict(hostname=constants.CONTROLLER_0_HOSTNAME,
                personality=constants.CONTROLLER,
                subfunctions=constants.CONTROLLER,
                mgmt_mac='08:00:27:00:00:01',
                administrative=states.ADMIN_LOCKED,
                operational=states.OPERATIONAL_DISABLED,
                availability=states.AVAILABILITY_OFFLINE)
    host.update(host_values)
    return dbapi.create_bootstrap(
        system={'name': 'flock', 'system_mode': system_mode,
                'system_type': system_type, 'timezone': 'UTC',
                'software_version': '1.0', 'capabilities': {}},
        dns='8.8.8.8', ntp='', networks=[], host=host)


def make_host(dbapi, hostname, personality=constants.WORKER, mac=None,
              **values):
    """Another host of the site (locked, disabled, offline by default)."""
    system = dbapi.get_system()
    count = dbapi.count_hosts()
    row = dict(hostname=hostname, personality=personality,
               subfunctions=personality,
               mgmt_mac=mac or '08:00:27:00:01:%02x' % (count + 1),
               forisystemid=system['id'])
    row.update(values)
    return dbapi.create_host(row)
