"""Fixtures of the logical-configuration unit tests (interfaces,
networks, DNS/NTP, service parameters, labels): a bootstrapped site, its
ports, and the conductor's agents and alarm client replaced by recorders.

A test module imports the fixtures it uses from here. Its ``dbapi``
replaces the shared one: the site is migrated and bootstrapped once per
test process into a template file that each test copies (a fresh site
per test, without paying for the migrations each time).
"""
import atexit
import json
import os
import shutil
import tempfile

import pytest

from sysinv.common import constants, states
from sysinv.conductor import config
from sysinv.db import api as db_api
from sysinv.db import migration, models
from sysinv.tests.unit import fixtures

_TEMPLATE = {}


def _template():
    """The template database file (built on first use)."""
    if 'path' not in _TEMPLATE:
        directory = tempfile.mkdtemp(prefix='sysinv-site-')
        atexit.register(shutil.rmtree, directory, True)
        path = os.path.join(directory, 'site.sqlite')
        url = 'sqlite:///%s' % path
        migration.upgrade(url)
        connection = db_api.Connection(connection=url)
        try:
            fixtures.make_site(connection)
            fixtures.make_host(connection, 'worker-0', constants.WORKER)
        finally:
            connection.dispose()
        _TEMPLATE['path'] = path
    return _TEMPLATE['path']


@pytest.fixture
def dbapi(conf, tmp_path):
    """sysinv's DB API on a copy of the bootstrapped site (controller-0
    and worker-0 locked); the process runs as controller-0."""
    conf(host=constants.CONTROLLER_0_HOSTNAME)
    path = tmp_path / 'sysinv.sqlite'
    shutil.copyfile(_template(), path)
    connection = db_api.Connection(connection='sqlite:///%s' % path)
    yield connection
    connection.dispose()


class FakeAgents:
    """Stands for :class:`sysinv.agent.rpcapi.AgentAPI`: keeps the casts;
    ``deliver`` hands them to agent endpoints (by hostname)."""

    def __init__(self):
        self.casts = []

    def apply_runtime_config(self, context, hostname, config_uuid,
                             config_dict):
        self.casts.append((hostname, config_uuid, config_dict))

    def to(self, hostname):
        return [c for c in self.casts if c[0] == hostname]

    def deliver(self, endpoints):
        """Run every cast on the endpoint of its host; clears them."""
        casts, self.casts = self.casts, []
        for hostname, config_uuid, config_dict in casts:
            endpoint = endpoints.get(hostname)
            if endpoint is not None:
                endpoint.apply_runtime_config(None, config_uuid,
                                              json.loads(json.dumps(
                                                  config_dict)))
        return casts


class FakeAlarms:
    """Stands for the alarm client: ``active`` is what FM would show."""

    def __init__(self):
        self.events = []
        self.active = {}

    def set_fault(self, fault):
        self.events.append(('set', fault.alarm_id, fault.entity_instance_id))
        self.active[(fault.alarm_id, fault.entity_instance_id)] = fault
        return fault.uuid

    def clear_fault(self, alarm_id, entity_instance_id):
        self.events.append(('clear', alarm_id, entity_instance_id))
        self.active.pop((alarm_id, entity_instance_id), None)

    def log_event(self, fault):
        self.events.append(('log', fault.alarm_id, fault.entity_instance_id))
        return fault.uuid


class Runtime:
    def __init__(self, agents, alarms):
        self.agents = agents
        self.alarms = alarms


@pytest.fixture
def runtime(monkeypatch):
    """The conductor's agents and alarm client, recorded."""
    recorded = Runtime(FakeAgents(), FakeAlarms())
    monkeypatch.setattr(config, 'agent_api', lambda: recorded.agents)
    monkeypatch.setattr(config, 'alarm_client', lambda: recorded.alarms)
    return recorded


@pytest.fixture
def site(dbapi, runtime):
    """A duplex Standard site bootstrapped with every platform network;
    controller-0 locked, worker-0 locked."""
    return dbapi


def fault(response):
    """(status, faultstring) of an error answer."""
    body = json.loads(response.json['error_message'])
    return response.status_int, body['faultstring']


def add_port(dbapi, hostname, name, mac, mtu=1500, totalvfs=0,
             driver='ixgbe', pciaddr=None, bootp=None):
    """An ethernet port of a host, as the agent's inventory reports."""
    host = dbapi.get_host(hostname)
    with dbapi._writer() as db:
        port = models.EthernetPort(
            host_id=host['id'], name=name, mac=mac, mtu=mtu,
            pciaddr=pciaddr or '0000:00:%s.0' % mac[-2:], dev_id=0,
            sriov_totalvfs=totalvfs,
            driver=driver, bootp=bootp)
        db.add(port)
        db.flush()
        return port.id


def host_uuid(dbapi, hostname):
    return dbapi.get_host(hostname)['uuid']


def unlock(dbapi, hostname):
    return fixtures.set_states(dbapi, hostname)


def provision(dbapi, hostname):
    """The host was unlocked and enabled once (initial config complete
    when it is a controller)."""
    return dbapi.update_host(hostname, {'invprovision': states.PROVISIONED})
