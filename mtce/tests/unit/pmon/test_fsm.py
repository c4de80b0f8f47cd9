"""pmond's process FSM: the table, and the actions at each move (restart,
debounce, threshold, severity), driven tick by tick with a fake clock."""
import pytest

from mtce.pmon import active, events, fsm, monitor
from mtce.pmon import config as pconfig
from mtce.pmon import states as s
from mtce.tests.unit.bmc.recorder import AlarmRecorder
from stx_common import exception

HOST = 'worker-0'


class FakeProbe:
    known = True

    def __init__(self, alive=True):
        self.alive = alive
        self.pid = 100 if alive else None
        self.killed = 0

    def check(self):
        return self.alive

    def forget(self):
        self.pid = None

    def kill(self):
        self.killed += 1
        self.alive = False


class FakeRestarter:
    """``outcomes``: whether each restart brings the process up."""

    def __init__(self, probe, outcomes=()):
        self.probe = probe
        self.outcomes = list(outcomes)
        self.restarts = 0

    def restart(self, cfg):
        self.restarts += 1
        up = self.outcomes.pop(0) if self.outcomes else True
        self.probe.alive = up
        if up:
            self.probe.pid = 100 + self.restarts
        return True


class Harness:
    def __init__(self, outcomes=(), alive=True, heartbeat=None, **values):
        values.setdefault('script', '/etc/init.d/%s' % values.get(
            'process', 'daemon'))
        values.setdefault('process', 'daemon')
        values.setdefault('pidfile', '/var/run/daemon.pid')
        self.cfg = pconfig.ProcessConfig(**values)
        self.probe = FakeProbe(alive)
        self.restarter = FakeRestarter(self.probe, outcomes)
        self.alarms = AlarmRecorder()
        self.notifier = events.CollectingNotifier()
        self.subfunction = True
        self.goenabled = True
        self.now = 0.0
        self.mon = monitor.ProcessMonitor(
            self.cfg, HOST, self.probe, self.restarter, self.alarms,
            self.notifier.notify, lambda: self.subfunction,
            lambda: self.goenabled, heartbeat)
        self.mon.start(self.now)

    def run(self, seconds, step=0.5):
        end = self.now + seconds
        while self.now < end - 1e-9:
            self.now += step
            self.mon.tick(self.now)

    def kill(self):
        self.probe.alive = False
        self.probe.pid = None

    @property
    def state(self):
        return self.mon.state

    def events(self):
        return [(e.event, e.severity) for e in self.notifier.events
                if not e.resend]

    @property
    def alarm(self):
        return self.alarms.raised('200.006', 'host=%s.process=%s' % (
            HOST, self.cfg.process))


# -- the table ---------------------------------------------------------------

def test_table_moves():
    expected = [
        ('failed', 'found', 'monitor'),
        ('manage', 'died', 'respawn'),
        ('manage', 'no-restart', 'failed'),
        ('monitor', 'debounced', 'manage'),
        ('monitor', 'died', 'restart-wait'),
        ('monitor-wait', 'not-started', 'restart-wait'),
        ('monitor-wait', 'started', 'monitor'),
        ('polling', 'ready', 'manage'),
        ('respawn', 'defer', 'restart-wait'),
        ('respawn', 'restart', 'monitor-wait'),
        ('restart-wait', 'found', 'monitor'),
        ('restart-wait', 'retry', 'respawn'),
    ]
    assert fsm.TABLE.transitions() == expected
    assert fsm.TABLE.initial == s.POLLING
    assert set(fsm.TABLE.states) <= set(s.STATES)
    assert set(fsm.TABLE.events) <= set(s.EVENTS)
    with pytest.raises(exception.InvalidTransition):
        fsm.TABLE.next_state(s.MANAGE, s.DEBOUNCED)
    assert 'digraph "process"' in fsm.TABLE.to_dot()


# -- restart and debounce ------------------------------------------------

def test_death_restart_debounce_recover_without_alarm():
    h = Harness(restarts=3, interval=5, debounce=10, startuptime=2,
                severity='major')
    assert h.state == s.MANAGE
    assert h.alarms.calls == [('clear', '200.006',
                               'host=worker-0.process=daemon', None)]
    h.kill()
    h.run(0.5)
    assert h.restarter.restarts == 1              # restarted at once
    assert h.state == s.MONITOR_WAIT
    assert h.events() == [('log', 'major')]        # first failure: log
    h.run(1.5)
    assert h.state == s.MONITOR_WAIT               # startuptime: 2 s
    h.run(0.5)
    assert h.state == s.MONITOR
    h.run(9.5)
    assert h.state == s.MONITOR                    # debounce: 10 s
    h.run(0.5)
    assert h.state == s.MANAGE and h.mon.restarts_done == 0
    assert h.alarm is None and h.events() == [('log', 'major')]


def test_death_during_debounce_is_a_failed_restart():
    h = Harness(restarts=5, interval=3, debounce=10, startuptime=1)
    h.kill()
    h.run(1.5)
    assert h.state == s.MONITOR
    h.kill()
    h.run(0.5)
    assert h.state == s.RESTART_WAIT and h.restarter.restarts == 1
    h.run(2.5)
    assert h.restarter.restarts == 1               # interval: 3 s
    h.run(0.5)
    assert h.restarter.restarts == 2 and h.state == s.MONITOR_WAIT
    assert h.events() == [('log', 'minor')]        # one log per cycle


@pytest.mark.parametrize('severity, event, affecting', [
    ('minor', s.EVENT_MINOR, False),
    ('major', s.EVENT_MAJOR, True),
    ('critical', s.EVENT_CRITICAL, True),
])
def test_threshold_action_by_severity(severity, event, affecting):
    h = Harness(restarts=2, interval=1, debounce=5, startuptime=1,
                severity=severity, outcomes=[False, False, False, True])
    h.kill()
    h.run(1.5)                  # restart 1 did not start the process
    assert h.alarm is None and h.state == s.RESTART_WAIT
    h.run(2.0)                  # restart 2 did not either: threshold
    assert h.restarter.restarts == 2
    fault = h.alarm
    assert fault.severity == severity
    assert fault.service_affecting is affecting
    assert "'daemon' process" in fault.reason_text
    assert h.events() == [('log', severity), (event, severity)]
    ev = [e for e in h.notifier.events if e.event == event][0]
    assert ev.degrades == (severity == 'major')
    assert ev.fails == (severity == 'critical')
    h.run(2.0)                  # pmond keeps trying: restart 3 fails too
    assert h.restarter.restarts == 3
    assert h.alarms.count('set') == 1              # raised once
    h.run(2.0)                  # restart 4 works, then debounce
    assert h.state == s.MONITOR
    h.run(5.0)
    assert h.state == s.MANAGE
    assert h.alarm is None
    assert h.events()[-1] == (s.EVENT_RECOVERED, severity)


def test_reason_texts_are_starlingx_ones():
    h = Harness(restarts=1, severity='critical', outcomes=[False])
    h.kill()
    h.run(1.0)
    assert h.alarm.reason_text == (
        "worker-0 critical 'daemon' process has failed and could not be "
        "auto-recovered gracefully. Auto-recovery progression by host "
        "reboot is required and in progress.")
    h = Harness(restarts=1, severity='major', outcomes=[False])
    h.kill()
    h.run(1.0)
    assert h.alarm.reason_text == (
        "worker-0 is degraded due to the failure of its 'daemon' process. "
        "Auto recovery of this major process is in progress.")


def test_no_auto_restart_alarms_at_once_and_waits_for_manual_recovery():
    h = Harness(restarts=0, debounce=4, severity='minor')
    h.kill()
    h.run(0.5)
    assert h.state == s.FAILED and h.restarter.restarts == 0
    assert h.alarm.reason_text == ("worker-0 'daemon' process has failed. "
                                   "Manual recovery is required.")
    assert h.events() == [('log', 'minor'), ('minor', 'minor')]
    h.run(10)
    assert h.state == s.FAILED
    h.probe.alive = True                           # started by hand
    h.run(0.5)
    assert h.state == s.MONITOR
    h.run(4)
    assert h.state == s.MANAGE and h.alarm is None


def test_process_back_by_itself_while_waiting_to_retry():
    h = Harness(restarts=3, interval=10, debounce=2, startuptime=1,
                outcomes=[False])
    h.kill()
    h.run(1.5)
    assert h.state == s.RESTART_WAIT
    h.probe.alive = True
    h.run(0.5)
    assert h.state == s.MONITOR
    h.run(2)
    assert h.state == s.MANAGE and h.restarter.restarts == 1


def test_not_running_at_start_is_a_failure():
    h = Harness(alive=False, restarts=2, startuptime=1, debounce=1)
    assert h.state == s.MONITOR_WAIT and h.restarter.restarts == 1
    assert h.events() == [('log', 'minor')]


def test_major_events_are_sent_again_while_failed():
    h = Harness(restarts=1, interval=100, severity='major',
                outcomes=[False])
    h.kill()
    h.run(1.0)
    h.mon.resend()
    again = [e for e in h.notifier.events if e.resend]
    assert [(e.event, e.severity) for e in again] == [('major', 'major')]
    minor = Harness(restarts=1, interval=100, outcomes=[False])
    minor.kill()
    minor.run(1.0)
    minor.mon.resend()
    assert not [e for e in minor.notifier.events if e.resend]


# -- deferral, ignore, active ----------------------------------------------

def test_full_init_reqd_waits_for_goenabled():
    h = Harness(restarts=3, interval=2, startuptime=1, full_init_reqd=True)
    h.goenabled = False
    h.kill()
    h.run(5)
    assert h.restarter.restarts == 0 and h.state == s.RESTART_WAIT
    h.goenabled = True
    h.run(2)
    assert h.restarter.restarts == 1


def test_subfunction_polls_until_configured():
    cfg = pconfig.ProcessConfig(process='w', script='/w', pidfile='/w.pid',
                                subfunction='worker')
    probe = FakeProbe()
    ready = []
    mon = monitor.ProcessMonitor(cfg, HOST, probe, FakeRestarter(probe),
                                 AlarmRecorder(), lambda e: None,
                                 subfunction_ready=lambda: bool(ready))
    mon.start(0)
    mon.tick(1)
    assert mon.state == s.POLLING
    ready.append(True)
    mon.tick(2)
    assert mon.state == s.MANAGE


def test_ignore_mode_is_not_monitored():
    h = Harness(mode='ignore')
    h.kill()
    h.run(5)
    assert h.state == s.IGNORE and h.restarter.restarts == 0


def test_missed_heartbeats_kill_and_restart_a_hung_process():
    cfg = pconfig.ProcessConfig(process='a', script='/a', pidfile='/a',
                                mode='active', port=1, period=2, timeout=1,
                                threshold=2)
    beat = active.Heartbeat(cfg)
    h = Harness(heartbeat=beat, process='a', mode='active', port=1,
                period=2, timeout=1, threshold=2, restarts=3)
    for now in (2.0, 4.0):          # two requests, no reply
        beat.sent(now)
        beat.expire(now + 1)
    assert beat.failed()
    h.run(0.5)
    assert h.probe.killed == 1 and h.restarter.restarts == 1
    assert h.mon.reason == 'stopped answering its heartbeat'
    assert beat.misses == 0                        # reset by the restart
