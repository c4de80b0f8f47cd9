"""What hwmond tells maintenance about sensors, and through what.

hwmond raises and clears its alarms and carries out reset / power-cycle
actions itself (through the host's BMC driver); maintenance is told with a
:class:`SensorEvent` per action, StarlingX's ``MTC_EVENT_HWMON_*``:

============  ===========================================================
action        meaning
============  ===========================================================
log           a sensor's severity changed and its action is ``log``
alarm         200.007 raised (or its severity changed)
clear         200.007 cleared
reset         hwmond reset the host through its BMC (critical sensor)
power-cycle   hwmond power-cycled the host through its BMC
============  ===========================================================

Every event carries ``host_degraded``: True while a major or critical
sensor alarm is raised on the host (StarlingX's ``DEGRADE_MASK_HWMON``).

A :class:`MaintenanceHook` delivers events; the default
(:class:`LogHook`) logs them. ``[hwmon] hook = module:attribute`` plugs
another one (e.g. an RPC cast of :meth:`SensorEvent.to_payload` to
mtce-agent); :mod:`mtce.common.plugins` loads it.
"""
import dataclasses

from oslo_log import log

from mtce.common import plugins

LOG = log.getLogger(__name__)

ACTION_LOG = 'log'
ACTION_ALARM = 'alarm'
ACTION_CLEAR = 'clear'
ACTION_RESET = 'reset'
ACTION_POWER_CYCLE = 'power-cycle'
ACTIONS = (ACTION_LOG, ACTION_ALARM, ACTION_CLEAR, ACTION_RESET,
           ACTION_POWER_CYCLE)


@dataclasses.dataclass(frozen=True)
class SensorEvent(plugins.Payload):
    """One sensor action on one host."""

    hostname: str
    sensor: str
    group: str
    action: str
    severity: str
    value: float | None = None
    unit: str = ''
    status: str = ''
    host_degraded: bool = False
    reason: str = ''
    timestamp: str = dataclasses.field(default_factory=plugins.timestamp)


class MaintenanceHook(plugins.EventSink):
    """Delivers :class:`SensorEvent` s to maintenance; ``notify`` is
    called from a host's audit thread, ``close`` at hwmond's exit."""


class LogHook(MaintenanceHook):
    """Logs every event (hwmond's default)."""

    def notify(self, event):
        level = LOG.warning if event.action in (
            ACTION_ALARM, ACTION_RESET, ACTION_POWER_CYCLE) else LOG.info
        level('sensor event: host=%s sensor=%s group=%s action=%s '
              'severity=%s value=%s %s degraded=%s %s', event.hostname,
              event.sensor, event.group, event.action, event.severity,
              event.value, event.unit, event.host_degraded, event.reason)


class CollectingHook(plugins.Collecting, MaintenanceHook):
    """Keeps events in a list (tests, embedding)."""


def load_hook(spec):
    """The hook named by ``[hwmon] hook``: ``log`` or
    ``module:attribute`` (a class or factory called without arguments)."""
    return plugins.load(spec, 'hook', MaintenanceHook, LogHook)
