"""Subnets of a lab and the address of every host on them.

A lab takes one *slot*; the slot chooses the subnets so that labs running
side by side never clash. Slot 0 uses StarlingX's default subnets, slot
``k >= 1`` uses ``10.(200+k).<third octet>.0/24`` with the third octet of
each network kept recognisable (204 mgmt, 206 cluster-host, ...). A slot is
free when none of its subnets overlaps an address or route that already
exists in the root namespace; subnets may also be given explicitly.

Within each /24 (the same layout on every network)::

    .1          the root namespace: site gateway, forwarders, dnsmasq
    .2          reserved for the floating controller address (SM adds it)
    .3 / .4     controller-0 / controller-1
    .10 + i     worker-i
    .100-.199   pxeboot: dynamic DHCP range for unknown MACs
    bmc: .10 + n  the BMC of the n-th host of the profile

Controllers get oam, mgmt and cluster-host addresses statically; every
host gets its pxeboot address by DHCP from dnsmasq (fixed per MAC, from the
same layout). The pxeboot link has the same MAC as the mgmt link, like a
host whose pxeboot network is untagged on its mgmt port, so the MAC in a
lease is the host's ``mgmt_mac``.
"""
from collections.abc import Iterable
import ipaddress

from stx_lab import exception, profiles

Network = ipaddress.IPv4Network
Address = ipaddress.IPv4Address

DEFAULT_SUBNETS = {
    'oam': '10.10.10.0/24',
    'mgmt': '192.168.204.0/24',
    'cluster-host': '192.168.206.0/24',
    'pxeboot': '169.254.202.0/24',
    'bmc': '192.168.220.0/24',
}
_THIRD_OCTET = {'oam': 10, 'mgmt': 204, 'cluster-host': 206,
                'pxeboot': 202, 'bmc': 220}
MAX_SLOT = 50
GATEWAY_HOST = 1
FLOATING_HOST = 2
CONTROLLER_BASE = 3
WORKER_BASE = 10
BMC_BASE = 10
DHCP_RANGE = (100, 199)
# network -> byte of the MAC addresses of links on it (pxeboot: mgmt's).
_MAC_NET = {'oam': 1, 'mgmt': 2, 'cluster-host': 3, 'pxeboot': 2}


def slot_subnets(slot: int) -> dict[str, Network]:
    """The subnets of every network for ``slot``."""
    if slot == 0:
        return {net: ipaddress.ip_network(cidr)
                for net, cidr in DEFAULT_SUBNETS.items()}
    if not 1 <= slot <= MAX_SLOT:
        raise exception.NoFreeSlot('slot %d out of range' % slot)
    return {net: ipaddress.ip_network('10.%d.%d.0/24' % (200 + slot, third))
            for net, third in _THIRD_OCTET.items()}


def choose_slot(in_use: Iterable[Network]) -> int:
    """The lowest slot none of whose subnets overlaps ``in_use``.

    :raises NoFreeSlot: when every slot clashes.
    """
    taken = [net for net in in_use if net.prefixlen > 0]
    for slot in range(MAX_SLOT + 1):
        subnets = slot_subnets(slot).values()
        if not any(s.overlaps(t) for s in subnets for t in taken):
            return slot
    raise exception.NoFreeSlot('no free address slot: every candidate '
                               'subnet overlaps an existing network')


def parse_subnets(given: dict[str, str]) -> dict[str, Network]:
    """Explicit subnets (every network must be given, as /24 or larger)."""
    subnets = {}
    for net in profiles.ALL_NETWORKS:
        if net not in given:
            raise exception.LabError('subnet of network %s missing' % net)
        subnet = ipaddress.ip_network(given[net])
        if subnet.prefixlen > 24:
            raise exception.LabError('subnet %s of %s is smaller than /24'
                                     % (subnet, net))
        subnets[net] = subnet
    return subnets


def nth(subnet: Network, n: int) -> Address:
    return subnet.network_address + n


def gateway(subnet: Network) -> Address:
    """The root namespace's address on the network's bridge."""
    return nth(subnet, GATEWAY_HOST)


def floating(subnet: Network) -> Address:
    """The controller floating address (reserved, added by SM)."""
    return nth(subnet, FLOATING_HOST)


def host_number(spec: profiles.HostSpec) -> int:
    """The host part of every platform address of ``spec``."""
    if spec.personality == 'controller':
        return CONTROLLER_BASE + spec.index
    return WORKER_BASE + spec.index


def host_address(subnet: Network, spec: profiles.HostSpec) -> Address:
    return nth(subnet, host_number(spec))


def bmc_address(subnet: Network, position: int) -> Address:
    """Address of the BMC of the ``position``-th host of the profile."""
    return nth(subnet, BMC_BASE + position)


def dhcp_range(subnet: Network) -> tuple[Address, Address]:
    return nth(subnet, DHCP_RANGE[0]), nth(subnet, DHCP_RANGE[1])


def mac_address(slot: int, network: str, spec: profiles.HostSpec) -> str:
    """A locally administered MAC, unique per lab slot, network and host."""
    number = host_number(spec)
    return '52:54:%02x:%02x:%02x:%02x' % (slot, _MAC_NET[network],
                                          number >> 8, number & 0xff)
