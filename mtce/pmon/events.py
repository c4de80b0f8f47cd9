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
:meth:`ProcessEvent.to_payload` to mtce-agent; :mod:`mtce.common.plugins`
loads it.
"""
import dataclasses

from oslo_log import log

from mtce.common import plugins
from mtce.pmon import states

LOG = log.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class ProcessEvent(plugins.Payload):
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
    timestamp: str = dataclasses.field(default_factory=plugins.timestamp)

    @property
    def degrades(self):
        """True for an event asking maintenance to degrade the host."""
        return self.event == states.EVENT_MAJOR

    @property
    def fails(self):
        """True for an event asking maintenance to fail the host."""
        return self.event == states.EVENT_CRITICAL


class ProcessNotifier(plugins.EventSink):
    """Delivers :class:`ProcessEvent` s to maintenance; ``notify`` must
    not block the monitor for long, ``close`` is called at pmond's
    exit."""


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


class CollectingNotifier(plugins.Collecting, ProcessNotifier):
    """Keeps events in a list (tests, embedding)."""


def load_notifier(spec):
    """The notifier named by ``[pmon] notifier``: ``log`` or
    ``module:attribute`` (a class or factory called without
    arguments)."""
    return plugins.load(spec, 'notifier', ProcessNotifier, LogNotifier)
