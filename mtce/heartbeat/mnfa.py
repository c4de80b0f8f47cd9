"""Multi-node failure avoidance (MNFA), as a small state machine.

When many hosts lose heartbeat at once, the cause is more likely the
network (a switch reboot) than the hosts; failing them all would reboot
a healthy site. So (StarlingX's ``mtcNodeMnfa``):

* ``idle`` -> ``active`` when ``threshold`` or more monitored hosts are at
  or past the minor threshold on the same network: event ``mnfa_enter``.
  Those hosts form the *pool*. The pulse period is backed off (x
  :data:`BACKOFF_FACTOR`) and no pooled host is reported lost: its loss
  is *held*.
* while ``active``: hosts that reach the minor threshold join the pool;
  a host answering again on all its networks leaves it.
* the pool drops below ``threshold`` -> ``recovering``: event
  ``mnfa_exit``. The hosts still pooled stay held for
  :data:`RECOVERY_DELAY` seconds, then are released (``release``): the
  period returns to normal and their miss counts start again from zero,
  so each gets a full failure threshold of pulses to answer before its
  loss is reported.
* ``timeout`` > 0 and still ``active`` that long -> the pooled hosts are
  failed at once (``timeout``), then ``idle``.

Only :class:`Mnfa` decides; the agent applies the decisions.
"""
from collections.abc import Iterable, Mapping
import dataclasses

IDLE = 'idle'
ACTIVE = 'active'
RECOVERING = 'recovering'

ENTER = 'mnfa_enter'
EXIT = 'mnfa_exit'
TIMEOUT = 'mnfa_timeout'
RELEASE = 'mnfa_release'

BACKOFF_FACTOR = 4
RECOVERY_DELAY = 3.0


@dataclasses.dataclass(frozen=True)
class Decision:
    kind: str
    hosts: frozenset[str]


class Mnfa:
    """MNFA of one agent; time is given by the caller (seconds)."""

    def __init__(self, threshold: int = 2, timeout: float = 0.0,
                 recovery_delay: float = RECOVERY_DELAY):
        self.threshold = threshold
        self.timeout = timeout
        self.recovery_delay = recovery_delay
        self.state = IDLE
        self.pool: set[str] = set()
        self.entered_at: float | None = None
        self._release_at: float | None = None

    @property
    def backoff(self) -> bool:
        """True while the pulse period is backed off."""
        return self.state != IDLE

    def holds(self, hostname: str) -> bool:
        return self.state != IDLE and hostname in self.pool

    def forget(self, hostname: str) -> None:
        """A host no longer monitored leaves the pool."""
        self.pool.discard(hostname)

    def _crowded(self, troubled: Mapping[str, set[str]]) -> bool:
        return any(len(hosts) >= self.threshold
                   for hosts in troubled.values())

    def evaluate(self, troubled: Mapping[str, set[str]],
                 healthy: Iterable[str], now: float) -> list[Decision]:
        """One pulse period's verdict.

        :param troubled: per network, the monitored hosts at or past the
            minor threshold (hosts already reported lost excluded).
        :param healthy: hosts that answered on every network.
        """
        healthy = set(healthy)
        everyone = set().union(*troubled.values()) if troubled else set()
        decisions = []
        if self.state == IDLE:
            if self._crowded(troubled):
                self._enter(everyone, now, decisions)
            return decisions
        self.pool |= everyone if self.state == ACTIVE else set()
        self.pool -= healthy
        if self.state == RECOVERING:
            if self._crowded(troubled):
                self._enter(self.pool | everyone, now, decisions)
            elif now >= self._release_at:
                decisions.append(Decision(RELEASE, frozenset(self.pool)))
                self._reset()
            return decisions
        if self.timeout and now - self.entered_at >= self.timeout:
            decisions.append(Decision(TIMEOUT, frozenset(self.pool)))
            decisions.append(Decision(EXIT, frozenset()))
            self._reset()
        elif len(self.pool) < self.threshold:
            decisions.append(Decision(EXIT, frozenset(self.pool)))
            self.state = RECOVERING
            self._release_at = now + self.recovery_delay
        return decisions

    def _enter(self, pool: set[str], now: float,
               decisions: list[Decision]) -> None:
        self.state = ACTIVE
        self.pool = set(pool)
        self.entered_at = now
        decisions.append(Decision(ENTER, frozenset(self.pool)))

    def _reset(self) -> None:
        self.state = IDLE
        self.pool = set()
        self.entered_at = self._release_at = None
