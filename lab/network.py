"""Bridges, namespaces, veths, addresses and routes, through pyroute2.

These are thin, idempotent wrappers: creating what exists already or
deleting what is gone is not an error, so that ``up`` can be retried and
``down`` can run after a crash of whatever built the lab.
"""
from collections.abc import Iterator
import contextlib
import ipaddress
import os

from pyroute2 import IPRoute, NetNS, netns
from pyroute2.netlink.exceptions import NetlinkError

NETNS_DIR = '/var/run/netns'
_EEXIST = 17
_ENOENT = 2
_ENODEV = 19
_ESRCH = 3
_EADDRNOTAVAIL = 99


@contextlib.contextmanager
def _route(namespace: str | None = None) -> Iterator[IPRoute]:
    handle = NetNS(namespace) if namespace else IPRoute()
    try:
        yield handle
    finally:
        handle.close()


def _index(ipr: IPRoute, ifname: str) -> int | None:
    found = ipr.link_lookup(ifname=ifname)
    return found[0] if found else None


def _ignore(*codes: int):
    """Suppress netlink errors with one of ``codes``."""

    @contextlib.contextmanager
    def guard():
        try:
            yield
        except NetlinkError as exc:
            if exc.code not in codes:
                raise

    return guard()


def list_namespaces(prefix: str = '') -> list[str]:
    return sorted(name for name in netns.listnetns()
                  if name.startswith(prefix))


def create_namespace(name: str) -> None:
    if name not in netns.listnetns():
        netns.create(name)
    with _route(name) as ns:
        lo = _index(ns, 'lo')
        ns.link('set', index=lo, state='up')


def delete_namespace(name: str) -> None:
    if name in netns.listnetns():
        netns.remove(name)


def namespace_inode(name: str) -> int | None:
    try:
        return os.stat(os.path.join(NETNS_DIR, name)).st_ino
    except OSError:
        return None


def list_links(prefix: str = '') -> list[str]:
    with _route() as ipr:
        names = [link.get('ifname') for link in ipr.get_links()]
    return sorted(n for n in names if n and n.startswith(prefix))


def create_bridge(name: str, address: str, prefixlen: int) -> None:
    with _route() as ipr:
        if _index(ipr, name) is None:
            # NOTE: no STP (ports forward at once) and no multicast
            # snooping: heartbeat multicast is always flooded to every
            # host, with no IGMP querier needed.
            ipr.link('add', ifname=name, kind='bridge', br_stp_state=0,
                     br_forward_delay=0, br_mcast_snooping=0)
        index = _index(ipr, name)
        with _ignore(_EEXIST):
            ipr.addr('add', index=index, address=address,
                     prefixlen=prefixlen)
        ipr.link('set', index=index, state='up')


def add_address(ifname: str, address: str, prefixlen: int,
                namespace: str | None = None) -> None:
    with _route(namespace) as ipr:
        with _ignore(_EEXIST):
            ipr.addr('add', index=_index(ipr, ifname), address=address,
                     prefixlen=prefixlen)


def flush_addresses(ifname: str, namespace: str | None = None) -> None:
    with _route(namespace) as ipr:
        index = _index(ipr, ifname)
        if index is None:
            return
        for addr in ipr.get_addr(index=index, family=2):
            with _ignore(_EADDRNOTAVAIL):
                ipr.addr('del', index=index,
                         address=addr.get('IFA_ADDRESS'),
                         prefixlen=addr['prefixlen'])


def addresses(ifname: str, namespace: str | None = None) -> list[str]:
    with _route(namespace) as ipr:
        index = _index(ipr, ifname)
        if index is None:
            return []
        return ['%s/%d' % (a.get('IFA_ADDRESS'), a['prefixlen'])
                for a in ipr.get_addr(index=index, family=2)]


def create_veth(peer: str, bridge: str, namespace: str, ifname: str,
                mac: str) -> None:
    """A veth pair: ``peer`` enslaved to ``bridge`` in the root namespace,
    ``ifname`` (with ``mac``) inside ``namespace``. Both ends are left
    down: booting the host brings its end up."""
    with _route() as ipr:
        if _index(ipr, peer) is None:
            ipr.link('add', ifname=peer, kind='veth',
                     peer={'ifname': ifname, 'net_ns_fd': namespace,
                           'address': mac})
        ipr.link('set', index=_index(ipr, peer),
                 master=_index(ipr, bridge), state='up')


def delete_link(name: str) -> None:
    with _route() as ipr:
        index = _index(ipr, name)
        if index is not None:
            with _ignore(_ENODEV, _ENOENT):
                ipr.link('del', index=index)


def set_link(ifname: str, up: bool, namespace: str | None = None) -> None:
    with _route(namespace) as ipr:
        index = _index(ipr, ifname)
        if index is not None:
            ipr.link('set', index=index, state='up' if up else 'down')


def link_state(ifname: str, namespace: str | None = None) -> dict:
    """``{'admin': 'up'|'down', 'carrier': bool, 'mac': str}`` or {}."""
    with _route(namespace) as ipr:
        index = _index(ipr, ifname)
        if index is None:
            return {}
        link = ipr.get_links(index)[0]
    return {'admin': 'up' if link['flags'] & 1 else 'down',
            'carrier': bool(link.get('IFLA_CARRIER')),
            'mac': link.get('IFLA_ADDRESS')}


def replace_route(namespace: str | None, dst: str, gateway: str) -> None:
    network = ipaddress.ip_network(dst)
    with _route(namespace) as ipr:
        ipr.route('replace', dst=str(network.network_address),
                  dst_len=network.prefixlen, gateway=gateway)


def networks_in_use() -> list[ipaddress.IPv4Network]:
    """Every IPv4 network of the root namespace: addresses and routes."""
    found = []
    with _route() as ipr:
        for addr in ipr.get_addr(family=2):
            found.append(ipaddress.ip_network(
                '%s/%d' % (addr.get('IFA_ADDRESS'), addr['prefixlen']),
                strict=False))
        for route in ipr.get_routes(family=2, table=254):
            dst = route.get('RTA_DST')
            if dst:
                found.append(ipaddress.ip_network(
                    '%s/%d' % (dst, route['dst_len']), strict=False))
    return [n for n in found if not n.is_loopback]
