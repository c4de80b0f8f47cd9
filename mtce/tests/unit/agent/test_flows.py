"""The host flows of mtce-agent end to end in its engine, with fake
heartbeat, transport, BMC, alarms and sysinv."""
import pytest

from mtce.common import messages as m
from mtce.tests.unit.agent.harness import Harness

W0 = 'worker-0'


@pytest.fixture
def h():
    harness = Harness()
    yield harness
    harness.stop()


def _unlocked(h, name=W0):
    """Add a locked-online worker and take it through its unlock."""
    uuid = h.add(name, availability='online')
    h.alive(name)
    assert h.act(name, 'unlock')['status'] == 'pass'
    h.result(name, m.CMD_REBOOT, 'ack')
    h.wait_state(name, 'unlocked-disabled-offline', 'Booting')
    h.reboot(name)
    h.result(name, m.CMD_REQ_GOENABLED)
    h.result(name, m.CMD_START_SERVICES)
    h.heartbeat.healthy.add(name)
    h.wait_state(name, 'unlocked-enabled-available', '')
    return uuid


def test_unlock_follows_starlingx_sequence(h):
    uuid = _unlocked(h)
    sequence = []
    for state in h.reporter.states(uuid):
        if not sequence or sequence[-1] != state:
            sequence.append(state)
    assert sequence == [
        ('unlocked-disabled-online', None),
        ('unlocked-disabled-online', 'Rebooting'),
        ('unlocked-disabled-offline', 'Rebooting'),
        ('unlocked-disabled-offline', 'Booting'),
        ('unlocked-disabled-intest', 'Booting'),
        ('unlocked-disabled-intest', 'Testing'),
        ('unlocked-disabled-intest', 'Initializing'),
        ('unlocked-disabled-intest', 'Enabling'),
        ('unlocked-enabled-available', ''),
    ]
    commands = h.transport.commands('10.0.0.10')
    for command in (m.CMD_REBOOT, m.CMD_REQ_GOENABLED,
                    m.CMD_START_SERVICES, m.CMD_UNLOCKED):
        assert command in commands
    assert ('monitor', W0, True) in h.heartbeat.calls
    assert ('200.021', 'host=worker-0.command=unlock') in \
        h.alarm_client.logs()
    assert ('200.022', 'host=worker-0.state=enabled') in \
        h.alarm_client.logs()
    assert ('200.001', 'host=worker-0') not in h.alarm_client.active()


def test_lock(h):
    _unlocked(h)
    assert h.act(W0, 'lock')['status'] == 'pass'
    h.wait_state(W0, 'locked-disabled-offduty')
    h.result(W0, m.CMD_STOP_SERVICES)
    h.wait_state(W0, 'locked-disabled-online', '')
    assert h.alarm_client.active()[('200.001', 'host=worker-0')] == \
        'warning'
    assert ('monitor', W0, False) in h.heartbeat.calls
    assert m.CMD_LOCKED in h.transport.commands('10.0.0.10')


def test_force_lock_resets_the_host(h):
    _unlocked(h)
    h.bmc.usable_hosts.add(W0)
    assert h.act(W0, 'force-lock')['status'] == 'pass'
    h.reboot(W0)
    h.wait_state(W0, 'locked-disabled-offline', '')
    assert 'reset' in h.bmc.operations(W0)
    assert ('200.021', 'host=worker-0.command=force-lock') in \
        h.alarm_client.logs()


@pytest.mark.parametrize('action,reason', [
    ('swact', 'service management is not available'),
    ('reset', 'Board Management Controller not provisioned'),
    ('power-on', 'Board Management Controller not provisioned'),
])
def test_refusals(h, action, reason):
    h.add(W0, availability='online')
    answer = h.act(W0, action)
    assert answer['status'] == 'fail' and reason in answer['reason']


def test_lock_of_the_only_controller_is_allowed(h):
    h.add('controller-0', 'controller', administrative='unlocked',
          operational='enabled', availability='available')
    assert h.act('controller-0', 'lock')['status'] == 'pass'
    h.result('controller-0', m.CMD_STOP_SERVICES)
    h.wait_state('controller-0', 'locked-disabled-online', '')


def test_lock_of_the_active_controller_is_refused(h):
    h.add('controller-0', 'controller', administrative='unlocked',
          operational='enabled', availability='available')
    h.add('controller-1', 'controller')
    answer = h.act('controller-0', 'lock')
    assert (answer['status'], answer['reason'], answer['action']) == (
        'fail', 'Controller is Active', 'Swact Controller and then Lock')


def test_actions_of_an_unlocked_host_are_refused(h):
    _unlocked(h)
    answer = h.act(W0, 'reboot')
    assert answer['status'] == 'fail'
    assert "Please 'Lock' first" in answer['reason']


def test_goenabled_failure_is_auto_recovered_then_stops(h):
    h.add(W0, availability='online')
    h.alive(W0)
    h.act(W0, 'unlock')
    for attempt in range(3):
        h.result(W0, m.CMD_REBOOT, 'ack')
        h.reboot(W0)
        h.result(W0, m.CMD_REQ_GOENABLED, 'fail', 'test.sh exited 1')
        if attempt < 2:
            h.wait(lambda n=attempt + 2: h.transport.commands().count(
                m.CMD_REBOOT) >= n, 'reboot %d' % (attempt + 2))
    h.wait_state(W0, 'unlocked-disabled-failed',
                 'In-Test Failure, threshold reached, Lock/Unlock to retry')
    assert h.alarm_client.active()[('200.004', 'host=worker-0')] == \
        'critical'
    assert ('unlocked-disabled-failed', 'In-Test Failed, re-enabling') in \
        h.reporter.states('uuid-worker-0')
    # lock and unlock start again
    h.act(W0, 'lock')
    h.wait_state(W0, 'locked-disabled-failed', '')
    assert ('200.004', 'host=worker-0') not in h.alarm_client.active()


def test_configuration_failure_raises_200_011():
    h = Harness(agent={'ar_config_interval': 60})
    try:
        _config_failure(h)
    finally:
        h.stop()


def _config_failure(h):
    h.add(W0, availability='online')
    h.alive(W0)
    h.act(W0, 'unlock')
    h.result(W0, m.CMD_REBOOT, 'ack')
    h.reboot(W0, flags=m.CONFIG_FAIL)
    h.wait_state(W0, 'unlocked-disabled-failed',
                 'Configuration Failed, re-enabling')
    assert ('200.011', 'host=worker-0') in h.alarm_client.active()


def test_graceful_recovery_without_a_reboot(h):
    _unlocked(h)
    h.heartbeat.healthy.discard(W0)
    h.engine.post(h.lifecycle.heartbeat_event, _event(W0, 'degrade'))
    h.engine.post(h.lifecycle.heartbeat_event, _event(W0, 'loss'))
    h.wait_state(W0, 'unlocked-enabled-degraded', 'Graceful Recovery')
    h.wait_command(W0, m.CMD_REQ_MTCALIVE)
    h.alive(W0)                        # same boot: no impact
    h.heartbeat.healthy.add(W0)
    h.wait_state(W0, 'unlocked-enabled-available', 'Gracefully Recovered')
    assert ('200.004', 'host=worker-0') not in h.alarm_client.active()
    assert 'unlocked-disabled-failed' not in [
        st for st, _ in h.reporter.states('uuid-worker-0')]


def test_silent_host_fails_is_powered_on_and_recovers(h):
    _unlocked(h)
    h.bmc.usable_hosts.add(W0)
    h.bmc.power[W0] = 'off'
    reboots = h.transport.commands().count(m.CMD_REBOOT)
    h.heartbeat.healthy.discard(W0)
    h.engine.post(h.lifecycle.heartbeat_event, _event(W0, 'loss'))
    h.wait_state(W0, 'unlocked-disabled-offline', 'Graceful Recovery Wait')
    states = [st for st, _ in h.reporter.states('uuid-worker-0')]
    assert 'unlocked-disabled-failed' in states
    assert 'unlocked-disabled-power-off' in states
    assert h.bmc.operations(W0)[-2:] == ['power_status', 'power_on']
    assert h.transport.commands().count(m.CMD_REBOOT) == reboots + 1
    assert h.alarm_client.active()[('200.004', 'host=worker-0')] == \
        'critical'
    h.reboot(W0)
    h.result(W0, m.CMD_REQ_GOENABLED)
    h.result(W0, m.CMD_START_SERVICES)
    h.heartbeat.healthy.add(W0)
    h.wait_state(W0, 'unlocked-enabled-available', '')
    assert ('200.004', 'host=worker-0') not in h.alarm_client.active()
    assert ('200.022', 'host=worker-0.status=failed') in \
        h.alarm_client.logs()


def test_process_events_degrade_and_fail(h):
    _unlocked(h)
    major = {'hostname': W0, 'process': 'sshd', 'event': 'major'}
    h.engine.post(h.lifecycle.process_event, major)
    h.wait_state(W0, 'unlocked-enabled-degraded')
    h.engine.post(h.lifecycle.process_event,
                  {'hostname': W0, 'process': '', 'event': 'clear'})
    h.wait_state(W0, 'unlocked-enabled-available')
    reboots = h.transport.commands().count(m.CMD_REBOOT)
    h.engine.post(h.lifecycle.process_event,
                  {'hostname': W0, 'process': 'sm', 'event': 'critical'})
    h.wait_state(W0, 'unlocked-disabled-failed')
    h.wait(lambda: h.transport.commands().count(m.CMD_REBOOT) > reboots,
           'reboot after a critical process failure')
    assert ('200.004', 'host=worker-0') in h.alarm_client.active()


def test_sensor_events_degrade(h):
    _unlocked(h)
    h.engine.post(h.lifecycle.sensor_event, {
        'hostname': W0, 'sensor': 'CPU Temp', 'action': 'alarm',
        'host_degraded': True})
    h.wait_state(W0, 'unlocked-enabled-degraded')
    h.engine.post(h.lifecycle.sensor_event, {
        'hostname': W0, 'sensor': 'CPU Temp', 'action': 'clear',
        'host_degraded': False})
    h.wait_state(W0, 'unlocked-enabled-available')


def test_heartbeat_degrade_bits(h):
    _unlocked(h)
    h.engine.post(h.lifecycle.heartbeat_event, _event(W0, 'degrade'))
    h.engine.post(h.lifecycle.heartbeat_event,
                  _event(W0, 'degrade', 'cluster-host'))
    h.wait_state(W0, 'unlocked-enabled-degraded')
    h.engine.post(h.lifecycle.heartbeat_event,
                  _event(W0, 'degrade_clear'))
    h.engine.call(lambda: None)
    assert h.state(W0)[0] == 'unlocked-enabled-degraded'
    h.engine.post(h.lifecycle.heartbeat_event,
                  _event(W0, 'degrade_clear', 'cluster-host'))
    h.wait_state(W0, 'unlocked-enabled-available')


def test_mnfa_is_logged_and_held(h):
    _unlocked(h)
    h.engine.post(h.lifecycle.heartbeat_event,
                  _event('', 'mnfa_enter', None, hosts=(W0,)))
    h.wait_state(W0, 'unlocked-enabled-available', 'Graceful Recovery Wait')
    h.engine.post(h.lifecycle.heartbeat_event,
                  _event('', 'mnfa_exit', None, hosts=(W0,)))
    h.wait_state(W0, 'unlocked-enabled-available', '')
    logs = h.alarm_client.logs()
    assert ('200.020', 'host=controller-0.event=mnfa_enter') in logs
    assert ('200.020', 'host=controller-0.event=mnfa_exit') in logs


def _event(hostname, kind, network='mgmt', hosts=()):
    from mtce.heartbeat.monitor import HeartbeatEvent
    return HeartbeatEvent(hostname, network, kind, hosts=hosts)
