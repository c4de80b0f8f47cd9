"""The alarm client against the real broker: nothing raised is lost when
the broker is away or when the raising process dies."""
import os
import subprocess
import sys
import textwrap

import pytest

from stx_common.alarms import catalogue, channel, client
from stx_common.contracts import alarm as contract
from stx_common.testing import waiting

pytestmark = pytest.mark.functional


def _fault(index):
    return contract.Fault(
        alarm_id='200.004', alarm_state='set', entity_type_id='host',
        entity_instance_id='host=w%d' % index, severity='critical',
        reason_text='w%d failed' % index, alarm_type='equipment',
        probable_cause='equipment-malfunction')


def _received(conf):
    events = []
    with channel.connect(conf) as connection:
        queue = channel.declare(connection, conf)
        while True:
            message = queue.get(no_ack=True)
            if message is None:
                return events
            events += contract.events_of(message.decode())


@pytest.fixture
def no_catalogue(monkeypatch):
    monkeypatch.setattr(catalogue, 'checkers', lambda: ())


def test_events_wait_for_the_broker(conf, private_broker, tmp_path,
                                    no_catalogue):
    from oslo_config import cfg

    conf(transport_url=private_broker.url)
    conf('alarms', retry_interval=0.1)
    private_broker.stop()
    alarms = client.AlarmClient(name='waiter', spool_dir=str(tmp_path))
    try:
        uuids = [alarms.set_fault(_fault(i)) for i in range(50)]
        assert alarms.pending() == 50       # accepted, spooled
        assert not alarms.flush(1.0)
        private_broker.start()
        assert alarms.flush(60)
    finally:
        alarms.close()
    events = _received(cfg.CONF)
    assert [e.fault.uuid for e in events] == uuids


def test_events_survive_a_broker_restart(conf, private_broker, tmp_path,
                                         no_catalogue):
    from oslo_config import cfg

    conf(transport_url=private_broker.url)
    alarms = client.AlarmClient(name='restart', spool_dir=str(tmp_path))
    try:
        first = [alarms.set_fault(_fault(i)) for i in range(20)]
        assert alarms.flush(30)
    finally:
        alarms.close()
    private_broker.restart()   # durable queue, persistent messages
    assert [e.fault.uuid for e in _received(cfg.CONF)] == first


RAISER = textwrap.dedent('''
    import os, sys, time
    from oslo_config import cfg
    from stx_common import config, rpc
    from stx_common.alarms import catalogue, client
    from stx_common.contracts import alarm as contract
    catalogue.checkers = lambda: ()
    config.register_logging(cfg.CONF)
    rpc.register_messaging_opts(cfg.CONF)
    cfg.CONF([], project='flock-test', default_config_files=[])
    cfg.CONF.set_override('transport_url', sys.argv[1])
    alarms = client.AlarmClient(name='doomed', spool_dir=sys.argv[2])
    for i in range(10):
        alarms.set_fault(contract.Fault(
            alarm_id='200.004', alarm_state='set', entity_type_id='host',
            entity_instance_id='host=c%d' % i, severity='critical',
            reason_text='x', alarm_type='equipment',
            probable_cause='equipment-malfunction'))
    print('raised', flush=True)
    time.sleep(60)
''')


def test_a_crashed_raiser_events_are_sent_by_the_next_client(
        conf, private_broker, tmp_path, no_catalogue):
    from oslo_config import cfg

    conf(transport_url=private_broker.url)
    private_broker.stop()
    spool_dir = str(tmp_path / 'spool')
    proc = subprocess.Popen([sys.executable, '-c', RAISER,
                             private_broker.url, spool_dir],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == 'raised'
    finally:
        proc.kill()
        proc.wait()
    private_broker.start()
    successor = client.AlarmClient(name='successor', spool_dir=spool_dir)
    try:
        waiting.wait_for(lambda: successor.pending() == 0, 60,
                         what='orphaned spool drained')
    finally:
        successor.close()
    entities = [e.fault.entity_instance_id for e in _received(cfg.CONF)]
    assert entities == ['host=c%d' % i for i in range(10)]
    assert not [f for f in os.listdir(spool_dir) if 'doomed' in f and
                f.endswith('.spool')]
