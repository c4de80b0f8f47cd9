"""Heartbeat escalation of one host on one network, as pure functions.

Each pulse period ends with either :func:`missed` or :func:`answered` for
every monitored (host, network); both take the current :class:`NetState`
and the :class:`Policy` and return the next state with an
:class:`Outcome`: the events to report and the alarm change. The rules
(StarlingX's hbsAgent):

================================  =========================================
back-to-back misses reach         outcome
================================  =========================================
the minor threshold (4)           level ``minor``: event ``minor``
the degrade threshold (6)         level ``degraded``: event ``degrade``,
                                  major alarm
the failure threshold (10)        level ``failed``: critical alarm; event
                                  ``loss`` when the loss fails the host
================================  =========================================

One answer clears ``minor`` and ``degraded`` (events ``degrade_clear``,
``minor_clear``, alarm cleared). A ``failed`` network needs
:data:`PULSES_REQUIRED_FOR_RECOVERY` back-to-back answers: then
``recovered`` (if a loss was reported), ``degrade_clear``,
``minor_clear`` and the alarm cleared.

The failure action shapes the outcome: ``fail`` reports everything;
``degrade`` never reports a loss (the host stays degraded); ``alarm``
reports no event, only alarms; ``none`` runs no heartbeat at all. A loss
that only degrades (a controller's cluster-host in a standard system, or
``clstr_degrade_only``) is reported like ``degrade``. While multi-node
failure avoidance holds a host, its loss is not reported (``hold``).
"""
import dataclasses

# Failure actions.
FAIL = 'fail'
DEGRADE = 'degrade'
ALARM = 'alarm'
NONE = 'none'
ACTIONS = (FAIL, DEGRADE, ALARM, NONE)

# Levels of one (host, network).
OK = 'ok'
MINOR = 'minor'
DEGRADED = 'degraded'
FAILED = 'failed'

# Event kinds (HeartbeatEvent.kind).
EV_MINOR = 'minor'
EV_MINOR_CLEAR = 'minor_clear'
EV_DEGRADE = 'degrade'
EV_DEGRADE_CLEAR = 'degrade_clear'
EV_LOSS = 'loss'
EV_RECOVERED = 'recovered'

# Alarm changes.
ALARM_MAJOR = 'major'
ALARM_CRITICAL = 'critical'
ALARM_CLEAR = 'clear'

PULSES_REQUIRED_FOR_RECOVERY = 10


@dataclasses.dataclass(frozen=True)
class Thresholds:
    minor: int = 4
    degrade: int = 6
    failure: int = 10
    recovery: int = PULSES_REQUIRED_FOR_RECOVERY

    @classmethod
    def normalised(cls, minor: int, degrade: int, failure: int,
                   recovery: int = PULSES_REQUIRED_FOR_RECOVERY
                   ) -> 'Thresholds':
        """minor <= degrade <= failure, as hbsAgent forces them."""
        degrade = min(degrade, failure)
        return cls(min(minor, degrade), degrade, failure, recovery)


@dataclasses.dataclass(frozen=True)
class Policy:
    thresholds: Thresholds
    action: str = FAIL
    loss_fails: bool = True     # False: a loss on this network degrades

    def __post_init__(self):
        if self.action not in ACTIONS:
            raise ValueError('unknown failure action %r' % self.action)

    @property
    def events(self) -> bool:
        return self.action in (FAIL, DEGRADE)

    @property
    def alarms(self) -> bool:
        return self.action != NONE

    @property
    def reports_loss(self) -> bool:
        return self.action == FAIL and self.loss_fails


def loss_fails(personality: str, network: str, system_type: str,
               clstr_degrade_only: bool) -> bool:
    """Whether a heartbeat loss of this host on ``network`` fails it."""
    if network != 'cluster-host':
        return True
    if clstr_degrade_only:
        return False
    return not (personality == 'controller' and system_type == 'standard')


@dataclasses.dataclass(frozen=True)
class NetState:
    misses: int = 0
    good: int = 0
    level: str = OK
    loss_reported: bool = False


@dataclasses.dataclass(frozen=True)
class Outcome:
    events: tuple[str, ...] = ()
    alarm: str | None = None


NOTHING = Outcome()


def missed(state: NetState, policy: Policy,
           hold: bool = False) -> tuple[NetState, Outcome]:
    """One more pulse without an answer."""
    t = policy.thresholds
    misses = state.misses + 1
    level = state.level
    events: list[str] = []
    alarm = None
    if level == OK and misses >= t.minor:
        level = MINOR
        events.append(EV_MINOR)
    if level in (OK, MINOR) and misses >= t.degrade:
        level = DEGRADED
        events.append(EV_DEGRADE)
        alarm = ALARM_MAJOR
    if level != FAILED and misses >= t.failure:
        level = FAILED
        alarm = ALARM_CRITICAL
    loss_reported = state.loss_reported
    if (level == FAILED and misses >= t.failure and policy.reports_loss
            and not loss_reported and not hold):
        events.append(EV_LOSS)
        loss_reported = True
    new = NetState(misses, 0, level, loss_reported)
    return new, _shape(events, alarm, policy)


def answered(state: NetState, policy: Policy) -> tuple[NetState, Outcome]:
    """An answer to the pulse (or to the one before it)."""
    good = state.good + 1
    if state.level == OK:
        return NetState(0, good), NOTHING
    if state.level == FAILED and good < policy.thresholds.recovery:
        return dataclasses.replace(state, misses=0, good=good), NOTHING
    events = []
    if state.loss_reported:
        events.append(EV_RECOVERED)
    if state.level in (DEGRADED, FAILED):
        events.append(EV_DEGRADE_CLEAR)
    events.append(EV_MINOR_CLEAR)
    alarm = ALARM_CLEAR if state.level in (DEGRADED, FAILED) else None
    return NetState(0, good), _shape(events, alarm, policy)


def fail_now(state: NetState, policy: Policy) -> tuple[NetState, Outcome]:
    """Declare the loss at once (multi-node failure avoidance timed out
    with this host still silent)."""
    events = []
    if state.level == OK:
        events.append(EV_MINOR)
    if state.level in (OK, MINOR):
        events.append(EV_DEGRADE)
    alarm = ALARM_CRITICAL if state.level != FAILED else None
    loss_reported = state.loss_reported
    if policy.reports_loss and not loss_reported:
        events.append(EV_LOSS)
        loss_reported = True
    new = NetState(max(state.misses, policy.thresholds.failure), 0, FAILED,
                   loss_reported)
    return new, _shape(events, alarm, policy)


def _shape(events: list[str], alarm: str | None,
           policy: Policy) -> Outcome:
    return Outcome(tuple(events) if policy.events else (),
                   alarm if policy.alarms else None)
