"""The administrative flows: lock, force-lock, reboot, reset, power-on,
power-off, reinstall, and the active controller's own unlock.

========================  =============================================
flow                      stages (:mod:`mtce.agent.host_fsm`)
========================  =============================================
:class:`Disable`          lock: services stopped, locked-disabled-online,
                          200.001; force-lock: the host reset instead
:class:`Reboot`           reboot request on every network, retried;
                          then a BMC reset, else "Reboot Failed, try
                          again when host is 'online'"
:class:`BmcAction`        power state queried, command, state verified,
                          retried ("Reset Failed, retrying (n of m)")
:class:`Reinstall`        BMC power cycle (or wipedisk and reboot), then
                          offline -> online within the reinstall timeout
:class:`SelfUnlock`       the active controller's first unlock: a lazy
                          reboot of itself
========================  =============================================
"""
from oslo_log import log

from mtce.agent import host_fsm as f
from mtce.agent.flows import Flow
from mtce.common import messages as m
from mtce.common import states as s

LOG = log.getLogger(__name__)


class Disable(Flow):
    """Lock (``force``: force-lock)."""

    table = f.DISABLE
    owns_degrade = True

    def __init__(self, engine, host, force=False):
        super().__init__(engine, host)
        self.force = force
        self.pending = None

    def start(self):
        host = self.host
        engine = self.engine
        engine.heartbeat_monitor(host, False)
        task = s.TASK_DISABLING_CONTROLLER if host.is_controller \
            else s.TASK_DISABLING
        was = host.state
        engine.set_state(host, f.EV_LOCK, task)
        if self.force:
            engine.alarms.command(host.hostname, 'force-lock')
            self.move(f.E_FORCE_LOCK)
        elif host.state == s.LOCKED_OFFDUTY:
            self.move(f.E_LOCK)
        else:
            LOG.info('%s locked from %s: nothing to stop', host.name, was)
            self.stage = f.DS_DONE
            self.enter_done(f.DS_START)

    def enter_services_stop(self, previous):
        self.after(self.conf.timeouts.host_services_timeout, self.move,
                   f.E_TIMEOUT)
        self._stop_services()

    def _stop_services(self):
        self.pending = self.send(m.CMD_STOP_SERVICES,
                                 {'personality': self.host.personality})
        self.after(5.0, self._stop_services)

    def on_result(self, result):
        if self.stage == f.DS_SERVICES_STOP and \
                result.ident == self.pending and \
                result.status != m.STATUS_ACK:
            if result.status == m.STATUS_FAIL:
                LOG.warning('%s: stopping services failed: %s',
                            self.host.name, result.reason)
            self.move(f.E_STOPPED)

    def enter_reset(self, previous):
        self.engine.set_task(self.host, s.TASK_FORCE_LOCK)
        self.down = False
        if not self.engine.bmc_call(self.host, 'reset', self._reset_done):
            self.send(m.CMD_REBOOT)
        self.after(self.conf.timeouts.force_lock_reset_wait, self.move,
                   f.E_TIMEOUT)

    def _reset_done(self, result, error):
        if error is not None and self.current:
            self.send(m.CMD_REBOOT)

    def on_mtcalive(self, alive, rebooted):
        if self.stage == f.DS_RESET and rebooted:
            self.move(f.E_OFFLINE)

    def enter_done(self, previous):
        host = self.host
        engine = self.engine
        self.send(m.CMD_LOCKED)
        if previous == f.DS_SERVICES_STOP:
            engine.set_state(host, f.EV_DISABLED, s.TASK_NONE)
        elif previous == f.DS_RESET:
            engine.set_state(host, f.EV_REBOOTING, s.TASK_NONE)
        else:
            engine.set_task(host, s.TASK_NONE)
        engine.alarms.set('200.001', host.hostname)
        for alarm_id in ('200.004', '200.011', '200.013'):
            engine.alarms.clear(alarm_id, host.hostname, force=True)
        host.ar_counts.clear()
        host.ar_disabled = False
        host.recovery_count = 0
        host.degrade_mask = 0
        host.degraded_processes.clear()
        LOG.info('%s locked (%s)', host.name, host.state)
        self.finish()


class Reboot(Flow):
    """Reboot of a locked host."""

    table = f.REBOOT

    def __init__(self, engine, host):
        super().__init__(engine, host)
        self.attempts = 0
        self.pending = None
        self.old_boot = host.boot_id

    def start(self):
        self.engine.alarms.command(self.host.hostname, 'reboot')
        self.engine.set_task(self.host, s.TASK_REBOOT_REQUEST)
        self.enter_request(None)

    def enter_request(self, previous):
        self.attempts += 1
        retries = self.conf.timeouts.reboot_retries
        if self.attempts > 1:
            self.engine.set_task(self.host, s.TASK_REBOOT_RETRY % (
                self.attempts - 1, retries))
        self.pending = self.send(m.CMD_REBOOT)
        self.move(f.E_SENT)

    def enter_wait_offline(self, previous):
        self.after(self.conf.timeouts.reboot_ack_timeout, self._no_answer)

    def _no_answer(self):
        if self.attempts < self.conf.timeouts.reboot_retries:
            self.move(f.E_RETRY)
        elif self.engine.bmc_usable(self.host):
            self.move(f.E_EXHAUSTED)
        else:
            self.move(f.E_NO_BMC)

    def on_result(self, result):
        if self.stage == f.RB_WAIT and result.ident == self.pending:
            self.move(f.E_OFFLINE)

    def on_mtcalive(self, alive, rebooted):
        if rebooted and self.stage in (f.RB_WAIT, f.RB_BMC_RESET):
            self.move(f.E_OFFLINE)
            self.engine.set_state(self.host, f.EV_MTCALIVE, s.TASK_NONE)

    def enter_bmc_reset(self, previous):
        self.engine.set_task(self.host, s.TASK_REBOOT_RESET)
        self.engine.bmc_call(self.host, 'reset', self._reset_done)

    def _reset_done(self, result, error):
        if self.current and self.stage == f.RB_BMC_RESET:
            self.move(f.E_FAIL if error is not None else f.E_OFFLINE)

    def enter_done(self, previous):
        self.engine.set_state(self.host, f.EV_REBOOTING, s.TASK_REBOOTING)
        self.finish()

    def enter_failed(self, previous):
        self.engine.set_task(self.host, s.TASK_REBOOT_FAIL, hold=True)
        self.finish()


# action: (BMC method, power state it needs, task while running,
#          retry task, completion task, failure task, no-BMC task,
#          attempts option, interval option)
_BMC = {
    s.ACTION_RESET: ('reset', 'on', s.TASK_RESETTING, s.TASK_RESET_RETRY,
                     s.TASK_RESET_DONE, s.TASK_RESET_FAIL,
                     s.TASK_RESET_FAIL, 'reset_retries',
                     'reset_retry_interval'),
    s.ACTION_POWER_ON: ('power_on', 'off', s.TASK_POWERING_ON,
                        s.TASK_POWER_ON_RETRY, s.TASK_POWER_ON_DONE,
                        s.TASK_POWER_ON_FAIL, s.TASK_POWER_ON_NO_BMC,
                        'power_retries', 'power_retry_interval'),
    s.ACTION_POWER_OFF: ('power_off', 'on', s.TASK_POWERING_OFF,
                         s.TASK_POWER_OFF_RETRY, s.TASK_POWER_OFF_DONE,
                         s.TASK_POWER_OFF_FAIL, s.TASK_POWER_OFF_NO_BMC,
                         'power_retries', 'power_retry_interval'),
}
VERIFY_POLL = 1.0


class BmcAction(Flow):
    """reset / power-on / power-off of a locked host through its BMC."""

    table = f.BMC_ACTION

    def __init__(self, engine, host, action):
        super().__init__(engine, host)
        self.action = action
        (self.method, self.needs, self.running, self.retry_task,
         self.done_task, self.fail_task, self.no_bmc_task, attempts,
         interval) = _BMC[action]
        self.retries = getattr(self.conf.timeouts, attempts)
        self.interval = getattr(self.conf.timeouts, interval)
        self.attempts = 0
        self.bmc_error = None

    def start(self):
        self.engine.alarms.command(self.host.hostname, self.action)
        task = s.TASK_RESET_REQUEST if self.action == s.ACTION_RESET \
            else self.running
        self.engine.set_task(self.host, task)
        self.enter_query(None)

    def _bmc(self, operation, callback):
        if not self.engine.bmc_call(self.host, operation, callback):
            self.bmc_error = 'no BMC'
            self.move(f.E_BMC_ERROR)

    def enter_query(self, previous):
        self.attempts += 1
        self._bmc('power_status', self._status)

    def _status(self, status, error):
        if not self.current or self.stage != f.BA_QUERY:
            return
        if error is not None:
            self.bmc_error = error
            self.move(f.E_BMC_ERROR)
        elif status == self.needs:
            self.move(f.E_READY)
        elif self.action == s.ACTION_RESET:
            self.move(f.E_REFUSE)
        else:
            self.move(f.E_ALREADY)

    def enter_command(self, previous):
        self.engine.set_task(self.host, self.running)
        self._bmc(self.method, self._sent)

    def _sent(self, result, error):
        if not self.current or self.stage != f.BA_COMMAND:
            return
        if error is not None:
            self.bmc_error = error
            self.move(f.E_BMC_ERROR)
            return
        self.move(f.E_SENT)

    def enter_verify(self, previous):
        if self.action == s.ACTION_RESET:
            self.move(f.E_CONFIRMED)
            return
        self.after(self.conf.timeouts.power_verify_timeout, self.move,
                   f.E_TIMEOUT)
        self._poll()

    def _poll(self):
        self._bmc('power_status', self._verified)
        self.after(VERIFY_POLL, self._poll)

    def _verified(self, status, error):
        if self.current and self.stage == f.BA_VERIFY and error is None \
                and status != self.needs:
            self.move(f.E_CONFIRMED)

    def enter_retry_wait(self, previous):
        if self.attempts >= self.retries or self.bmc_error == 'no BMC':
            self.move(f.E_EXHAUSTED)
            return
        self.engine.set_task(self.host, self.retry_task % (self.attempts,
                                                           self.retries))
        self.after(self.interval, self.move, f.E_RETRY)

    def enter_done(self, previous):
        host = self.host
        engine = self.engine
        if self.action == s.ACTION_RESET:
            engine.set_state(host, f.EV_REBOOTING, s.TASK_RESETTING)
        elif self.action == s.ACTION_POWER_OFF:
            engine.set_state(host, f.EV_POWERED_OFF, self.done_task,
                             hold=True)
        else:
            host.powered_on_at = engine.clock()
            engine.set_state(host, f.EV_POWERED_ON, self.done_task,
                             hold=True)
        self.finish()

    def enter_refused(self, previous):
        self.engine.set_task(self.host, s.TASK_RESET_POWERED_OFF, hold=True)
        self.finish()

    def enter_failed(self, previous):
        access = self.bmc_error == 'no BMC' or \
            type(self.bmc_error).__name__ == 'BMCAccessError'
        self.engine.set_task(self.host, self.no_bmc_task if access
                             else self.fail_task, hold=True)
        LOG.error('%s: %s failed: %s', self.host.name, self.action,
                  self.bmc_error)
        self.finish()


class Reinstall(Flow):
    """Reinstall of a locked host."""

    table = f.REINSTALL

    def __init__(self, engine, host):
        super().__init__(engine, host)
        self.went_down = False

    def start(self):
        self.engine.alarms.command(self.host.hostname, 'reinstall')
        self.engine.set_task(self.host, s.TASK_REINSTALLING)
        self.deadline = self.engine.clock() + \
            self.conf.timeouts.node_reinstall_timeout
        if self.engine.bmc_usable(self.host):
            self.move(f.E_BMC)
        else:
            self.move(f.E_NO_BMC)

    def _remaining(self):
        return max(1.0, self.deadline - self.engine.clock())

    def enter_power_cycle(self, previous):
        self.engine.bmc_call(self.host, 'power_cycle', self._cycled)

    def _cycled(self, result, error):
        if self.current and self.stage == f.RI_POWER_CYCLE:
            self.move(f.E_BMC_ERROR if error is not None else f.E_SENT)

    def enter_wipe(self, previous):
        self.send(m.CMD_WIPEDISK)
        self.send(m.CMD_REBOOT)
        self.after(self.conf.timeouts.reboot_ack_timeout, self.move,
                   f.E_TIMEOUT)

    def on_result(self, result):
        if self.stage == f.RI_WIPE and result.command == m.CMD_REBOOT:
            self.move(f.E_SENT)

    def enter_offline_wait(self, previous):
        self.engine.set_state(self.host, f.EV_REBOOTING)
        self.move(f.E_OFFLINE)

    def enter_online_wait(self, previous):
        self.after(self._remaining(), self.move, f.E_TIMEOUT)

    def on_mtcalive(self, alive, rebooted):
        if self.stage == f.RI_ONLINE_WAIT and rebooted:
            self.move(f.E_ONLINE)

    def enter_done(self, previous):
        self.engine.set_state(self.host, f.EV_MTCALIVE)
        self.engine.set_task(self.host, s.TASK_REINSTALL_DONE, hold=True)
        self.engine.alarms.state(self.host.hostname, 'status',
                                 'reinstall-complete')
        self.finish()

    def enter_failed(self, previous):
        reason = 'BMC power cycle failed' if previous == f.RI_POWER_CYCLE \
            else 'timeout'
        self.engine.set_task(self.host, s.TASK_REINSTALL_FAIL % reason,
                             hold=True)
        self.engine.alarms.state(self.host.hostname, 'status',
                                 'reinstall-failed')
        self.finish()


class SelfUnlock(Flow):
    """The first unlock of the controller mtce-agent runs on: it reboots
    itself (lazily, after ``[client] lazy_reboot_delay``); its next
    mtce-agent finds it unlocked-disabled and enables it in place."""

    def start(self):
        engine = self.engine
        engine.set_state(self.host, f.EV_UNLOCK, s.TASK_SELF_UNLOCK)
        self.send(m.CMD_LAZY_REBOOT)
        self.after(5.0, self._again)

    def _again(self):
        self.send(m.CMD_LAZY_REBOOT)
        self.after(5.0, self._again)

    def on_result(self, result):
        if result.command == m.CMD_LAZY_REBOOT:
            LOG.warning('%s (this controller) reboots to complete its '
                        'unlock', self.host.name)
            self.cancel()
