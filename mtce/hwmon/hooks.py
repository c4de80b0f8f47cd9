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
mtce-agent).
"""
import abc
import dataclasses
import datetime

from oslo_log import log
from oslo_utils import importutils

LOG = log.getLogger(__name__)

PAYLOAD_VERSION = '1.0'

ACTION_LOG = 'log'
ACTION_ALARM = 'alarm'
ACTION_CLEAR = 'clear'
ACTION_RESET = 'reset'
ACTION_POWER_CYCLE = 'power-cycle'
ACTIONS = (ACTION_LOG, ACTION_ALARM, ACTION_CLEAR, ACTION_RESET,
           ACTION_POWER_CYCLE)


@dataclasses.dataclass(frozen=True)
class SensorEvent:
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
    timestamp: str = dataclasses.field(
        default_factory=lambda: datetime.datetime.now(
            datetime.UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ'))

    def to_payload(self):
        """The event as a JSON-able dict (RPC / notification body)."""
        values = dataclasses.asdict(self)
        values['version'] = PAYLOAD_VERSION
        return values

    @classmethod
    def from_payload(cls, payload):
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in payload.items() if k in known})


class MaintenanceHook(abc.ABC):
    """Delivers :class:`SensorEvent` s to maintenance."""

    @abc.abstractmethod
    def notify(self, event):
        """Deliver one event (called from a host's audit thread)."""

    def close(self):  # noqa: B027 - optional
        """Release resources at hwmond's exit."""


class LogHook(MaintenanceHook):
    """Logs every event (hwmond's default)."""

    def notify(self, event):
        level = LOG.warning if event.action in (
            ACTION_ALARM, ACTION_RESET, ACTION_POWER_CYCLE) else LOG.info
        level('sensor event: host=%s sensor=%s group=%s action=%s '
              'severity=%s value=%s %s degraded=%s %s', event.hostname,
              event.sensor, event.group, event.action, event.severity,
              event.value, event.unit, event.host_degraded, event.reason)


class CollectingHook(MaintenanceHook):
    """Keeps events in a list (tests, embedding)."""

    def __init__(self):
        self.events = []

    def notify(self, event):
        self.events.append(event)


def load_hook(spec):
    """The hook named by ``[hwmon] hook``: ``log`` or
    ``module:attribute`` (a class or factory called without arguments)."""
    if not spec or spec == 'log':
        return LogHook()
    module, _, attribute = spec.partition(':')
    if not attribute:
        raise ValueError('hook %r: expected "log" or "module:attribute"'
                         % spec)
    hook = getattr(importutils.import_module(module), attribute)()
    if not isinstance(hook, MaintenanceHook):
        raise TypeError('hook %r is not a MaintenanceHook' % spec)
    return hook
