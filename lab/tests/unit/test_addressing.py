import ipaddress

import pytest

from stx_lab import addressing, exception, profiles


def net(cidr):
    return ipaddress.ip_network(cidr)


def test_slot_zero_uses_starlingx_defaults():
    subnets = addressing.slot_subnets(0)
    assert subnets['mgmt'] == net('192.168.204.0/24')
    assert subnets['cluster-host'] == net('192.168.206.0/24')
    assert subnets['oam'] == net('10.10.10.0/24')
    assert subnets['pxeboot'] == net('169.254.202.0/24')


def test_slots_never_overlap_each_other():
    seen = []
    for slot in range(addressing.MAX_SLOT + 1):
        for subnet in addressing.slot_subnets(slot).values():
            assert not any(subnet.overlaps(s) for s in seen)
            seen.append(subnet)
    assert addressing.slot_subnets(3)['mgmt'] == net('10.203.204.0/24')


def test_choose_slot_skips_clashing_networks():
    assert addressing.choose_slot([]) == 0
    assert addressing.choose_slot([net('192.0.2.0/24')]) == 0
    assert addressing.choose_slot([net('192.168.204.0/24')]) == 1
    taken = [net('192.168.0.0/16'), net('10.201.0.0/16')]
    assert addressing.choose_slot(taken) == 2
    assert addressing.choose_slot([net('0.0.0.0/0')]) == 0   # default route


def test_no_free_slot():
    with pytest.raises(exception.NoFreeSlot):
        addressing.choose_slot([net('10.0.0.0/8'), net('192.168.0.0/16')])


def test_host_addresses_follow_starlingx():
    spec = profiles.get_profile('standard', 3)
    mgmt = net('192.168.204.0/24')
    got = {h.name: str(addressing.host_address(mgmt, h)) for h in spec.hosts}
    assert got == {'controller-0': '192.168.204.3',
                   'controller-1': '192.168.204.4',
                   'worker-0': '192.168.204.10',
                   'worker-1': '192.168.204.11',
                   'worker-2': '192.168.204.12'}
    assert str(addressing.gateway(mgmt)) == '192.168.204.1'
    assert str(addressing.floating(mgmt)) == '192.168.204.2'
    first, last = addressing.dhcp_range(net('169.254.202.0/24'))
    assert (str(first), str(last)) == ('169.254.202.100', '169.254.202.199')


def test_largest_lab_fits_a_24():
    spec = profiles.get_profile('standard', profiles.MAX_WORKERS)
    subnet = net('10.201.204.0/24')
    addresses = {addressing.host_address(subnet, h) for h in spec.hosts}
    assert len(addresses) == len(spec.hosts)
    low, _ = addressing.dhcp_range(subnet)
    assert all(a in subnet and a < low for a in addresses)
    bmcs = {addressing.bmc_address(subnet, i) for i in range(len(spec.hosts))}
    assert all(b in subnet and b != subnet.broadcast_address for b in bmcs)


def test_macs_are_unique_and_pxeboot_shares_mgmt():
    spec = profiles.get_profile('standard', 4)
    macs = {}
    for host in spec.hosts:
        for network in ('oam', 'mgmt', 'cluster-host'):
            macs[(host.name, network)] = addressing.mac_address(
                7, network, host)
        assert addressing.mac_address(7, 'pxeboot', host) == \
            macs[(host.name, 'mgmt')]
    assert len(set(macs.values())) == len(macs)
    assert all(int(m.split(':')[0], 16) & 0x02 for m in macs.values())


def test_explicit_subnets():
    given = dict(addressing.DEFAULT_SUBNETS, mgmt='10.99.0.0/24')
    assert addressing.parse_subnets(given)['mgmt'] == net('10.99.0.0/24')
    with pytest.raises(exception.LabError, match='missing'):
        addressing.parse_subnets({'mgmt': '10.99.0.0/24'})
    with pytest.raises(exception.LabError, match='smaller'):
        addressing.parse_subnets(dict(given, oam='10.1.1.0/28'))
