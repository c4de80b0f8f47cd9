"""Fixtures of sysinv's unit tests: a migrated SQLite database, the
conductor's real RPC endpoints called in-process (no transport), and
factories of sites and hosts.

Other test modules import what they need from here; ``conftest.py``
exposes the fixtures to every unit test of sysinv.
"""
import shutil

import oslo_messaging as messaging
from oslo_serialization import jsonutils
import pytest
import webtest

from stx_common import context
from stx_common.contracts import host as contract
from sysinv import bootstrap
from sysinv import conf as sysinv_conf  # noqa: F401  (sysinv's options)
from sysinv.api import app
from sysinv.common import constants, states
from sysinv.conductor import maintenance, manager, rpcapi
from sysinv.db import api as db_api
from sysinv.db import migration

CONTROLLER_0_MAC = '08:00:27:00:00:01'


@pytest.fixture(scope='session')
def migrated_template(tmp_path_factory):
    """A SQLite file migrated once per run; each test gets a copy."""
    path = tmp_path_factory.mktemp('sysinv-db') / 'template.sqlite'
    migration.upgrade('sqlite:///%s' % path)
    return path


@pytest.fixture
def dbapi(conf, tmp_path, migrated_template):
    """sysinv's DB API on a migrated SQLite file; the process runs as
    controller-0 (the active controller)."""
    conf(host=constants.CONTROLLER_0_HOSTNAME)
    path = tmp_path / 'sysinv.sqlite'
    shutil.copyfile(migrated_template, path)
    connection = db_api.Connection(connection='sqlite:///%s' % path)
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


class FakeRPCClient:
    """Stands for the maintenance or VIM RPC client.

    ``answer``: None (nobody consumes the topic: MessageUndeliverable,
    the default, as long as maintenance does not exist), ``'timeout'``,
    or an answer dict. Every call is kept in ``calls``.
    """

    def __init__(self):
        self.answer = None
        self.calls = []

    def _reply(self, method, **kwargs):
        self.calls.append((method, kwargs))
        if self.answer is None:
            raise messaging.MessageUndeliverable(None, 'x', method, None)
        if self.answer == 'timeout':
            raise messaging.MessagingTimeout()
        return contract.MtceAnswer.from_dict(self.answer)

    def add_host(self, context, host, timeout=None):
        return self._reply('add_host', host=host.to_dict())

    def modify_host(self, context, host, action=None, timeout=None):
        return self._reply('modify_host', host=host.to_dict(), action=action)

    def delete_host(self, context, uuid, timeout=None):
        return self._reply('delete_host', uuid=uuid)

    def host_action(self, context, uuid, hostname, action, timeout=None):
        return self._reply('host_action', hostname=hostname, action=action)

    def host_add(self, context, host, timeout=None):
        return self._reply('host_add', host=host.to_dict())

    def host_delete(self, context, uuid, hostname, timeout=None):
        return self._reply('host_delete', hostname=hostname)

    def actions(self):
        return [(k.get('host', {}).get('hostname', k.get('hostname')),
                 k.get('action')) for m, k in self.calls
                if m in ('modify_host', 'host_action')]


class FakeAlarms:
    """Keeps what the conductor raises and logs."""

    def __init__(self):
        self.logged = []

    def log_event(self, fault):
        self.logged.append(fault)
        return fault.uuid


@pytest.fixture
def mtce():
    return FakeRPCClient()


@pytest.fixture
def vim():
    return FakeRPCClient()


@pytest.fixture
def alarms():
    return FakeAlarms()


@pytest.fixture
def endpoint(dbapi, mtce, vim, alarms):
    """The conductor's RPC endpoint object, with maintenance and the VIM
    replaced by :class:`FakeRPCClient` (no answer by default)."""
    return manager.ConductorManager(
        dbapi, maintenance.Maintenance(mtce, vim), alarms)


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


def make_site(dbapi, system_mode=constants.SYSTEM_MODE_DUPLEX,
              system_type=constants.TIS_STD_BUILD, **site):
    """A site bootstrapped from a site file (networks, pools, reserved
    addresses, controller-0 locked/disabled/offline)."""
    site = dict(site, system_mode=system_mode, system_type=system_type,
                name=site.get('name', 'flock'))
    return bootstrap.bootstrap(dbapi, site, '1.0',
                               mac_finder=lambda _: CONTROLLER_0_MAC)


def set_states(dbapi, hostname, administrative=states.ADMIN_UNLOCKED,
               operational=states.OPERATIONAL_ENABLED,
               availability=states.AVAILABILITY_AVAILABLE, **values):
    """Put a host in states as if maintenance had reported them."""
    values.update(administrative=administrative, operational=operational,
                  availability=availability)
    return dbapi.update_host(hostname, values)


def ready_to_unlock(dbapi, hostname):
    """A locked host maintenance sees online, inventoried, installed."""
    return dbapi.update_host(hostname, {
        'availability': states.AVAILABILITY_ONLINE,
        'inv_state': states.INV_STATE_INITIAL_INVENTORIED,
        'action_state': None})
