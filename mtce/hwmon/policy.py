"""Sensor severity and action policy (pure functions).

Severity of a sample (StarlingX's mapping of the BMC's threshold status):

=====================  ==========
BMC status             severity
=====================  ==========
``ok``                 ok
``nc`` (non-critical)  major
``cr`` (critical)      critical
``nr`` (non-recov.)    critical
``na`` (unavailable)   offline
anything else          minor
=====================  ==========

A sensor configured with its own thresholds (sysinv's ``t_minor_lower``,
``t_major_lower``, ``t_critical_lower`` and the ``_upper`` ones) gets its
severity from them instead: the most severe threshold the value is at or
beyond.

Action per severity (sysinv's ``actions_minor`` / ``actions_major`` /
``actions_critical`` of the sensor, else ``actions_*_group`` of its group,
else ``[hwmon] actions_*_group``): minor and major ``ignore``, ``log`` or
``alarm``; critical also ``reset`` or ``power-cycle``. A suppressed sensor
or group takes no action.
"""
import dataclasses

from mtce.bmc import base

OK = 'ok'
MINOR = 'minor'
MAJOR = 'major'
CRITICAL = 'critical'
OFFLINE = 'offline'
SEVERITIES = (OK, MINOR, MAJOR, CRITICAL, OFFLINE)
RANK = {OK: 0, OFFLINE: 0, MINOR: 1, MAJOR: 2, CRITICAL: 3}

IGNORE = 'ignore'
LOG = 'log'
ALARM = 'alarm'
RESET = 'reset'
POWER_CYCLE = 'power-cycle'
MINOR_MAJOR_ACTIONS = (IGNORE, LOG, ALARM)
CRITICAL_ACTIONS = MINOR_MAJOR_ACTIONS + (RESET, POWER_CYCLE)
ALARMING_ACTIONS = (ALARM, RESET, POWER_CYCLE)

STATUS_SEVERITY = {
    base.STATUS_OK: OK,
    base.STATUS_NON_CRITICAL: MAJOR,
    base.STATUS_CRITICAL: CRITICAL,
    base.STATUS_NON_RECOVERABLE: CRITICAL,
    base.STATUS_UNAVAILABLE: OFFLINE,
}

THRESHOLD_KEYS = ('t_critical_lower', 't_major_lower', 't_minor_lower',
                  't_minor_upper', 't_major_upper', 't_critical_upper')
ACTION_KEYS = ('actions_minor', 'actions_major', 'actions_critical')


def severity_of_status(status):
    """StarlingX's severity of a BMC threshold status."""
    return STATUS_SEVERITY.get((status or '').strip().lower(), MINOR)


def severity_of_value(value, thresholds):
    """Severity of ``value`` against configured ``t_*`` thresholds."""
    if value is None:
        return OFFLINE
    for level in (CRITICAL, MAJOR, MINOR):
        lower = thresholds.get('t_%s_lower' % level)
        upper = thresholds.get('t_%s_upper' % level)
        if lower is not None and value <= lower:
            return level
        if upper is not None and value >= upper:
            return level
    return OK


@dataclasses.dataclass(frozen=True)
class SensorPolicy:
    """What to do with one sensor's severities."""

    actions_minor: str = IGNORE
    actions_major: str = LOG
    actions_critical: str = ALARM
    suppress: bool = False
    thresholds: tuple = ()          # ((key, value), ...) configured t_*

    def action(self, severity):
        """The action at ``severity`` (None for ok and offline)."""
        if severity in (OK, OFFLINE):
            return None
        if self.suppress:
            return IGNORE
        return getattr(self, 'actions_%s' % severity)

    def severity(self, reading):
        if self.thresholds:
            return severity_of_value(reading.value, dict(self.thresholds))
        return severity_of_status(reading.status)


def check_action(severity, action):
    """Raise ValueError for an action not allowed at ``severity``."""
    allowed = CRITICAL_ACTIONS if severity == CRITICAL else \
        MINOR_MAJOR_ACTIONS
    if action not in allowed:
        raise ValueError('%s action %r is not one of: %s' % (
            severity, action, ', '.join(allowed)))
    return action


def policy_for(sensor, group, defaults, sensor_settings=None,
               group_settings=None):
    """The :class:`SensorPolicy` of ``sensor`` in ``group``.

    :param defaults: ``{'minor': .., 'major': .., 'critical': ..}`` (the
        ``[hwmon]`` group defaults).
    :param sensor_settings: sysinv's sensor keys for this sensor.
    :param group_settings: sysinv's sensorgroup keys for its group.
    """
    sensor_settings = sensor_settings or {}
    group_settings = group_settings or {}
    actions = {}
    for severity in (MINOR, MAJOR, CRITICAL):
        action = (sensor_settings.get('actions_%s' % severity) or
                  group_settings.get('actions_%s_group' % severity) or
                  defaults[severity])
        actions['actions_%s' % severity] = check_action(severity, action)
    suppress = bool(sensor_settings.get('suppress') or
                    group_settings.get('suppress'))
    thresholds = tuple((key, float(sensor_settings[key]))
                       for key in THRESHOLD_KEYS
                       if sensor_settings.get(key) is not None)
    return SensorPolicy(suppress=suppress, thresholds=thresholds, **actions)
