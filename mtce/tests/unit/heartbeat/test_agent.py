"""Agent and clients over real UDP sockets on loopback (unicast)."""
import socket
import threading

from oslo_config import cfg
import pytest

from mtce import conf as mtce_conf
from mtce.heartbeat import agent as agentmod
from mtce.heartbeat import client as clientmod
from mtce.heartbeat import protocol
from stx_common import datagram
from stx_common.conf import default
from stx_common.testing import waiting

KEY = 'unit-test-key'


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


@pytest.fixture
def ports():
    return {name: _free_port() for name in ('agent_mgmt', 'agent_clh',
                                            'client_mgmt', 'client_clh')}


def _conf(ports, host, address, **agent):
    conf = cfg.ConfigOpts()
    default.register_opts(conf)
    mtce_conf.register_opts(conf)
    conf([])
    conf.set_override('host', host)
    for key, value in dict(auth_key=KEY, transport='unicast',
                           mgmt_address=address,
                           cluster_host_address=address,
                           raise_alarms=False, arm_timeout=5.0).items():
        conf.set_override(key, value, 'heartbeat')
    agent = dict(dict(heartbeat_period=50,
                      hbs_agent_mgmnt_port=ports['agent_mgmt'],
                      hbs_agent_clstr_port=ports['agent_clh']), **agent)
    for key, value in agent.items():
        conf.set_override(key, value, 'agent')
    for key, value in dict(hbs_client_mgmnt_port=ports['client_mgmt'],
                           hbs_client_clstr_port=ports['client_clh'],
                           pmon_pulse_port=_free_port()).items():
        conf.set_override(key, value, 'client')
    return conf


class Recorder:
    def __init__(self):
        self.events = []
        self.alarm_calls = []
        self.lock = threading.Lock()

    def __call__(self, event):
        with self.lock:
            self.events.append((event.hostname, event.network, event.kind))

    def set_fault(self, fault):
        self.alarm_calls.append(('set', fault.alarm_id, fault.severity))

    def clear_fault(self, alarm_id, entity):
        self.alarm_calls.append(('clear', alarm_id, entity))

    def has(self, *event):
        with self.lock:
            return tuple(event) in self.events


class Site:
    """An agent on 127.0.0.1 and a client per worker on 127.0.0.(2+i)."""

    def __init__(self, ports, workers=2, **agent):
        self.ports = ports
        self.recorder = Recorder()
        self.agent = agentmod.HeartbeatAgent(
            _conf(ports, 'controller-0', '127.0.0.1', **agent),
            self.recorder, alarms=self.recorder)
        self.clients = {}
        for i in range(workers):
            name, address = 'worker-%d' % i, '127.0.0.%d' % (i + 2)
            self.agent.add_host(name, {'mgmt': address,
                                       'cluster-host': address},
                                'worker', monitored=True)
            self.clients[name] = self.start_client(name)
        self.agent.start()

    def start_client(self, name):
        address = '127.0.0.%d' % (int(name.split('-')[1]) + 2)
        client = clientmod.HeartbeatClient(_conf(self.ports, name, address))
        client.start()
        return client

    def stop_client(self, name):
        client = self.clients.pop(name)
        client.stop()
        client.wait()

    def answered_by_all(self):
        state = self.agent.hosts_state()
        return all(net['armed'] and net['level'] == 'ok'
                   and net['good'] >= 3
                   for host in state.values()
                   for net in host['networks'].values())

    def close(self):
        for name in list(self.clients):
            self.stop_client(name)
        self.agent.stop()
        self.agent.wait()


@pytest.fixture
def site(ports):
    running = Site(ports)
    yield running
    running.close()


def _wait(predicate, what, timeout=20.0):
    return waiting.wait_for(predicate, timeout, interval=0.02, what=what)


def test_hosts_answer_then_a_silent_one_is_lost_and_recovers(site):
    _wait(site.answered_by_all, 'every host answering')
    counters = site.agent.counters()
    assert counters['accepted'] > 0 and counters['forged'] == 0
    assert site.recorder.events == []

    site.stop_client('worker-1')
    for network in ('mgmt', 'cluster-host'):
        _wait(lambda n=network: site.recorder.has('worker-1', n, 'loss'),
              'loss on %s' % network)
    assert not [e for e in site.recorder.events if e[0] == 'worker-0']
    assert ('set', '200.005', 'critical') in site.recorder.alarm_calls
    assert ('set', '200.009', 'critical') in site.recorder.alarm_calls

    site.clients['worker-1'] = site.start_client('worker-1')
    for network in ('mgmt', 'cluster-host'):
        _wait(lambda n=network: site.recorder.has('worker-1', n,
                                                  'recovered'),
              'recovered on %s' % network)
    assert site.recorder.alarm_calls[-1][0] == 'clear'
    assert site.agent.cluster_view()['own']['mgmt'] == (2, 2)


def test_forged_replayed_and_invalid_datagrams_change_nothing(site, ports):
    _wait(site.answered_by_all, 'every host answering')
    request = protocol.Request('controller-0', 'mgmt', site.agent.table.seq,
                               site.agent.table.run, 50)
    genuine = protocol.seal_response(
        datagram.Sealer(KEY.encode(), 'worker-0'), request, 0, {})
    forged = protocol.seal_response(
        datagram.Sealer(b'a guess', 'worker-0'), request, 0, {})
    not_a_pulse = datagram.Sealer(KEY.encode(), 'worker-0').seal_json(
        {'t': 'rsp'})
    before = site.agent.counters()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for data in (genuine, genuine, forged, b'garbage', not_a_pulse):
            sock.sendto(data, ('127.0.0.1', ports['agent_mgmt']))

    def counted():
        now = site.agent.counters()
        return all(now[k] - before[k] == 1 for k in
                   ('forged', 'replayed', 'malformed', 'invalid'))

    _wait(counted, 'datagrams counted')
    assert site.recorder.events == []
    assert site.answered_by_all()


def test_client_flags_and_its_own_counters(site):
    _wait(site.answered_by_all, 'every host answering')
    client = site.clients['worker-0']
    assert client.flags() == protocol.FLAG_CLUSTER_HOST_PROVISIONED
    pmond = datagram.Sealer(KEY.encode(), 'pmond')
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.sendto(protocol.seal_pmon_pulse(pmond),
                    ('127.0.0.1', client.conf.client.pmon_pulse_port))
        sock.sendto(b'forged pulse',
                    ('127.0.0.1', client.conf.client.pmon_pulse_port))
    _wait(lambda: client.flags() & protocol.FLAG_PMOND_ALIVE, 'pmond flag')
    _wait(lambda: site.agent.hosts_state()['worker-0']['pmond_missing'] == 0,
          'pmond flag seen by the agent')
    counters = client.counters()
    assert counters['answered'] > 0 and counters['malformed'] == 1


def test_action_none_sends_nothing_and_clears_alarms(ports):
    site = Site(ports, workers=1, heartbeat_failure_action='none')
    try:
        _wait(lambda: len(site.recorder.alarm_calls) >= 2, 'alarms cleared')
        assert {c[0] for c in site.recorder.alarm_calls} == {'clear'}
        assert site.agent.counters()['requests_sent'] == 0
        assert site.clients['worker-0'].counters()['answered'] == 0
    finally:
        site.close()


def test_missing_key_or_mgmt_address_is_refused(ports):
    conf = _conf(ports, 'controller-0', '127.0.0.1')
    conf.set_override('auth_key', None, 'heartbeat')
    with pytest.raises(ValueError):
        agentmod.HeartbeatAgent(conf)
    conf = _conf(ports, 'controller-0', None)
    with pytest.raises(ValueError):
        clientmod.HeartbeatClient(conf)
