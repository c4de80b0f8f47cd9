"""What pmond tells the host's maintenance, and through what.

pmond raises and clears 200.006 itself; maintenance (mtce-agent) acts on
:class:`ProcessEvent` s, StarlingX's ``MTC_EVENT_PMON_*`` messages:

==========  =============================================================
event       meaning / maintenance's action
==========  =============================================================
log         first failure of a process (log only)
minor       restart threshold reached, severity minor: alarm only
major       threshold reached, severity major: degrade the host
critical    threshold reached, severity critical: fail the host (and
            recover it by reboot)
recovered   a process that reached its threshold is healthy again
clear       every monitored process of the host is healthy (degrade
            and failure causes from pmond clear)
==========  =============================================================

A :class:`ProcessNotifier` delivers them. The default
(:class:`LogNotifier`) only logs; the host life-cycle code plugs its own
(``[pmon] notifier = module:attribute``), e.g. one that casts
:meth:`ProcessEvent.to_payload` to mtce-agent.
"""
import abc
import dataclasses
import datetime

from oslo_log import log
from oslo_utils import importutils

from mtce.pmon import states

LOG = log.getLogger(__name__)

PAYLOAD_VERSION = '1.0'


@dataclasses.dataclass(frozen=True)
class ProcessEvent:
    """One process event of one host.

    :ivar event: one of :data:`mtce.pmon.states.NOTICES`.
    :ivar severity: the process's configured severity (``minor``,
        ``major``, ``critical``; empty for ``clear``).
    :ivar state: the process's FSM state when the event was sent.
    :ivar restarts: restart attempts of the current failure.
    :ivar resend: True when the event repeats one already sent (StarlingX
        re-sends major/critical events while the process stays failed).
    """

    hostname: str
    process: str
    event: str
    severity: str = ''
    state: str = ''
    reason: str = ''
    restarts: int = 0
    resend: bool = False
    timestamp: str = dataclasses.field(
        default_factory=lambda: datetime.datetime.now(
            datetime.UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ'))

    @property
    def degrades(self):
        """True for an event asking maintenance to degrade the host."""
        return self.event == states.EVENT_MAJOR

    @property
    def fails(self):
        """True for an event asking maintenance to fail the host."""
        return self.event == states.EVENT_CRITICAL

    def to_payload(self):
        """The event as a JSON-able dict (RPC / notification body)."""
        values = dataclasses.asdict(self)
        values['version'] = PAYLOAD_VERSION
        return values

    @classmethod
    def from_payload(cls, payload):
        values = dict(payload)
        values.pop('version', None)
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


class ProcessNotifier(abc.ABC):
    """Delivers :class:`ProcessEvent` s to maintenance."""

    @abc.abstractmethod
    def notify(self, event):
        """Deliver one event; must not block the monitor for long."""

    def close(self):  # noqa: B027 - optional
        """Release resources at pmond's exit."""


class LogNotifier(ProcessNotifier):
    """Logs every event (pmond's default)."""

    def notify(self, event):
        if event.resend:
            LOG.debug('%s %s process event %s again (%s)', event.hostname,
                      event.process, event.event, event.severity)
            return
        level = LOG.warning if event.event in (
            states.EVENT_MAJOR, states.EVENT_CRITICAL) else LOG.info
        level('process event: host=%s process=%s event=%s severity=%s '
              'state=%s restarts=%d %s', event.hostname,
              event.process or '-', event.event, event.severity or '-',
              event.state or '-', event.restarts, event.reason)


class CollectingNotifier(ProcessNotifier):
    """Keeps events in a list (tests, embedding)."""

    def __init__(self):
        self.events = []

    def notify(self, event):
        self.events.append(event)


def load_notifier(spec):
    """The notifier named by ``[pmon] notifier``: ``log`` or
    ``module:attribute`` (a class or factory called without
    arguments)."""
    if not spec or spec == 'log':
        return LogNotifier()
    module, _, attribute = spec.partition(':')
    if not attribute:
        raise ValueError('notifier %r: expected "log" or '
                         '"module:attribute"' % spec)
    factory = getattr(importutils.import_module(module), attribute)
    notifier = factory()
    if not isinstance(notifier, ProcessNotifier):
        raise TypeError('notifier %r is not a ProcessNotifier' % spec)
    return notifier
