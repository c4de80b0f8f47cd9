"""Monitoring the sensors of one host through its BMC.

One audit (:meth:`HostMonitor.audit`): read every sensor from the BMC,
update the debounced model (:mod:`mtce.hwmon.model`), then bring each
sensor's alarm in line with its severity and policy:

* action ``alarm`` (and ``reset`` / ``power-cycle``, which alarm too):
  200.007 raised at the sensor's severity, updated when it changes,
  cleared when the sensor is back in tolerance or its action no longer
  alarms;
* ``log``: a log line (and a ``log`` event) when the sensor enters the
  severity;
* ``reset`` / ``power-cycle``: on entering critical, the host is reset or
  power-cycled through its BMC and maintenance is told;
* ``ignore`` or suppressed: nothing (an alarm raised before is cleared).

Reading failures raise 200.015 (a sensor group could not be read); a host
whose sensors cannot be loaded at all (no BMC driver, or no sensors)
raises 200.014. Both clear once reads work again.
"""
import threading

from oslo_log import log

from mtce.bmc import base, factory
from mtce.hwmon import alarm, hooks, model, policy

LOG = log.getLogger(__name__)

ALL_GROUPS = base.GROUPS


class HostMonitor:
    """The sensors of one host.

    :param record: the host's :class:`~mtce.hwmon.provider.HostRecord`.
    :param alarms: the alarm client.
    :param hook: the :class:`~mtce.hwmon.hooks.MaintenanceHook`.
    :param defaults: ``{'minor': .., 'major': .., 'critical': ..}``
        default actions.
    """

    def __init__(self, record, alarms, hook, defaults,
                 driver_factory=factory.get_driver):
        self.record = record
        self.alarms = alarms
        self.hook = hook
        self.defaults = dict(defaults)
        self.driver_factory = driver_factory
        self.model = model.SensorModel()
        self.driver = None
        self.config_alarmed = False
        self.group_alarmed = False
        self.failed_groups = {}
        self.audits = 0
        self.last_error = None
        self._first = True
        self._pending = None
        self._lock = threading.Lock()

    @property
    def hostname(self):
        return self.record.hostname

    @property
    def degraded(self):
        """True while a major or critical sensor alarm is raised."""
        return any(s.alarmed in (policy.MAJOR, policy.CRITICAL)
                   for s in self.model.sensors.values())

    @property
    def wanted_record(self):
        """The newest record given (applied at the next audit)."""
        return self._pending or self.record

    def update(self, record):
        """A new record for the host (credentials or settings changed);
        taken at the start of the next audit, so the caller never waits
        for an audit in progress."""
        self._pending = record

    def _apply_pending(self):
        record, self._pending = self._pending, None
        if record is None:
            return
        if record.bmc_key() != self.record.bmc_key():
            LOG.info('%s: BMC provisioning changed', record.hostname)
            self._close_driver()
        self.record = record

    def _close_driver(self):
        if self.driver is not None:
            self.driver.close()
        self.driver = None

    def _driver(self):
        if self.driver is None:
            rec = self.record
            self.driver = self.driver_factory(
                rec.bm_type, rec.bm_ip, rec.bm_username, rec.bm_password,
                port=rec.bm_port, scheme=rec.bm_scheme,
                learned=rec.bmc_protocol)
        return self.driver

    # -- audit -----------------------------------------------------------
    def audit(self):
        """Read the sensors once and act on them."""
        with self._lock:
            self._apply_pending()
            self.audits += 1
            try:
                driver = self._driver()
            except (base.BMCError, ValueError) as exc:
                self._config_failed(str(exc))
                return
            failed = {}
            try:
                readings = driver.sensors()
            except base.PartialSensorRead as exc:
                readings, failed = exc.readings, exc.failed_groups
            except base.BMCError as exc:
                self._groups_failed({g: str(exc) for g in ALL_GROUPS})
                return
            if not readings:
                if failed:
                    self._groups_failed(failed)
                else:
                    self._config_failed('the BMC reports no sensors')
                return
            self._config_ok()
            if failed:
                self._groups_failed(failed)
            else:
                self._groups_ok()
            learned = self.model.learned
            changes, dropped = self.model.update(readings, self._severity,
                                                 set(failed))
            if not learned:
                LOG.info('%s: %d sensor(s) learned: %s', self.hostname,
                         len(self.model.sensors), ', '.join(sorted(
                             self.model.sensors)))
            for state in dropped:
                LOG.info('%s: sensor %s no longer reported', self.hostname,
                         state.name)
                self._clear(state)
            changed = {c.sensor.name: c for c in changes}
            for state in list(self.model.sensors.values()):
                self._reconcile(state, changed.get(state.name))
            self._first = False
            self.last_error = None

    def _policy(self, name, group):
        return policy.policy_for(name, group, self.defaults,
                                 self.record.sensors.get(name),
                                 self.record.groups.get(group))

    def _severity(self, reading):
        return self._policy(reading.name, reading.group).severity(reading)

    def _reconcile(self, state, change):
        pol = self._policy(state.name, state.group)
        action = pol.action(state.severity)
        if action in policy.ALARMING_ACTIONS:
            if state.alarmed != state.severity:
                self.alarms.set_fault(alarm.sensor_fault(
                    self.hostname, state.name, state.severity))
                state.alarmed = state.severity
                self._event(state, hooks.ACTION_ALARM)
        elif state.alarmed:
            self._clear(state)
        elif self._first:
            # an alarm left by an earlier hwmond for a sensor now fine
            self.alarms.clear_fault(alarm.SENSOR, alarm.sensor_entity(
                self.hostname, state.name))
        if change is None:
            return
        reading = state.reading
        LOG.info('%s: sensor %s %s -> %s (%s %s, status %s)',
                 self.hostname, state.name, change.old, change.new,
                 getattr(reading, 'value', None),
                 getattr(reading, 'unit', ''),
                 getattr(reading, 'status', 'missing'))
        if action == policy.LOG:
            LOG.warning('%s: sensor %s out of tolerance (%s)', self.hostname,
                        state.name, state.severity)
            self._event(state, hooks.ACTION_LOG)
        elif action in (policy.RESET, policy.POWER_CYCLE) and \
                state.severity == policy.CRITICAL:
            self._bmc_action(state, action)

    def _clear(self, state):
        self.alarms.clear_fault(alarm.SENSOR, alarm.sensor_entity(
            self.hostname, state.name))
        if state.alarmed:
            state.alarmed = None
            self._event(state, hooks.ACTION_CLEAR)

    def _bmc_action(self, state, action):
        reason = 'critical sensor %s' % state.name
        try:
            if action == policy.RESET:
                LOG.warning('%s: resetting host, %s', self.hostname, reason)
                self.driver.reset()
            else:
                LOG.warning('%s: power-cycling host, %s', self.hostname,
                            reason)
                self.driver.power_cycle()
        except base.BMCError as exc:
            LOG.error('%s: %s through the BMC failed: %s', self.hostname,
                      action, exc)
            reason = '%s failed: %s' % (action, exc)
        self._event(state, action, reason)

    def _event(self, state, action, reason=''):
        reading = state.reading
        event = hooks.SensorEvent(
            hostname=self.hostname, sensor=state.name, group=state.group,
            action=action, severity=state.severity,
            value=getattr(reading, 'value', None),
            unit=getattr(reading, 'unit', ''),
            status=getattr(reading, 'status', ''),
            host_degraded=self.degraded, reason=reason)
        try:
            self.hook.notify(event)
        except Exception:  # noqa: BLE001 - a hook must not stop monitoring
            LOG.exception('maintenance hook failed for %s', event)

    # -- host-level alarms -------------------------------------------------
    def _config_failed(self, error):
        self.last_error = error
        if not self.config_alarmed:
            LOG.error('%s: sensors not loaded: %s', self.hostname, error)
            self.alarms.set_fault(alarm.config_fault(self.hostname))
            self.config_alarmed = True

    def _config_ok(self):
        if self.config_alarmed or self._first:
            self.alarms.clear_fault(alarm.SENSOR_CONFIG,
                                    alarm.host_entity(self.hostname))
            self.config_alarmed = False

    def _groups_failed(self, failed):
        self.failed_groups = dict(failed)
        self.last_error = '; '.join('%s: %s' % item
                                    for item in sorted(failed.items()))
        if not self.group_alarmed:
            LOG.error('%s: sensor group(s) not read: %s', self.hostname,
                      self.last_error)
            self.alarms.set_fault(alarm.group_fault(self.hostname))
            self.group_alarmed = True

    def _groups_ok(self):
        self.failed_groups = {}
        if self.group_alarmed or self._first:
            if self.group_alarmed:
                LOG.info('%s: every sensor group read again', self.hostname)
            self.alarms.clear_fault(alarm.GROUP_READ,
                                    alarm.host_entity(self.hostname))
            self.group_alarmed = False

    def remove(self):
        """The host is no longer monitored: clear its alarms."""
        with self._lock:
            self._apply_pending()
            for state in self.model.sensors.values():
                if state.alarmed:
                    self._clear(state)
            if self.config_alarmed:
                self.alarms.clear_fault(alarm.SENSOR_CONFIG,
                                        alarm.host_entity(self.hostname))
            if self.group_alarmed:
                self.alarms.clear_fault(alarm.GROUP_READ,
                                        alarm.host_entity(self.hostname))
            self.config_alarmed = self.group_alarmed = False
            self._close_driver()
