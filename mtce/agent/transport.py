"""mtce-agent's UDP side: mtcAlive messages and command results in,
commands out, sealed with the site's maintenance key.

One socket per network (mgmt, cluster-host), bound to the agent's port
there (``[agent] mtc_rx_mgmnt_port`` / ``mtc_rx_clstr_port``); commands
leave from it to the host's address on that network and the client's
port (``[client] mtc_rx_*_port``), so results come back to it. Forged,
replayed and malformed datagrams are dropped and counted.
"""
import itertools

from oslo_log import log

from mtce.common import messages
from mtce.heartbeat import sockets
from stx_common import datagram, udp

LOG = log.getLogger(__name__)


def ports(conf):
    """(agent port, client port) of each network."""
    return {'mgmt': (conf.agent.mtc_rx_mgmnt_port,
                     conf.client.mtc_rx_mgmnt_port),
            'cluster-host': (conf.agent.mtc_rx_clstr_port,
                             conf.client.mtc_rx_clstr_port)}


def load_key(conf):
    return datagram.load_key(conf.heartbeat.auth_key,
                             conf.heartbeat.auth_key_file)


class AgentTransport:
    """A start/stop/wait part; ``on_message(message, network)`` is
    called from its thread with each :class:`~mtce.common.messages.
    Alive` and :class:`~mtce.common.messages.Result`."""

    def __init__(self, conf, on_message, networks=None):
        self.conf = conf
        self.on_message = on_message
        self.hostname = conf.host
        key = load_key(conf)
        self.sealer = datagram.Sealer(key, self.hostname)
        self.opener = datagram.Opener(key)
        endpoints = sockets.local_endpoints(conf)
        self.networks = tuple(n for n in (networks or endpoints)
                              if n in endpoints)
        self.endpoints = endpoints
        self.ports = ports(conf)
        self._ids = itertools.count(1)
        self._reader = udp.ReaderThread(self._loop, 'mtce-agent-udp')
        self._udp = self._reader.selector
        self.stats = {'sent': 0, 'send_errors': 0, 'received': 0,
                      'invalid': 0}

    def counters(self):
        counts = self.opener.counters.as_dict()
        counts.update(self.stats)
        return counts

    def start(self):
        for network in self.networks:
            self._udp.register(network,
                               udp.bound_socket(self.ports[network][0]))
        self._reader.start()
        LOG.info('Maintenance messages on %s', ', '.join(
            '%s port %d' % (n, self.ports[n][0]) for n in self.networks))

    def stop(self):
        self._reader.stop()

    def wait(self):
        self._reader.wait()

    # -- sending -------------------------------------------------------------
    def send(self, addresses, command, args=None):
        """Send ``command`` to a host on each of its networks
        (``addresses``: network -> address); returns the command id."""
        ident = next(self._ids)
        data = messages.seal_command(self.sealer, command, ident, args)
        for network, address in addresses.items():
            sock = self._udp.get(network)
            if sock is None or not address:
                continue
            try:
                sock.sendto(data, (address, self.ports[network][1]))
                self.stats['sent'] += 1
            except OSError as exc:
                self.stats['send_errors'] += 1
                LOG.debug('%s to %s on %s failed: %s', command, address,
                          network, exc)
        return ident

    # -- receiving -------------------------------------------------------
    def _loop(self):
        while not self._reader.stopping.is_set():
            for network, sock in self._udp.ready(1.0):
                for data, _address in sockets.drain(sock):
                    self._receive(data, network)

    def _receive(self, data, network):
        try:
            message = messages.decode(self.opener.open(data))
        except datagram.Rejected as exc:
            if not isinstance(exc, messages.MessageError):
                LOG.debug('Dropped a datagram on %s: %s', network, exc)
            else:
                self.stats['invalid'] += 1
            return
        if isinstance(message, messages.Command):
            self.stats['invalid'] += 1
            return
        self.stats['received'] += 1
        try:
            self.on_message(message, network)
        except Exception:  # noqa: BLE001 - keep receiving
            LOG.exception('Handling %s failed', message)
