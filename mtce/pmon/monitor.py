"""Monitoring of one process: the FSM of :mod:`mtce.pmon.fsm` with its
actions.

On a death (the pidfile's process gone, a failing status command, or a
missed-heartbeat threshold in active mode):

* the first failure of a cycle is a ``log`` event;
* the process is restarted at once, then after every failed attempt
  ``interval`` seconds later; a restarted process must be found running
  ``startuptime`` seconds after the restart and then stay up ``debounce``
  seconds to count as recovered;
* when ``restarts`` back-to-back attempts have failed, the severity
  action happens once per failure cycle: 200.006 raised at the process's
  severity and a ``minor`` / ``major`` (degrade) / ``critical`` (fail)
  event; pmond keeps restarting it at ``interval``;
* ``restarts = 0``: no restart; the action happens at once and pmond
  waits for the process to come back (manual recovery);
* on recovery the restart count clears, and 200.006 with it (a
  ``recovered`` event).
"""
from oslo_log import log

from mtce.pmon import alarm, events, fsm
from mtce.pmon import states as s

LOG = log.getLogger(__name__)

THRESHOLD_EVENTS = {'minor': s.EVENT_MINOR, 'major': s.EVENT_MAJOR,
                    'critical': s.EVENT_CRITICAL}


class ProcessMonitor:
    """One monitored process.

    :param probe: tells whether the process lives (``check()``, ``known``,
        ``forget()``, ``kill()``; see :mod:`mtce.pmon.process`).
    :param restarter: runs restart commands (``restart(cfg)``).
    :param alarms: the alarm client (``set_fault`` / ``clear_fault``).
    :param notify: called with each :class:`~mtce.pmon.events.ProcessEvent`.
    :param subfunction_ready: callable; False defers monitoring (polling).
    :param goenabled: callable; False defers restarts of full_init_reqd
        processes.
    :param heartbeat: active mode's heartbeat (``failed()``, ``reset()``,
        ``enabled``), or None.
    """

    def __init__(self, cfg, hostname, probe, restarter, alarms, notify,
                 subfunction_ready=lambda: True, goenabled=lambda: True,
                 heartbeat=None):
        self.cfg = cfg
        self.hostname = hostname
        self.probe = probe
        self.restarter = restarter
        self.alarms = alarms
        self._notify = notify
        self.subfunction_ready = subfunction_ready
        self.goenabled = goenabled
        self.heartbeat = heartbeat
        self.state = fsm.TABLE.initial
        self.restarts_done = 0
        self.in_cycle = False
        self.alarmed = None           # severity of the raised 200.006
        self.deadline = None
        self.reason = ''
        self._handlers = {
            s.POLLING: self._poll, s.MANAGE: self._manage,
            s.MONITOR_WAIT: self._monitor_wait, s.MONITOR: self._monitor,
            s.RESTART_WAIT: self._restart_wait, s.FAILED: self._failed,
            s.IGNORE: lambda now: None,
        }

    @property
    def name(self):
        return self.cfg.process

    @property
    def entity(self):
        return alarm.entity(self.hostname, self.name)

    @property
    def healthy(self):
        """Not failed: managed, ignored or still waiting to be monitored."""
        return self.state in (s.MANAGE, s.IGNORE, s.POLLING)

    def __repr__(self):
        return '<ProcessMonitor %s %s restarts=%d alarmed=%s>' % (
            self.name, self.state, self.restarts_done, self.alarmed)

    # -- driving -----------------------------------------------------------
    def start(self, now):
        if not self.cfg.monitored:
            self.state = s.IGNORE
            LOG.info('%s: mode ignore; not monitored', self.name)
            return
        self.state = s.POLLING
        self._poll(now)

    def tick(self, now):
        """One audit: whatever the current state needs doing."""
        self._handlers[self.state](now)

    def stop(self, clear_alarm=False):
        """Stop monitoring (process file removed, or pmond stopping)."""
        stop = getattr(self.probe, 'stop', None)
        if stop is not None:
            stop()
        if clear_alarm and self.alarmed:
            self.alarms.clear_fault(alarm.ALARM_PROCESS_FAILURE, self.entity)
            self.alarmed = None

    def resend(self):
        """Repeat a degrade/fail event while the process stays failed."""
        if self.alarmed in ('major', 'critical') and not self.healthy:
            self._send(THRESHOLD_EVENTS[self.alarmed], resend=True)

    # -- helpers -----------------------------------------------------------
    def _move(self, event):
        previous = self.state
        self.state = fsm.TABLE.next_state(self.state, event)
        LOG.debug('%s: %s --%s--> %s', self.name, previous, event,
                  self.state)

    def _send(self, event, resend=False):
        self._notify(events.ProcessEvent(
            hostname=self.hostname, process=self.name, event=event,
            severity=self.cfg.severity, state=self.state,
            reason=self.reason, restarts=self.restarts_done, resend=resend))

    def _alive(self):
        alive = self.probe.check()
        if alive and self.heartbeat is not None and self.heartbeat.failed():
            LOG.error('%s: no heartbeat reply %d times back-to-back; '
                      'killing pid %s', self.name,
                      self.heartbeat.misses, self.probe.pid)
            self.probe.kill()
            self.probe.forget()
            self.reason = 'stopped answering its heartbeat'
            return False
        if not alive:
            self.reason = getattr(self.probe, 'last_output', '') or \
                'process not running'
        return alive

    # -- states --------------------------------------------------------------
    def _poll(self, now):
        if not self.subfunction_ready():
            return
        self._move(s.READY)
        if self._alive():
            LOG.info('%s: monitoring (pid %s, %s mode)', self.name,
                     self.probe.pid, self.cfg.mode)
            # an alarm left by an earlier pmond for a process now running
            self.alarms.clear_fault(alarm.ALARM_PROCESS_FAILURE,
                                    self.entity)
            if self.heartbeat is not None:
                self.heartbeat.reset(now)
        else:
            self._died(now)

    def _manage(self, now):
        if not self._alive():
            self._died(now)

    def _died(self, now):
        if not self.in_cycle:
            self.in_cycle = True
            LOG.error('%s: failed (%s)', self.name, self.reason)
            self._send(s.EVENT_LOG)
        if not self.cfg.auto_restart:
            self._move(s.NO_RESTART)
            self._threshold(manual=True)
            return
        self._move(s.DIED)
        self._respawn(now)

    def _respawn(self, now):
        if self.cfg.full_init_reqd and not self.goenabled():
            LOG.info('%s: restart deferred until goenabled', self.name)
            self._move(s.DEFER)
            self.deadline = now + max(self.cfg.interval, 1.0)
            return
        self.probe.forget()
        if self.heartbeat is not None:
            self.heartbeat.reset(now)
        self.restarter.restart(self.cfg)
        self.restarts_done += 1
        self._move(s.RESTART)
        self.deadline = now + self.cfg.startuptime

    def _monitor_wait(self, now):
        if now < self.deadline:
            return
        alive = self._alive()
        if not getattr(self.probe, 'known', True):
            return                      # status mode: no fresh answer yet
        if alive:
            self._move(s.STARTED)
            self.deadline = now + self.cfg.debounce
            LOG.info('%s: running again (pid %s); debounce %ss', self.name,
                     self.probe.pid, self.cfg.debounce)
            self._monitor(now)
        else:
            self._move(s.NOT_STARTED)
            self._restart_failed(now)

    def _monitor(self, now):
        if not self._alive():
            self._move(s.DIED)
            self._restart_failed(now)
        elif now >= self.deadline:
            self._recovered()

    def _restart_failed(self, now):
        LOG.warning('%s: restart attempt %d failed (threshold %d): %s',
                    self.name, self.restarts_done, self.cfg.restarts,
                    self.reason)
        if self.restarts_done >= self.cfg.restarts and not self.alarmed:
            self._threshold()
        self.deadline = now + self.cfg.interval

    def _found(self):
        """Running, as a settled answer (status mode: a fresh one)."""
        return self._alive() and getattr(self.probe, 'known', True)

    def _restart_wait(self, now):
        if self._found():
            self._move(s.FOUND)
            self.deadline = now + self.cfg.debounce
        elif now >= self.deadline:
            self._move(s.RETRY)
            self._respawn(now)

    def _failed(self, now):
        if self._found():
            LOG.info('%s: running again (pid %s)', self.name, self.probe.pid)
            self._move(s.FOUND)
            self.deadline = now + self.cfg.debounce

    def _recovered(self):
        self._move(s.DEBOUNCED)
        LOG.info('%s: recovered after %d restart(s)', self.name,
                 self.restarts_done)
        self.restarts_done = 0
        self.in_cycle = False
        self.reason = ''
        if self.alarmed:
            self.alarms.clear_fault(alarm.ALARM_PROCESS_FAILURE, self.entity)
            self.alarmed = None
            self._send(s.EVENT_RECOVERED)

    def _threshold(self, manual=False):
        severity = self.cfg.severity
        LOG.error('%s: %s failure threshold reached after %d restart(s)',
                  self.name, severity, self.restarts_done)
        self.alarms.set_fault(alarm.process_fault(self.hostname, self.name,
                                                  severity, manual=manual))
        self.alarmed = severity
        self._send(THRESHOLD_EVENTS[severity])
