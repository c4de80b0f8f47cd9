"""HeartbeatAgent: the hbsAgent role, inside mtce-agent on the active
controller.

Every period it sends one sealed pulse request per monitored network
(to the multicast group, or to each host with ``transport = unicast``),
and a quarter of a period later closes the period in its
:class:`~mtce.heartbeat.monitor.Monitor`: misses are counted, escalated,
and what happened is delivered in order by a second thread: each
:class:`~mtce.heartbeat.monitor.HeartbeatEvent` to ``on_event``, each
alarm change to FM. One thread owns the sockets and the clock (deadline
scheduling on the monotonic clock: a late wake-up shortens the next wait
rather than shifting every later period); a stalled agent skips the
periods it could not send instead of counting them as misses.

Datagrams that fail authentication (forged), come again (replayed), or
are not pulse messages (malformed) are dropped and counted;
:meth:`HeartbeatAgent.counters` shows the counts, logged every
``[heartbeat] stats_interval`` at debug level.

Standalone (tests, benchmarks)::

    python -m mtce.heartbeat.agent --config-file agent.conf \\
        --hosts-file hosts.json --events-file events.jsonl \\
        --state-file state.json
"""
from collections.abc import Callable, Mapping
import queue
import threading
import time

from oslo_config import cfg
from oslo_log import log

from mtce import conf as mtce_conf
from mtce.heartbeat import alarms as hbalarms
from mtce.heartbeat import escalation as esc
from mtce.heartbeat import monitor as monmod
from mtce.heartbeat import protocol, sockets
from stx_common import datagram, udp

LOG = log.getLogger(__name__)

HeartbeatEvent = monmod.HeartbeatEvent
EventCallback = Callable[[HeartbeatEvent], None]
# Fraction of the period after sending at which the period is closed:
# an answer normally takes a millisecond; a later one counts for the next
# period, so early closing only shortens detection (loss at 9.25 to 10.25
# periods after the last answer, instead of 10 to 11 at the period's end).
CLOSE_AT = 0.25


def load_key(conf: cfg.ConfigOpts) -> bytes:
    return datagram.load_key(conf.heartbeat.auth_key,
                             conf.heartbeat.auth_key_file)


def settings_from(conf: cfg.ConfigOpts,
                  networks: tuple[str, ...]) -> monmod.Settings:
    agent = conf.agent
    return monmod.Settings(
        networks=networks,
        thresholds=esc.Thresholds.normalised(
            agent.hbs_minor_threshold, agent.heartbeat_degrade_threshold,
            agent.heartbeat_failure_threshold),
        action=agent.heartbeat_failure_action,
        system_type=conf.heartbeat.system_type,
        clstr_degrade_only=conf.mtc_debug.clstr_degrade_only,
        mnfa_threshold=agent.mnfa_threshold,
        mnfa_timeout=float(agent.mnfa_timeout),
        arm_timeout=conf.heartbeat.arm_timeout)


class HeartbeatAgent:
    """A start/stop/wait part for :func:`stx_common.service.run`.

    :param conf: the configuration (mtce's options are registered on it).
    :param on_event: called with each :class:`HeartbeatEvent`, in order,
        from the agent's delivery thread.
    :param alarms: an alarm client (default: ``stx_common.alarms.
        get_client()`` when ``[heartbeat] raise_alarms``).
    """

    def __init__(self, conf: cfg.ConfigOpts = mtce_conf.CONF,
                 on_event: EventCallback | None = None, alarms=None):
        mtce_conf.register_opts(conf)
        self.conf = conf
        self.on_event = on_event or (lambda event: None)
        self.endpoints = sockets.local_endpoints(conf)
        self.hostname = conf.host
        self.action = conf.agent.heartbeat_failure_action
        self.period = conf.agent.heartbeat_period / 1000.0
        self.transport = conf.heartbeat.transport
        self.group = conf.agent.multicast
        self.table = monmod.Monitor(settings_from(
            conf, tuple(self.endpoints)))
        self.sealer = datagram.Sealer(load_key(conf), self.hostname)
        self.opener = datagram.Opener(
            load_key(conf), max_age=conf.heartbeat.max_datagram_age or None)
        self._alarm_client = alarms
        self.alarms: hbalarms.HeartbeatAlarms | None = None
        self._udp = udp.SocketSelector()
        self._stop = threading.Event()
        self._queue: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []
        self.send_errors = 0
        self.requests_sent = 0
        self.late_periods = 0

    # -- the interface of the host life cycle --------------------------
    def add_host(self, hostname: str, addresses: Mapping[str, str],
                 personality: str, monitored: bool = False) -> None:
        """Add or update a host: ``addresses`` maps each of its networks
        (``mgmt``, ``cluster-host``) to its address there."""
        self._deliver(self.table.add_host(hostname, dict(addresses),
                                            personality, monitored))

    def remove_host(self, hostname: str) -> None:
        self._deliver(self.table.remove_host(hostname))

    def monitor(self, hostname: str, enabled: bool) -> None:
        """Start or stop heartbeat of a host (a locked or disabled host
        is not monitored); alarms of the host are cleared either way."""
        self._deliver(self.table.set_monitored(hostname, enabled))

    def hosts_state(self) -> dict[str, dict]:
        return self.table.hosts_state()

    def mnfa_state(self) -> dict:
        return self.table.mnfa_state()

    def cluster_view(self) -> dict:
        """This agent's last (monitored, answered) count per network, and
        the other controllers' as reported by the hosts."""
        return {'own': dict(self.table.views),
                'peers': {c: dict(v) for c, v in
                          self.table.peer_views.items()}}

    def counters(self) -> dict[str, int]:
        counts = self.opener.counters.as_dict()
        counts.update(self.table.stats)
        counts.update(requests_sent=self.requests_sent,
                      send_errors=self.send_errors,
                      late_periods=self.late_periods)
        return counts

    # -- start / stop / wait -----------------------------------------------
    def start(self) -> None:
        if self._alarm_client is None and self.conf.heartbeat.raise_alarms:
            from stx_common import alarms
            self._alarm_client = alarms.get_client()
        if self._alarm_client is not None:
            self.alarms = hbalarms.HeartbeatAlarms(self._alarm_client)
        self._stop.clear()
        self._udp.open()
        if self.action != esc.NONE:
            for network, endpoint in self.endpoints.items():
                self._udp.register(network, sockets.agent_socket(endpoint))
        else:
            LOG.warning('heartbeat_failure_action is none: no heartbeat; '
                        'heartbeat alarms are cleared')
            for hostname in self.table.hostnames():
                self._deliver([monmod.AlarmChange(hostname, net,
                                                  monmod.ALARM_RESET)
                               for net in self.endpoints])
        self._threads = [
            threading.Thread(target=self._deliver_loop, daemon=True,
                             name='heartbeat-delivery'),
            threading.Thread(target=self._pulse_loop, daemon=True,
                             name='heartbeat-agent')]
        for thread in self._threads:
            thread.start()
        LOG.info('Heartbeat agent %s: period %d ms, %s, action %s, '
                 'networks %s', self.hostname, self.period * 1000,
                 self.transport, self.action,
                 ', '.join('%s %s:%d' % (n, e.address, e.agent_port)
                           for n, e in self.endpoints.items()))

    def stop(self) -> None:
        self._stop.set()
        self._udp.wake()

    def wait(self) -> None:
        for thread in self._threads:
            thread.join()
        self._threads = []
        self._udp.close()

    # -- the pulse loop --------------------------------------------------
    def _pulse_loop(self) -> None:
        if self.action == esc.NONE:
            self._stop.wait()
            return
        stats_at = time.monotonic() + self.conf.heartbeat.stats_interval
        next_send = time.monotonic()
        close_at = None
        while not self._stop.is_set():
            now = time.monotonic()
            if close_at is not None and now >= close_at:
                self._receive_all()
                self._deliver(self.table.close_pulse())
                close_at = None
            if now >= next_send:
                if close_at is not None:         # never left unclosed
                    self._receive_all()
                    self._deliver(self.table.close_pulse())
                period = self.period * self.table.period_factor
                self._send_requests(period)
                close_at = now + period * CLOSE_AT
                next_send += period
                if next_send < now:              # stalled: skip, not miss
                    self.late_periods += 1
                    next_send = now + period
            if now >= stats_at:
                LOG.debug('Heartbeat datagram counters: %s', self.counters())
                stats_at = now + self.conf.heartbeat.stats_interval
            deadline = next_send if close_at is None else \
                min(next_send, close_at)
            timeout = max(0.0, deadline - time.monotonic())
            for network, _sock in self._udp.ready(timeout):
                self._receive(network)

    def _send_requests(self, period: float) -> None:
        seq = self.table.next_pulse()
        views = self.table.views
        for network, sock in self._udp.sockets.items():
            data = protocol.seal_request(
                self.sealer, network, seq, self.table.run,
                round(period * 1000), views.get(network, (0, 0)))
            port = self.endpoints[network].client_port
            if self.transport == 'multicast':
                destinations = [self.group]
            else:
                destinations = [address for _, address in
                                self.table.targets(network)]
            for address in destinations:
                try:
                    sock.sendto(data, (address, port))
                    self.requests_sent += 1
                except OSError as exc:
                    self.send_errors += 1
                    if self.send_errors in (1, 10, 100) or \
                            self.send_errors % 1000 == 0:
                        LOG.warning('Pulse request on %s to %s failed '
                                    '(%d so far): %s', network, address,
                                    self.send_errors, exc)

    def _receive_all(self) -> None:
        for network in self._udp.sockets:
            self._receive(network)

    def _receive(self, network: str) -> None:
        for data, _address in sockets.drain(self._udp.sockets[network]):
            message = protocol.receive(self.opener, data, network,
                                       self.table.stats)
            if isinstance(message, protocol.Response):
                self.table.answer(message, network)

    # -- delivery ----------------------------------------------------------
    def _deliver(self, items) -> None:
        for item in items:
            self._queue.put(item)

    def _deliver_loop(self) -> None:
        while True:
            try:
                item = self._queue.get(timeout=0.2)
            except queue.Empty:
                if self._stop.is_set():
                    return
                continue
            try:
                self._deliver_one(item)
            except Exception:  # noqa: BLE001 - keep delivering
                LOG.exception('Heartbeat delivery of %s failed', item)

    def _deliver_one(self, item) -> None:
        if isinstance(item, monmod.AlarmChange):
            if self.alarms is None:
                return
            if item.change == monmod.ALARM_RESET:
                self.alarms.clear_host(item.hostname, [item.network])
            else:
                self.alarms.apply(item.hostname, item.network, item.change)
            return
        if item.hostname:
            LOG.info('Heartbeat %s: %s on %s', item.kind, item.hostname,
                     item.network)
        else:
            LOG.warning('Heartbeat %s: hosts %s', item.kind,
                        ', '.join(item.hosts))
        self.on_event(item)


if __name__ == '__main__':
    import sys

    from mtce.heartbeat import runner
    sys.exit(runner.agent_main(sys.argv))
