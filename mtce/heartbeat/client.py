"""HeartbeatClient: the hbsClient role, inside mtce-client on every host.

It answers each authentic pulse request, on each monitored network and
from any controller, with a sealed unicast response to the address and
port the request came from (the agent's receive port). The response
echoes the request's sequence number and run id and carries the host's
flags:

* ``pmond alive``: a pmond pulse (:func:`~mtce.heartbeat.protocol.
  seal_pmon_pulse` to ``127.0.0.1:[client] pmon_pulse_port``) arrived in
  the last :data:`PMOND_PULSE_TIMEOUT` seconds;
* ``cluster-host provisioned``: this host heartbeats on cluster-host.

It also returns the cluster views received from the *other*
controllers. Forged, replayed and malformed datagrams are dropped and
counted (:meth:`HeartbeatClient.counters`).

Standalone: ``python -m mtce.heartbeat.client --config-file client.conf``.
"""
import socket
import time

from oslo_config import cfg
from oslo_log import log

from mtce import conf as mtce_conf
from mtce.heartbeat import protocol, sockets
from stx_common import datagram, udp

LOG = log.getLogger(__name__)

PMOND_PULSE_TIMEOUT = 3.0


class HeartbeatClient:
    """A start/stop/wait part for :func:`stx_common.service.run`."""

    def __init__(self, conf: cfg.ConfigOpts = mtce_conf.CONF):
        mtce_conf.register_opts(conf)
        self.conf = conf
        self.hostname = conf.host
        self.endpoints = sockets.local_endpoints(conf)
        key = datagram.load_key(conf.heartbeat.auth_key,
                                conf.heartbeat.auth_key_file)
        self.sealer = datagram.Sealer(key, self.hostname)
        self.opener = datagram.Opener(
            key, max_age=conf.heartbeat.max_datagram_age or None)
        self.group = (conf.agent.multicast
                      if conf.heartbeat.transport == 'multicast' else None)
        self.views: dict[str, dict[str, tuple[int, int]]] = {}
        self.stats = {'answered': 0, 'misdirected': 0, 'invalid': 0,
                      'send_errors': 0,
                      'pmon_pulses': 0}
        self._pmond_at: float | None = None
        self._reader = udp.ReaderThread(self._loop, 'heartbeat-client')
        self._udp = self._reader.selector

    def flags(self) -> int:
        flags = 0
        if self._pmond_at is not None and \
                time.monotonic() - self._pmond_at <= PMOND_PULSE_TIMEOUT:
            flags |= protocol.FLAG_PMOND_ALIVE
        if 'cluster-host' in self.endpoints:
            flags |= protocol.FLAG_CLUSTER_HOST_PROVISIONED
        return flags

    def counters(self) -> dict[str, int]:
        counts = self.opener.counters.as_dict()
        counts.update(self.stats)
        return counts

    def start(self) -> None:
        for network, endpoint in self.endpoints.items():
            self._udp.register(network,
                               sockets.client_socket(endpoint, self.group))
        try:
            self._udp.register(protocol.PMON, sockets.loopback_socket(
                self.conf.client.pmon_pulse_port))
        except OSError as exc:
            LOG.warning('No pmond pulses (port %d): %s',
                        self.conf.client.pmon_pulse_port, exc)
        self._reader.start()
        LOG.info('Heartbeat client %s answering on %s', self.hostname,
                 ', '.join('%s %s:%d' % (n, e.address, e.client_port)
                           for n, e in self.endpoints.items()))

    def stop(self) -> None:
        self._reader.stop()

    def wait(self) -> None:
        self._reader.wait()

    def _loop(self) -> None:
        stats_at = time.monotonic() + self.conf.heartbeat.stats_interval
        while not self._reader.stopping.is_set():
            for name, sock in self._udp.ready(1.0):
                self._receive(sock, None if name == protocol.PMON else name)
            if time.monotonic() >= stats_at:
                LOG.debug('Heartbeat datagram counters: %s', self.counters())
                stats_at = time.monotonic() + \
                    self.conf.heartbeat.stats_interval

    def _receive(self, sock: socket.socket, network: str | None) -> None:
        for data, address in sockets.drain(sock):
            message = protocol.receive(self.opener, data, network,
                                       self.stats)
            if message is None:
                continue
            if message == protocol.PMON:
                if network is None:
                    self._pmond_at = time.monotonic()
                    self.stats['pmon_pulses'] += 1
                continue
            if not isinstance(message, protocol.Request) or \
                    message.network != network:
                self.stats['misdirected'] += 1
                continue
            self._answer(sock, message, address)

    def _answer(self, sock: socket.socket, request: protocol.Request,
                address) -> None:
        self.views.setdefault(request.controller, {})[request.network] = \
            request.view
        peers = {c: v for c, v in self.views.items()
                 if c != request.controller}
        data = protocol.seal_response(self.sealer, request, self.flags(),
                                      peers)
        try:
            sock.sendto(data, address)
            self.stats['answered'] += 1
        except OSError as exc:
            self.stats['send_errors'] += 1
            LOG.debug('Pulse response to %s failed: %s', address, exc)


if __name__ == '__main__':
    import sys

    from mtce.heartbeat import runner
    sys.exit(runner.client_main(sys.argv))
