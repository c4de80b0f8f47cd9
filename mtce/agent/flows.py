"""The enable flows: unlock, auto-recovery, graceful recovery.

:class:`Enable` (StarlingX's ``enable_handler``) takes an unlocked host
through its stages (:data:`mtce.agent.host_fsm.ENABLE`): reboot ->
first mtcAlive of the new boot -> configured -> goenabled tests -> host
services -> heartbeat soak -> unlocked-enabled-available. A failure
raises 200.004 (200.011 for configuration), marks the host failed and
retries after the cause's ``ar_<cause>_interval`` unless the cause
failed more than its ``ar_<cause>_threshold``: then "threshold reached,
Lock/Unlock to retry". The host mtce-agent runs on is never rebooted by
its own agent: it is tested in place, and a failure leaves it degraded
with 200.004 while it is the only enabled controller.

:class:`Recovery` (``recovery_handler``) follows a heartbeat loss: it
asks for an mtcAlive; a host that answers without having rebooted is
soaked again with no impact; one that rebooted is tested again without
another reboot; a silent one is failed, sent a reboot on every network,
powered on if its BMC says it is off, and reset through its BMC after
``bmc_reset_delay`` unless it comes back first.
"""
from oslo_log import log

from mtce.agent import host_fsm as f
from mtce.common import degrade
from mtce.common import messages as m
from mtce.common import states as s

LOG = log.getLogger(__name__)

RESEND = 5.0            # seconds between two sends of a pending command
POWER_ON_GRACE = 120.0  # a host powered on this recently is not rebooted
ARM_GRACE = 0.5         # soak checks of a network not yet counted
ALIVE_FRESH = 2.0       # an mtcAlive this recent shows the host is up


class Flow:
    """One flow of one host, moved by a stage table."""

    table = None

    def __init__(self, engine, host):
        self.engine = engine
        self.host = host
        self.conf = engine.conf
        self.stage = self.table.initial if self.table else None
        self.cancelled = False
        self._timers = []

    def __repr__(self):
        return '<%s %s %s>' % (type(self).__name__, self.host.name,
                               self.stage)

    # -- plumbing --------------------------------------------------------
    @property
    def current(self):
        return not self.cancelled and self.host.flow is self

    def cancel(self):
        self.cancelled = True
        for timer in self._timers:
            timer.cancel()
        self._timers = []

    def after(self, delay, func, *args):
        """Call ``func(*args)`` later if this flow is still current and
        in the same stage."""
        stage = self.stage

        def run():
            if self.current and self.stage == stage:
                func(*args)

        timer = self.engine.schedule(delay, run)
        self._timers.append(timer)
        return timer

    def move(self, event):
        previous = self.stage
        self.stage = self.table.next_state(self.stage, event)
        for timer in self._timers:
            timer.cancel()
        self._timers = []
        LOG.debug('%s: %s --%s--> %s', self.host.name, previous, event,
                  self.stage)
        handler = getattr(self, 'enter_' + self.stage.replace('-', '_'),
                          None)
        if handler is not None:
            handler(previous)

    def finish(self):
        self.cancel()
        self.engine.flow_done(self)

    def state(self, event, task=None, hold=False):
        return self.engine.set_state(self.host, event, task, hold)

    def task(self, text, hold=False):
        self.engine.set_task(self.host, text, hold)

    def send(self, command, args=None):
        return self.engine.send(self.host, command, args)

    def soak(self):
        """Heartbeat the host for ``[timeouts] heartbeat_soak``: then
        E_SOAKED once its heartbeat is good, E_HEARTBEAT_LOSS if it is
        still not when the networks had time to arm."""
        self.engine.heartbeat_monitor(self.host, True)
        self.give_up_at = self.engine.clock() + \
            self.conf.timeouts.heartbeat_soak + \
            self.conf.heartbeat.arm_timeout + 2 * ARM_GRACE
        self.after(self.conf.timeouts.heartbeat_soak, self._soak_check)

    def _soak_check(self):
        if self.engine.heartbeat_ok(self.host):
            self.move(f.E_SOAKED)
        elif self.engine.clock() > self.give_up_at:
            self.move(f.E_HEARTBEAT_LOSS)
        else:
            self.after(ARM_GRACE, self._soak_check)

    # -- events (overridden by the flows that use them) ---------------------
    def start(self):
        raise NotImplementedError

    def on_mtcalive(self, alive, rebooted):
        pass

    def on_result(self, result):
        pass

    def on_heartbeat(self, event):
        pass

    def on_critical(self, reason):
        """A critical process failed during the flow."""


class Enable(Flow):
    """Unlock / auto-recovery of an unlocked host."""

    table = f.ENABLE
    owns_degrade = True

    def __init__(self, engine, host, reboot=True, cause=None):
        super().__init__(engine, host)
        self.reboot = reboot
        self.attempts = 0
        self.old_boot = None
        self.started_at = None
        self.pending = None
        self.cause = cause

    # -- start and reboot ------------------------------------------------
    def start(self):
        host = self.host
        self.started_at = self.engine.clock()
        self.engine.heartbeat_monitor(host, False)
        for bit in degrade.HEARTBEAT.values():
            host.degrade_mask = degrade.clear_bit(host.degrade_mask, bit)
        self.old_boot = host.boot_id
        recently_on = (host.powered_on_at is not None and
                       self.engine.clock() - host.powered_on_at <
                       POWER_ON_GRACE)
        if self.engine.is_self(host) or not self.reboot or recently_on:
            self.reboot = False
            self.move(f.E_SKIP_REBOOT)
        else:
            self.move(f.E_REBOOT)

    def enter_reset_progression(self, previous):
        self.attempts += 1
        retries = self.conf.timeouts.reboot_retries
        if self.attempts == 1:
            task = s.TASK_REBOOTING
        else:
            task = s.TASK_REBOOT_RETRY % (self.attempts - 1, retries)
        self.task(task)
        if self.attempts > retries and self.engine.bmc_call(
                self.host, 'reset', self._bmc_reset_done):
            self.task(s.TASK_REBOOT_RESET)
            self.after(self.conf.timeouts.reboot_ack_timeout * 3,
                       self.move, f.E_TIMEOUT)
            return
        if self.attempts > retries:
            self.move(f.E_TIMEOUT)
            return
        self.pending = self.send(m.CMD_REBOOT)
        self.after(self.conf.timeouts.reboot_ack_timeout, self.move,
                   f.E_RETRY)

    def _bmc_reset_done(self, result, error):
        if self.current and self.stage == f.EN_RESET_PROGRESSION and \
                error is None:
            self._went_down()

    def _went_down(self):
        self.state(f.EV_REBOOTING)
        self.move(f.E_OFFLINE)

    def on_result(self, result):
        if result.ident != self.pending:
            return
        if self.stage == f.EN_RESET_PROGRESSION and \
                result.command == m.CMD_REBOOT:
            self._went_down()
        elif self.stage == f.EN_GOENABLED_WAIT and \
                result.status != m.STATUS_ACK:
            self.move(f.E_PASS if result.status == m.STATUS_PASS
                      else f.E_FAIL)
        elif self.stage == f.EN_SERVICES_WAIT and \
                result.status != m.STATUS_ACK:
            if result.status != m.STATUS_PASS:
                LOG.warning('%s: host services failed: %s', self.host.name,
                            result.reason)
            self.move(f.E_PASS if result.status == m.STATUS_PASS
                      else f.E_FAIL)

    # -- boot ------------------------------------------------------------
    def enter_boot_wait(self, previous):
        self.task(s.TASK_BOOTING)
        self.after(self.engine.boot_timeout(self.host), self.move,
                   f.E_TIMEOUT)
        if not self.reboot:
            if self.host.heard_since(self.engine.clock() - ALIVE_FRESH):
                self.state(f.EV_BOOTED)
                self.move(f.E_MTCALIVE)
                return
            self._request_alive()

    def _request_alive(self):
        """Ask for an mtcAlive until one comes (no reboot expected)."""
        self.send(m.CMD_REQ_MTCALIVE)
        self.after(1.0, self._request_alive)

    def on_mtcalive(self, alive, rebooted):
        if self.stage == f.EN_RESET_PROGRESSION and self.host.boot_id != \
                self.old_boot and self.old_boot is not None:
            self._went_down()               # it rebooted before acking
            self.on_mtcalive(alive, rebooted)
            return
        if self.stage == f.EN_BOOT_WAIT:
            new_boot = self.old_boot is None or \
                self.host.boot_id != self.old_boot
            if new_boot or not self.reboot:
                self.state(f.EV_BOOTED)
                self.move(f.E_MTCALIVE)
        elif self.stage == f.EN_CONFIG_WAIT:
            self._check_config()

    def enter_config_wait(self, previous):
        self.task(s.TASK_TESTING)
        self.after(self.conf.timeouts.goenabled_timeout, self.move,
                   f.E_TIMEOUT)
        self._check_config()

    def _check_config(self):
        flags = self.host.flags
        if flags & (m.CONFIG_FAIL | m.LUKS_VOL_FAILED):
            self.cause = s.CAUSE_LUKS if flags & m.LUKS_VOL_FAILED \
                else s.CAUSE_CONFIG
            self.move(f.E_CONFIG_FAIL)
        elif flags & m.I_AM_CONFIGURED:
            self.move(f.E_CONFIGURED)
        else:
            self.send(m.CMD_REQ_MTCALIVE)

    # -- tests and services ------------------------------------------------
    def enter_goenabled_wait(self, previous):
        self.task(s.TASK_TESTING)
        self.after(self.conf.timeouts.goenabled_timeout, self.move,
                   f.E_TIMEOUT)
        self._send_pending(m.CMD_REQ_GOENABLED, {})

    def _send_pending(self, command, args):
        self.pending = self.send(command, args)
        self.after(RESEND, self._send_pending, command, args)

    def enter_services_wait(self, previous):
        self.task(s.TASK_INITIALIZING)
        self.after(self.conf.timeouts.host_services_timeout, self.move,
                   f.E_TIMEOUT)
        self._send_pending(m.CMD_START_SERVICES,
                           {'personality': self.host.personality})

    def enter_heartbeat_soak(self, previous):
        self.task(s.TASK_ENABLING)
        if self.engine.heartbeat_action() == 'none':
            self.move(f.E_SOAKED)
            return
        self.soak()

    def on_heartbeat(self, event):
        if self.stage == f.EN_HEARTBEAT_SOAK and event.kind in (
                'loss', 'degrade'):
            self.move(f.E_HEARTBEAT_LOSS)

    def on_critical(self, reason):
        if self.stage in (f.EN_SERVICES_WAIT, f.EN_HEARTBEAT_SOAK):
            self.cause = s.CAUSE_ENABLE
            self.move(f.E_FAIL if self.stage == f.EN_SERVICES_WAIT
                      else f.E_HEARTBEAT_LOSS)

    # -- outcome ---------------------------------------------------------
    def enter_enabled(self, previous):
        host = self.host
        engine = self.engine
        event = f.EV_ENABLED_DEGRADED if host.degraded() else f.EV_ENABLED
        if not engine.set_state(host, event, s.TASK_NONE):
            engine.put_state(host, s.ENABLED_DEGRADED if host.degraded()
                             else s.ENABLED_AVAILABLE, s.TASK_NONE)
        for alarm_id in ('200.004', '200.011'):
            engine.alarms.clear(alarm_id, host.hostname, force=True)
        host.ar_counts.clear()
        host.recovery_count = 0
        self.send(m.CMD_UNLOCKED)
        LOG.info('%s enabled', host.name)
        self.finish()

    def enter_failure(self, previous):
        host = self.host
        engine = self.engine
        cause = self.cause or f.FAILURE_CAUSE.get(previous, s.CAUSE_ENABLE)
        self.cause = None
        engine.heartbeat_monitor(host, False)
        count = host.ar_counts.get(cause, 0) + 1
        host.ar_counts[cause] = count
        alarm = '200.011' if cause == s.CAUSE_CONFIG else '200.004'
        LOG.warning('%s: enable failed in %s (%s failure %d)', host.name,
                    previous, cause, count)
        if engine.is_self(host):
            self._self_failure()
            return
        engine.alarms.set(alarm, host.hostname)
        threshold, interval = ar_settings(self.conf, cause)
        if f.ar_exhausted(count, threshold):
            host.ar_disabled = True
            self.state(f.EV_FAIL, s.AR_DISABLED_TASKS[cause])
            if host.state != s.UNLOCKED_FAILED:
                self.task(s.AR_DISABLED_TASKS[cause])
            self.move(f.E_THRESHOLD)
            return
        self.state(f.EV_FAIL, s.AR_RETRY_TASKS[cause])
        self.reboot = True
        self.after(interval, self._retry)

    def _retry(self):
        self.attempts = 0
        self.move(f.E_RETRY)

    def enter_start(self, previous):
        self.start()

    def enter_ar_disabled(self, previous):
        LOG.error('%s: auto-recovery disabled: %s', self.host.name,
                  self.host.task)
        self.finish()

    def _self_failure(self):
        self.finish()
        self_failure(self.engine, self.host)


class Recovery(Flow):
    """Graceful recovery of an enabled host after a heartbeat loss."""

    table = f.RECOVERY
    owns_degrade = True

    def __init__(self, engine, host):
        super().__init__(engine, host)
        self.old_boot = host.boot_id
        self.asked_at = None
        self.bmc_reset = None

    def start(self):
        host = self.host
        host.recovery_count += 1
        if host.recovery_count > self.conf.agent.max_fast_enables:
            self.move(f.E_EXHAUSTED)
            return
        self.engine.heartbeat_monitor(host, False)
        self.engine.set_state(
            host, f.EV_DEGRADE, s.TASK_RECOVERY if host.recovery_count == 1
            else s.TASK_RECOVERY_RETRY)
        self.after(self.conf.timeouts.recovery_wait, self.move, f.E_DELAYED)

    def enter_start(self, previous):
        self.start()

    def enter_mtcalive_wait(self, previous):
        self.asked_at = self.engine.clock()
        self.send(m.CMD_REQ_MTCALIVE)
        self.after(self.conf.timeouts.loc_recovery_timeout, self.move,
                   f.E_TIMEOUT)

    def on_mtcalive(self, alive, rebooted):
        if self.stage not in (f.RC_MTCALIVE_WAIT, f.RC_FAILED_WAIT):
            return
        if self.stage == f.RC_MTCALIVE_WAIT and \
                self.host.last_alive < self.asked_at:
            return
        if self.host.boot_id == self.old_boot:
            self.move(f.E_SAME_BOOT)
        else:
            self.move(f.E_REBOOTED)

    def enter_soak(self, previous):
        self.soak()

    def on_heartbeat(self, event):
        if self.stage == f.RC_SOAK and event.kind == 'loss':
            self.move(f.E_HEARTBEAT_LOSS)

    def enter_recovered(self, previous):
        host = self.host
        for bit in degrade.HEARTBEAT.values():
            host.degrade_mask = degrade.clear_bit(host.degrade_mask, bit)
        host.recovery_count = 0
        LOG.info('%s gracefully recovered', host.name)
        self.finish()
        self.engine.set_task(host, s.TASK_RECOVERED, hold=True)
        self.engine.refresh_availability(host)

    def enter_retest(self, previous):
        """It rebooted: tested again (goenabled, services), no reboot."""
        self.finish()
        self.engine.run_flow(self.host,
                             Enable(self.engine, self.host, reboot=False))

    def enter_full_enable(self, previous):
        host = self.host
        self.finish()
        self.engine.alarms.set('200.004', host.hostname)
        self.engine.set_state(host, f.EV_FAIL, s.TASK_BOOT_FAIL)
        host.recovery_count = 0
        self.engine.run_flow(host, Enable(self.engine, host, reboot=True))

    def enter_failed_wait(self, previous):
        """Loss of communication: failed, rebooted, waited for."""
        host = self.host
        engine = self.engine
        if previous == f.RC_MTCALIVE_WAIT:
            LOG.warning('%s: Loss Of Communication for %g seconds',
                        host.name, self.conf.timeouts.loc_recovery_timeout)
            if engine.is_self(host):
                self.finish()
                self_failure(engine, host)
                return
            engine.alarms.set('200.004', host.hostname)
            engine.set_state(host, f.EV_FAIL, s.TASK_RECOVERY_WAIT)
            self.send(m.CMD_REBOOT)
            engine.bmc_call(host, 'power_status', self._power_status)
        else:
            # back without having rebooted while its services were
            # declared failed: rebooted now, to avoid duplicate workloads
            LOG.warning('%s answers without having rebooted: rebooting it',
                        host.name)
            self.send(m.CMD_REBOOT)
        self.after(engine.boot_timeout(host), self.move, f.E_TIMEOUT)

    def _power_status(self, status, error):
        if not self.current or self.stage != f.RC_FAILED_WAIT:
            return
        if error is not None:
            return
        host = self.host
        if status == 'off':
            self.engine.set_state(host, f.EV_POWERED_OFF)
            self.engine.bmc_call(host, 'power_on', self._powered_on)
        else:
            self.bmc_reset = self.after(self.conf.agent.bmc_reset_delay,
                                        self._backup_reset)

    def _powered_on(self, result, error):
        if error is None and self.current:
            self.host.powered_on_at = self.engine.clock()
            self.engine.set_state(self.host, f.EV_POWERED_ON)

    def _backup_reset(self):
        LOG.warning('%s: no sign of life %ds after the reboot request: '
                    'resetting it through its BMC', self.host.name,
                    self.conf.agent.bmc_reset_delay)
        self.engine.bmc_call(self.host, 'reset', lambda r, e: None)



def self_failure(engine, host):
    """A critical failure of the host mtce-agent runs on: never rebooted
    by its own agent. With an enabled standby, a swact would be asked of
    service management (not available yet); without one, the host runs
    degraded with 200.004 (StarlingX's behaviour either way until the
    swact happens)."""
    standby = engine.enabled_controllers(excluding=host)
    task = s.TASK_CRITICAL_SWACT if standby else s.TASK_CRITICAL_DEGRADE
    LOG.error('%s (this controller) failed critically: %s', host.name,
              task)
    engine.alarms.set('200.004', host.hostname)
    engine.put_state(host, s.ENABLED_DEGRADED, task)


def ar_settings(conf, cause):
    """(threshold, interval) of an auto-recovery cause."""
    if cause == s.CAUSE_ENABLE:
        return (conf.agent.ar_goenable_threshold,
                conf.agent.ar_goenable_interval)
    return (getattr(conf.agent, 'ar_%s_threshold' % cause),
            getattr(conf.agent, 'ar_%s_interval' % cause))
