"""Heartbeat in a real standard lab (2 controllers, 2 workers).

A client on every host (boot service), the agent on controller-0 with a
100 ms period, multicast requests. One lab and one agent for the module;
each test leaves every host answering. The agent's alarms go to a vhost
of their own, read back from the alarm queue.
"""
import json
import sys

import kombu
import pytest

from mtce.tests.lab import harness
from stx_common.testing import rabbit
from stx_lab import testing

pytestmark = [pytest.mark.lab, pytest.mark.root]

PERIOD_MS = 100
FAILURE_THRESHOLD = 10
HOSTS = ['controller-0', 'controller-1', 'worker-0', 'worker-1']
# Detection is bounded by period x threshold plus half a period (when the
# period is closed) plus the delivery; the rest is room for a loaded
# machine.
MARGIN = 1.5
ALARM_QUEUE = 'fm.alarms'     # [alarms] exchange and queue defaults


def _setup(directory):
    _setup.hb = harness.HeartbeatLab(directory, period_ms=PERIOD_MS)
    return {'services': _setup.hb.client_services(HOSTS)}


lab = testing.standard_lab(workers=2, setup=_setup)


class AlarmQueue:
    """What the agent's alarm client published, in order."""

    def __init__(self, vhost):
        url = rabbit.transport_url(vhost=vhost.name)
        self.connection = kombu.Connection(url.replace('rabbit://',
                                                       'amqp://'))
        exchange = kombu.Exchange(ALARM_QUEUE, type='direct', durable=True)
        self.queue = self.connection.SimpleQueue(kombu.Queue(
            ALARM_QUEUE, exchange=exchange, routing_key=ALARM_QUEUE,
            durable=True, auto_delete=False))
        self.seen = []

    def drain(self):
        while True:
            try:
                message = self.queue.get(block=False)
            except self.queue.Empty:
                return self.seen
            body = message.payload
            if isinstance(body, bytes | str):
                body = json.loads(body)
            for event in body['events']:
                fault = event.get('fault') or {}
                self.seen.append((
                    event['action'], fault.get('alarm_id') or
                    event.get('alarm_id'),
                    fault.get('entity_instance_id') or
                    event.get('entity_instance_id'),
                    fault.get('severity')))
            message.ack()

    def close(self):
        self.queue.close()
        self.connection.release()


@pytest.fixture(scope='module')
def hb(lab):
    vhost = rabbit.Vhost('flock-hb').create()
    running = _setup.hb
    running.start_agent(lab, lab.broker_url(harness.AGENT_HOST,
                                            vhost=vhost.name))
    alarms = AlarmQueue(vhost)
    running.alarms = alarms
    try:
        yield running
    finally:
        running.stop_agent()
        alarms.close()
        vhost.delete()


def _healthy(hb):
    hb.wait_for(lambda: hb.all_answering(good=12), 'every host answering')


def test_every_host_answers_on_both_networks(hb):
    state = hb.state()
    assert sorted(state['hosts']) == HOSTS
    for name, host in state['hosts'].items():
        assert sorted(host['networks']) == ['cluster-host', 'mgmt'], name
        assert host['flags'] & 2, name     # cluster-host provisioned
    assert state['counters']['forged'] == 0
    assert state['cluster_view']['own'] == {'mgmt': [4, 4],
                                            'cluster-host': [4, 4]}
    assert hb.events() == []


def test_cut_cluster_host_link_then_restore(hb, lab):
    since = len(hb.events())
    lab.host('worker-0').cut_link('cluster-host')
    try:
        hb.wait_event('worker-0', 'cluster-host', 'loss', since)
        kinds = [(e['hostname'], e['network'], e['kind'])
                 for e in hb.events()[since:]]
        assert kinds == [('worker-0', 'cluster-host', 'minor'),
                         ('worker-0', 'cluster-host', 'degrade'),
                         ('worker-0', 'cluster-host', 'loss')]
        assert hb.state()['hosts']['worker-0']['networks']['mgmt'][
            'level'] == 'ok'
    finally:
        lab.host('worker-0').restore_link('cluster-host')
    recovered = hb.wait_event('worker-0', 'cluster-host', 'recovered', since)
    later = [e for e in hb.events()[since:]
             if e['timestamp'] > recovered['timestamp'] - 1e-3]
    assert [e['kind'] for e in later] == ['recovered', 'degrade_clear',
                                          'minor_clear']
    entity = 'host=worker-0.network=Cluster-host'
    hb.wait_for(lambda: ('clear', '200.009', entity, None)
                in hb.alarms.drain(), '200.009 cleared')
    raised = [a for a in hb.alarms.seen if a[2] == entity and a[0] == 'set']
    assert [a[3] for a in raised] == ['major', 'critical']
    assert not [a for a in hb.alarms.seen
                if a[0] == 'set' and a[2] != entity]
    _healthy(hb)


def test_crashed_worker_is_lost_on_both_networks_in_time(hb, lab):
    since = len(hb.events())
    start = hb.now()
    lab.crash('worker-1')
    try:
        bound = PERIOD_MS / 1000.0 * FAILURE_THRESHOLD
        for network in harness.NETWORKS:
            loss = hb.wait_event('worker-1', network, 'loss', since)
            assert loss['timestamp'] - start <= bound + MARGIN, network
        assert not [e for e in hb.events()[since:]
                    if e['hostname'] != 'worker-1']
    finally:
        lab.boot('worker-1')
    for network in harness.NETWORKS:
        hb.wait_event('worker-1', network, 'recovered', since, timeout=60)
    _healthy(hb)


SPOOF = r'''
import socket, struct, sys, time
from stx_common import datagram

ifname, agent, port, source, wrong_key = sys.argv[1:6]
sniffer = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                        socket.htons(0x0800))
sniffer.bind((ifname, 0))
sniffer.settimeout(5)
deadline = time.monotonic() + 10
while True:
    packet = sniffer.recv(65535)
    header = (packet[0] & 0x0f) * 4
    if packet[9] != 17 or socket.inet_ntoa(packet[12:16]) != source:
        continue
    if struct.unpack('!H', packet[header + 2:header + 4])[0] == int(port):
        genuine = packet[header + 8:]
        break
    if time.monotonic() > deadline:
        sys.exit('no response seen')
forged = datagram.Sealer(wrong_key.encode(), 'worker-0').seal_json(
    {'t': 'rsp', 'n': 'mgmt', 's': 1, 'r': 1, 'f': 0})
sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sender.sendto(genuine, (agent, int(port)))
sender.sendto(forged, (agent, int(port)))
print('sent', len(genuine), len(forged))
'''


def test_forged_and_replayed_datagrams_are_dropped_and_counted(hb, lab):
    _healthy(hb)
    before = hb.fresh_state(hb.now())
    since = len(hb.events())
    agent = lab.address(harness.AGENT_HOST, 'mgmt')
    result = lab.exec(harness.AGENT_HOST, [
        sys.executable, '-c', SPOOF, 'mgmt0', agent, '2103',
        lab.address('worker-0', 'mgmt'), 'not-the-key'], timeout=30)
    assert result.returncode == 0, result.stderr
    after = hb.wait_for(
        lambda: (lambda s: s if s['counters']['replayed'] >
                 before['counters']['replayed'] else None)(hb.state()),
        'replay counted')
    counters, old = after['counters'], before['counters']
    assert counters['replayed'] - old['replayed'] == 1
    assert counters['forged'] - old['forged'] == 1
    assert hb.events()[since:] == []
    assert hb.all_answering()
