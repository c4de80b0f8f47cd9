"""The pure rule functions behind the logical-configuration flows."""
import pytest

from sysinv import exception
from sysinv.conductor import config_rules, interface_rules, network_rules


def refused(message, func, *args):
    with pytest.raises(exception.ClientSideError) as info:
        func(*args)
    assert str(info.value) == message


def host(name, administrative='locked', personality='controller'):
    return {'id': hash(name), 'hostname': name, 'personality': personality,
            'administrative': administrative}


def test_host_lock_rule():
    duplex = {'system_mode': 'duplex'}
    simplex = {'system_mode': 'simplex'}
    c0 = host('controller-0', 'unlocked')
    w0 = host('worker-0', 'unlocked', 'worker')
    interface_rules.check_host_locked(host('worker-1'), [c0], duplex)
    interface_rules.check_host_locked(c0, [c0], duplex)
    refused('Host must be locked.', interface_rules.check_host_locked, c0,
            [c0], simplex)
    refused('Host must be locked.', interface_rules.check_host_locked, c0,
            [c0, w0], duplex)
    refused('Host must be locked.', interface_rules.check_host_locked, w0,
            [w0], duplex)


def test_values():
    assert interface_rules.check_mtu('1500') == 1500
    assert interface_rules.check_mtu(None) is None
    assert interface_rules.check_vlan_id(4094) == 4094
    refused('VLAN id must be between 1 and 4094.',
            interface_rules.check_vlan_id, 0)


def test_select_mac():
    lowers = [{'ifname': 'eth1', 'imac': 'b'}, {'ifname': 'eth0',
                                                'imac': 'a'}]
    assert interface_rules.select_mac({'iftype': 'ae'}, lowers) == 'a'
    assert interface_rules.select_mac(
        {'iftype': 'ae'}, lowers, {'ifname': 'eth1', 'imac': 'b'}) == 'b'
    assert interface_rules.select_mac({'iftype': 'virtual'}, lowers) == \
        interface_rules.NULL_MAC


def test_host_names_for_ntp():
    assert config_rules.is_valid_hostname('0.pool.ntp.org')
    assert config_rules.is_valid_hostname('ntp.')
    assert not config_rules.is_valid_hostname('-bad.example')
    assert not config_rules.is_valid_hostname('a' * 64)
    assert config_rules.check_ntpservers('10.0.0.1, ntp.example',
                                         '8.8.8.8') == '10.0.0.1,ntp.example'
    assert config_rules.check_ntpservers('NC', '') == ''
    assert config_rules.check_nameservers('fd00::0001', '', {4, 6}) == \
        'fd00::1'


def test_reserved_plan():
    pool = {'name': 'p', 'ranges': [['10.0.0.2', '10.0.0.9']],
            'floating_address': None, 'controller0_address': '10.0.0.5',
            'controller1_address': None, 'gateway_address': '10.0.0.1'}
    plan = network_rules.reserved_plan('mgmt', pool, {}, ['10.0.0.2'])
    assert [(p['name'], p['address'], p['kind']) for p in plan] == [
        ('controller-mgmt', '10.0.0.3', 'floating'),
        ('controller-0-mgmt', '10.0.0.5', 'controller0'),
        ('controller-1-mgmt', '10.0.0.4', 'controller1'),
        ('controller-gateway-mgmt', '10.0.0.1', 'gateway')]
    oam = dict(pool, floating_address='10.0.0.3')
    simplex = network_rules.reserved_plan('oam', oam,
                                          {'system_mode': 'simplex'}, [])
    assert [p['name'] for p in simplex] == ['controller-oam',
                                            'controller-gateway-oam']
    multicast = network_rules.reserved_plan('multicast', pool, {}, [])
    assert [p['name'] for p in multicast] == [
        'sm-mgmt-multicast', 'mtce-mgmt-multicast',
        'patch-controller-multicast', 'patch-agent-multicast']
    assert network_rules.reserved_plan('cluster-pod', pool, {}, []) == []


def test_pick_address():
    pool = {'name': 'p', 'order': 'random',
            'ranges': [['10.0.0.1', '10.0.0.3']]}
    assert network_rules.pick_address(pool, ['10.0.0.1'], 'sequential') == \
        '10.0.0.2'
    assert network_rules.pick_address(pool, [], chooser=max) == '10.0.0.3'
    with pytest.raises(Exception, match='has no available addresses'):
        network_rules.pick_address(pool, ['10.0.0.1', '10.0.0.2',
                                          '10.0.0.3'])


def test_initial_config_complete():
    assert not network_rules.initial_config_complete(
        [{'personality': 'worker', 'invprovision': 'provisioned'}])
    assert network_rules.initial_config_complete(
        [{'personality': 'controller', 'invprovision': 'provisioned'}])


@pytest.mark.parametrize('roles, rule, allowed', [
    (['reader'], 'sysinv:iinterfaces:get', True),
    (['reader'], 'sysinv:iinterfaces:modify', False),
    (['operator'], 'sysinv:idns:modify', False),
    (['configurator'], 'sysinv:idns:modify', True),
    (['admin'], 'sysinv:service_parameter:modify', True),
    (['reader'], 'sysinv:labels:modify', False),
    (['reader'], 'sysinv:addresses:get', True),
])
def test_rbac(conf, roles, rule, allowed):
    from stx_common import context
    from stx_common import exception as common_exc
    from sysinv import policies
    caller = context.RequestContext(roles=roles, project_id='p',
                                    user_id='u')
    if allowed:
        policies.authorize(rule, caller)
    else:
        with pytest.raises(common_exc.Forbidden):
            policies.authorize(rule, caller)
