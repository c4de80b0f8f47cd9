"""hwmond's host provider and scheduler."""
import json
import os
import threading
import time

import pytest

from mtce.bmc import base
from mtce.hwmon import hooks, provider, service
from mtce.tests.unit.bmc.recorder import AlarmRecorder
from stx_common.testing import waiting

HOST = {'hostname': 'worker-0', 'bm_type': 'ipmi', 'bm_ip': '10.0.0.12',
        'bm_username': 'admin', 'bm_password': 'Sekret-123'}


def _write(path, data, mode=0o600):
    path.write_text(json.dumps(data))
    os.chmod(path, mode)
    return str(path)


def test_static_file_provider(tmp_path):
    path = _write(tmp_path / 'hosts.json', {'hosts': [dict(
        HOST, audit_interval=30, groups={'fan': {
            'actions_critical_group': 'reset',
            'audit_interval_group': 20}})]})
    hosts = provider.StaticFileProvider(path).hosts()
    assert [h.hostname for h in hosts] == ['worker-0']
    record = hosts[0]
    assert record.bm_password.reveal() == 'Sekret-123'
    assert 'Sekret-123' not in repr(record) + str(record)
    assert record.interval(120) == 20
    assert provider.HostRecord('x').interval(120) == 120


@pytest.mark.parametrize('data, message', [
    ({'nodes': []}, 'expected {"hosts": [...]}'),
    ({'hosts': [{'bm_ip': '1.2.3.4'}]}, 'needs a hostname'),
    ({'hosts': [dict(HOST, colour='red')]}, 'unknown key(s) colour'),
    ({'hosts': [dict(HOST), dict(HOST)]}, 'listed twice'),
    ({'hosts': [dict(HOST, groups={'fan': {
        'actions_major_group': 'reset'}})]}, "major action 'reset'"),
    ({'hosts': [dict(HOST, sensors={'CPU': {
        't_critical_upper': 'hot'}})]}, "'hot' is not a number"),
])
def test_static_file_errors(tmp_path, data, message):
    source = provider.StaticFileProvider(_write(tmp_path / 'h.json', data))
    assert source.hosts() == []
    assert message in source.error


def test_static_file_refused_when_readable_by_others(tmp_path):
    path = _write(tmp_path / 'h.json', {'hosts': [HOST]}, mode=0o644)
    source = provider.StaticFileProvider(path)
    assert source.hosts() == [] and 'chmod 600' in source.error
    os.chmod(path, 0o600)
    assert len(source.hosts()) == 1


def test_static_file_keeps_last_good_list_and_follows_changes(tmp_path):
    path = tmp_path / 'h.json'
    source = provider.StaticFileProvider(_write(path, {'hosts': [HOST]}))
    assert len(source.hosts()) == 1
    path.write_text('{not json')
    assert len(source.hosts()) == 1 and source.error
    _write(path, {'hosts': [HOST, dict(HOST, hostname='worker-1')]})
    assert len(source.hosts()) == 2 and source.error is None


class CountingBMC:
    def __init__(self):
        self.reads = 0
        self.gate = None

    def sensors(self):
        if self.gate is not None:
            self.gate.wait(10)
        self.reads += 1
        return [base.SensorReading('CPU Temp', 'temperature', 99.0,
                                   'degrees C', 'cr')]

    def close(self):
        pass


def _service(conf, source, bmcs, clock):
    return service.HwmonService(
        host_provider=source, alarm_client=AlarmRecorder(),
        hook=hooks.CollectingHook(), clock=clock,
        driver_factory=lambda t, ip, *a, **k: bmcs[ip])


def test_scheduler_intervals_and_host_removal(conf):
    conf('hwmon', audit_interval=10)
    bmcs = {'10.0.0.1': CountingBMC(), '10.0.0.2': CountingBMC()}
    source = provider.MemoryProvider([
        provider.HostRecord('a', 'ipmi', '10.0.0.1'),
        provider.HostRecord('b', 'ipmi', '10.0.0.2', audit_interval=3)])
    now = [0.0]
    svc = _service(conf, source, bmcs, lambda: now[0])
    for step in range(13):                 # 0 .. 12 s, not started:
        now[0] = float(step)               # audits run in line
        svc.run_once()
    assert bmcs['10.0.0.1'].reads == 2     # t = 0, 10
    assert bmcs['10.0.0.2'].reads == 5     # t = 0, 3, 6, 9, 12
    for step in range(13, 15):
        now[0] = float(step)
        svc.run_once()
    alarms = svc.alarms
    assert alarms.raised('200.007', 'host=a.sensor=CPU Temp') is not None
    source.remove_host('a')
    svc.run_once()
    assert alarms.raised('200.007', 'host=a.sensor=CPU Temp') is None
    assert alarms.raised('200.007', 'host=b.sensor=CPU Temp') is not None
    assert set(svc.monitors) == {'b'}


def test_a_slow_bmc_delays_only_its_host(conf):
    conf('hwmon', audit_interval=1)
    slow, fast = CountingBMC(), CountingBMC()
    slow.gate = threading.Event()
    source = provider.MemoryProvider([
        provider.HostRecord('slow', 'ipmi', 'slow'),
        provider.HostRecord('fast', 'ipmi', 'fast')])
    svc = _service(conf, source, {'slow': slow, 'fast': fast},
                   clock=time.monotonic)
    svc.start()
    try:
        waiting.wait_for(lambda: fast.reads >= 3, 20, interval=0.05,
                         what='fast host audited again and again')
        assert slow.reads == 0              # still stuck in its first read
        slow.gate.set()
        waiting.wait_for(lambda: slow.reads >= 1, 20, interval=0.05,
                         what='slow host audited')
    finally:
        slow.gate.set()
        svc.stop()
        svc.wait()
