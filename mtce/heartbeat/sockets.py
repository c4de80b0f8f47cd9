"""UDP sockets of the heartbeat, and where this host is on each network.

Hosts have no default route (and need none): a socket that sends pulse
requests to the multicast group names its interface by address
(``IP_MULTICAST_IF``) and keeps the datagrams on the link (TTL 1);
responses go unicast to an address of a directly connected subnet.
"""
import dataclasses
import fcntl
import socket
import struct

from oslo_config import cfg

from mtce.heartbeat import protocol

SIOCGIFADDR = 0x8915
RECEIVE_BUFFER = 1 << 20
MAX_DATAGRAM = 65535


def interface_address(ifname: str) -> str:
    """The IPv4 address of interface ``ifname``.

    :raises OSError: when it has none (or does not exist).
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        packed = fcntl.ioctl(probe.fileno(), SIOCGIFADDR,
                             struct.pack('256s', ifname[:15].encode()))
    return socket.inet_ntoa(packed[20:24])


@dataclasses.dataclass(frozen=True)
class Endpoint:
    """This host on one heartbeat network, with the ports used there."""

    network: str
    address: str
    agent_port: int
    client_port: int


def local_endpoints(conf: cfg.ConfigOpts) -> dict[str, Endpoint]:
    """The monitored networks this host is on: mgmt (required) and
    cluster-host (when it has an address or interface)."""
    hb = conf.heartbeat
    found = {}
    for network, address, ifname, agent_port, client_port in (
            ('mgmt', hb.mgmt_address, hb.mgmt_interface,
             conf.agent.hbs_agent_mgmnt_port,
             conf.client.hbs_client_mgmnt_port),
            ('cluster-host', hb.cluster_host_address,
             hb.cluster_host_interface, conf.agent.hbs_agent_clstr_port,
             conf.client.hbs_client_clstr_port)):
        if not address and ifname:
            address = interface_address(ifname)
        if address:
            found[network] = Endpoint(network, address, agent_port,
                                      client_port)
    if 'mgmt' not in found:
        raise ValueError('[heartbeat] mgmt_address or mgmt_interface is '
                         'required')
    if set(found) - set(protocol.NETWORKS):
        raise ValueError('unknown network')
    return found


def _udp() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
    except OSError:
        pass
    sock.setblocking(False)
    return sock


def agent_socket(endpoint: Endpoint) -> socket.socket:
    """Bound to the agent's port on its address; pulse requests leave
    from it too (so responses come back to the same port), multicast ones
    on this network's interface."""
    sock = _udp()
    sock.bind((endpoint.address, endpoint.agent_port))
    local = socket.inet_aton(endpoint.address)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, local)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
    return sock


def client_socket(endpoint: Endpoint, group: str | None) -> socket.socket:
    """Receives pulse requests on this network: bound to the client port
    on every address (``group`` given: joined to it on this network's
    interface), or on the host's own address (unicast only)."""
    sock = _udp()
    if group:
        sock.bind(('', endpoint.client_port))
        membership = struct.pack('4s4s', socket.inet_aton(group),
                                 socket.inet_aton(endpoint.address))
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                        membership)
    else:
        sock.bind((endpoint.address, endpoint.client_port))
    return sock


def loopback_socket(port: int) -> socket.socket:
    sock = _udp()
    sock.bind(('127.0.0.1', port))
    return sock


def drain(sock: socket.socket, limit: int = 256):
    """Yield the (data, address) pairs waiting on ``sock``."""
    for _ in range(limit):
        try:
            yield sock.recvfrom(MAX_DATAGRAM)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:     # e.g. an ICMP error of an earlier send
            continue
