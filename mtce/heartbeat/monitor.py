"""The agent's table of monitored hosts, free of sockets and threads.

The agent calls :meth:`Monitor.next_pulse` when it sends a period's pulse
requests, :meth:`Monitor.answer` for each authentic response and
:meth:`Monitor.close_pulse` a quarter of a period later: that closes the
period and returns what happened, as :class:`HeartbeatEvent` and
:class:`AlarmChange` items in the order they must be delivered.

A period counts as answered by a host on a network when a response to
its request, or to the previous one, came since the previous period was
closed: a response up to one period and a quarter late is still an
answer. A host's network is counted from its first answer after
monitoring started, or once ``arm_timeout`` has passed without one.
"""
from collections.abc import Mapping
import dataclasses
import threading
import time

from mtce.heartbeat import escalation as esc
from mtce.heartbeat import mnfa as mnfamod
from mtce.heartbeat import protocol

MNFA_ENTER = mnfamod.ENTER
MNFA_EXIT = mnfamod.EXIT
EVENT_KINDS = (esc.EV_MINOR, esc.EV_MINOR_CLEAR, esc.EV_DEGRADE,
               esc.EV_DEGRADE_CLEAR, esc.EV_LOSS, esc.EV_RECOVERED,
               MNFA_ENTER, MNFA_EXIT)
# AlarmChange.change besides the escalation's: clear whatever was raised
# for the host, by this process or an earlier one.
ALARM_RESET = 'reset'


@dataclasses.dataclass(frozen=True)
class HeartbeatEvent:
    """What the agent reports to the host life cycle.

    ``kind`` is one of :data:`EVENT_KINDS`. MNFA events have no host and
    no network; ``hosts`` lists the pool.
    """

    hostname: str
    network: str | None
    kind: str
    timestamp: float = dataclasses.field(default_factory=time.time)
    hosts: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class AlarmChange:
    hostname: str
    network: str
    change: str     # major | critical | clear | reset


@dataclasses.dataclass(frozen=True)
class Settings:
    networks: tuple[str, ...] = ('mgmt', 'cluster-host')
    thresholds: esc.Thresholds = esc.Thresholds()
    action: str = esc.FAIL
    system_type: str = 'standard'
    clstr_degrade_only: bool = False
    mnfa_threshold: int = 2
    mnfa_timeout: float = 0.0
    mnfa_recovery_delay: float = mnfamod.RECOVERY_DELAY
    arm_timeout: float = 10.0


@dataclasses.dataclass
class _Net:
    address: str | None
    policy: esc.Policy
    state: esc.NetState = esc.NetState()
    armed: bool = False
    heard: bool = False
    last_answer: float | None = None


@dataclasses.dataclass
class _Host:
    hostname: str
    personality: str
    nets: dict[str, _Net]
    monitored: bool = False
    since: float = 0.0
    flags: int = 0
    pmond_missing: int = 0


class Monitor:
    def __init__(self, settings: Settings, clock=time.monotonic,
                 wall=time.time, run: int | None = None):
        self.settings = settings
        self.clock = clock
        self.wall = wall
        self.run = protocol.new_run_id() if run is None else run
        self.seq = 0
        self.mnfa = mnfamod.Mnfa(settings.mnfa_threshold,
                                 settings.mnfa_timeout,
                                 settings.mnfa_recovery_delay)
        self.views = {net: (0, 0) for net in settings.networks}
        self.peer_views: dict[str, dict[str, tuple[int, int]]] = {}
        self.stats = {'answers': 0, 'stale': 0, 'unknown_host': 0,
                      'misdirected': 0, 'invalid': 0}
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.RLock()

    # -- the host table --------------------------------------------------
    def _policy(self, personality: str, network: str) -> esc.Policy:
        s = self.settings
        return esc.Policy(s.thresholds, s.action, esc.loss_fails(
            personality, network, s.system_type, s.clstr_degrade_only))

    def add_host(self, hostname: str, addresses: Mapping[str, str],
                 personality: str, monitored: bool = False
                 ) -> list[AlarmChange]:
        """Add (or update) a host; its networks are those of
        ``addresses`` that the agent monitors."""
        unknown = set(addresses) - set(protocol.NETWORKS)
        if unknown:
            raise ValueError('unknown networks %s' % sorted(unknown))
        nets = {net: _Net(addresses[net], self._policy(personality, net))
                for net in self.settings.networks if net in addresses}
        if 'mgmt' not in nets:
            raise ValueError('%s needs a mgmt address' % hostname)
        with self._lock:
            old = self._hosts.get(hostname)
            self._hosts[hostname] = _Host(hostname, personality, nets)
            if old is not None:
                for net, record in nets.items():
                    if net in old.nets:
                        record.state = old.nets[net].state
                        record.armed = old.nets[net].armed
                        record.last_answer = old.nets[net].last_answer
                self._hosts[hostname].monitored = old.monitored
                self._hosts[hostname].since = old.since
            if monitored:
                return self.set_monitored(hostname, True)
        return []

    def remove_host(self, hostname: str) -> list[AlarmChange]:
        with self._lock:
            host = self._hosts.pop(hostname, None)
            self.mnfa.forget(hostname)
        if host is None:
            return []
        return [AlarmChange(hostname, net, ALARM_RESET) for net in host.nets]

    def set_monitored(self, hostname: str, enabled: bool
                      ) -> list[AlarmChange]:
        """Start (from a clean slate) or stop monitoring a host; either
        way its heartbeat alarms are cleared."""
        with self._lock:
            host = self._get(hostname)
            if enabled and host.monitored:
                return []
            host.monitored = enabled
            host.since = self.clock()
            host.pmond_missing = 0
            for net in host.nets.values():
                net.state = esc.NetState()
                net.armed = net.heard = False
            self.mnfa.forget(hostname)
        return [AlarmChange(hostname, net, ALARM_RESET) for net in host.nets]

    def _get(self, hostname: str) -> _Host:
        try:
            return self._hosts[hostname]
        except KeyError:
            raise KeyError('unknown host %s' % hostname) from None

    def hostnames(self) -> list[str]:
        with self._lock:
            return sorted(self._hosts)

    def targets(self, network: str) -> list[tuple[str, str]]:
        """(hostname, address) of the monitored hosts on ``network``."""
        with self._lock:
            return [(h.hostname, h.nets[network].address)
                    for h in self._hosts.values()
                    if h.monitored and network in h.nets
                    and h.nets[network].address]

    @property
    def period_factor(self) -> int:
        return mnfamod.BACKOFF_FACTOR if self.mnfa.backoff else 1

    # -- pulses ------------------------------------------------------------
    def next_pulse(self) -> int:
        """The sequence number of the period starting now."""
        with self._lock:
            self.seq += 1
            return self.seq

    def answer(self, response: protocol.Response, network: str) -> str:
        """Record a response received on ``network``; returns what it
        was: ``answer``, ``stale``, ``unknown_host`` or ``misdirected``."""
        with self._lock:
            verdict = self._answer(response, network)
            self.stats[verdict + 's' if verdict == 'answer' else
                       verdict] += 1
            return verdict

    def _answer(self, response: protocol.Response, network: str) -> str:
        if response.network != network:
            return 'misdirected'
        host = self._hosts.get(response.hostname)
        if host is None or network not in host.nets:
            return 'unknown_host'
        if response.run != self.run or \
                response.seq not in (self.seq, self.seq - 1):
            return 'stale'
        net = host.nets[network]
        net.heard = True
        net.last_answer = self.wall()
        host.flags = response.flags
        if network == 'mgmt':
            alive = response.flags & protocol.FLAG_PMOND_ALIVE
            host.pmond_missing = 0 if alive else host.pmond_missing + 1
        for controller, views in response.peer_views.items():
            self.peer_views.setdefault(controller, {}).update(views)
        return 'answer'

    def close_pulse(self) -> list[HeartbeatEvent | AlarmChange]:
        """End the current period: count answers and misses, escalate."""
        with self._lock:
            now = self.clock()
            verdicts = self._verdicts(now)
            decisions = []
            if self.settings.action in (esc.FAIL, esc.DEGRADE):
                decisions = self._mnfa(verdicts, now)
            out: list[HeartbeatEvent | AlarmChange] = []
            first = [d for d in decisions
                     if d.kind in (mnfamod.ENTER, mnfamod.RELEASE)]
            for decision in first:
                self._apply(decision, out)
            for (hostname, network), answered in verdicts.items():
                net = self._hosts[hostname].nets[network]
                if answered:
                    net.state, outcome = esc.answered(net.state, net.policy)
                else:
                    net.state, outcome = esc.missed(
                        net.state, net.policy, self.mnfa.holds(hostname))
                self._emit(out, hostname, network, outcome)
            for decision in decisions:
                if decision not in first:
                    self._apply(decision, out)
            return out

    def _verdicts(self, now: float) -> dict[tuple[str, str], bool]:
        verdicts = {}
        counts = {net: [0, 0] for net in self.settings.networks}
        for host in self._hosts.values():
            if not host.monitored:
                continue
            for network, net in host.nets.items():
                heard, net.heard = net.heard, False
                counts[network][0] += 1
                counts[network][1] += heard
                if not net.armed:
                    waited = now - host.since
                    if not heard and waited < self.settings.arm_timeout:
                        continue
                    net.armed = True
                verdicts[(host.hostname, network)] = heard
        self.views = {net: tuple(c) for net, c in counts.items()}
        return verdicts

    def _mnfa(self, verdicts: dict[tuple[str, str], bool],
              now: float) -> list[mnfamod.Decision]:
        minor = self.settings.thresholds.minor
        troubled: dict[str, set[str]] = {n: set()
                                         for n in self.settings.networks}
        silent = set()
        for (hostname, network), answered in verdicts.items():
            state = self._hosts[hostname].nets[network].state
            misses = 0 if answered else state.misses + 1
            if not answered:
                silent.add(hostname)
            if misses >= minor and not state.loss_reported:
                troubled[network].add(hostname)
        healthy = {h for h, _ in verdicts} - silent
        return self.mnfa.evaluate(troubled, healthy, now)

    def _apply(self, decision: mnfamod.Decision,
               out: list[HeartbeatEvent | AlarmChange]) -> None:
        if decision.kind in (mnfamod.ENTER, mnfamod.EXIT):
            out.append(HeartbeatEvent('', None, decision.kind,
                                      hosts=tuple(sorted(decision.hosts))))
        elif decision.kind in (mnfamod.TIMEOUT, mnfamod.RELEASE):
            for hostname in sorted(decision.hosts):
                host = self._hosts.get(hostname)
                for network, net in (host.nets.items() if host else ()):
                    if net.state.misses == 0:
                        continue
                    if decision.kind == mnfamod.RELEASE:
                        net.state = dataclasses.replace(net.state, misses=0)
                        continue
                    net.state, outcome = esc.fail_now(net.state, net.policy)
                    self._emit(out, hostname, network, outcome)

    @staticmethod
    def _emit(out: list, hostname: str, network: str,
              outcome: esc.Outcome) -> None:
        for kind in outcome.events:
            out.append(HeartbeatEvent(hostname, network, kind))
        if outcome.alarm:
            out.append(AlarmChange(hostname, network, outcome.alarm))

    # -- views ---------------------------------------------------------
    def hosts_state(self) -> dict[str, dict]:
        with self._lock:
            return {h.hostname: {
                'personality': h.personality,
                'monitored': h.monitored,
                'mnfa_held': self.mnfa.holds(h.hostname),
                'flags': h.flags,
                'pmond_missing': h.pmond_missing,
                'networks': {network: {
                    'address': net.address,
                    'level': net.state.level,
                    'misses': net.state.misses,
                    'good': net.state.good,
                    'loss_reported': net.state.loss_reported,
                    'armed': net.armed,
                    'last_answer': net.last_answer,
                    'loss_fails': net.policy.loss_fails,
                } for network, net in h.nets.items()},
            } for h in self._hosts.values()}

    def mnfa_state(self) -> dict:
        with self._lock:
            return {'state': self.mnfa.state,
                    'pool': sorted(self.mnfa.pool),
                    'period_factor': self.period_factor}
