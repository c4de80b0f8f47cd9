"""/v1/iinterfaces: CRUD and every interface rule (StarlingX's message
and status), through sysinv-api and the conductor's real endpoints."""
import pytest

from sysinv.tests.unit.logical_fixtures import (
    add_port,
    fault,
    host_uuid,
    unlock,
)


@pytest.fixture
def host(site):
    """controller-0 with ports eth0..eth3 (eth3 SR-IOV capable) and an
    ethernet interface on each of eth0..eth2."""
    for index in range(4):
        add_port(site, 'controller-0', 'eth%d' % index,
                 '08:00:27:00:10:%02x' % index,
                 totalvfs=8 if index == 3 else 0)
    return host_uuid(site, 'controller-0')


def add(api, host, expect=200, **values):
    body = dict(ihost_uuid=host, **values)
    response = api.post_json('/v1/iinterfaces', body, expect_errors=True)
    assert response.status_int == expect, response.body
    return response


def eths(api, host):
    return {name: add(api, host, ifname=name, iftype='ethernet',
                      ports=name).json for name in ('eth0', 'eth1', 'eth2')}


def patch(api, uuid, expect=200, **changes):
    ops = [{'op': 'replace', 'path': '/%s' % k, 'value': v}
           for k, v in changes.items()]
    response = api.patch_json('/v1/iinterfaces/%s' % uuid, ops,
                              expect_errors=True)
    assert response.status_int == expect, response.body
    return response


def refused(response, message, status=400):
    assert fault(response) == (status, message)


def test_ethernet_on_a_port_and_the_lists(api, host):
    created = eths(api, host)['eth0']
    assert created['iftype'] == 'ethernet'
    assert created['imac'] == '08:00:27:00:10:00'
    assert created['imtu'] == 1500 and created['ifclass'] is None
    shown = api.get('/v1/iinterfaces/%s' % created['uuid']).json
    assert shown['ports'][0]['href'].endswith('/ports')
    ports = api.get('/v1/iinterfaces/%s/ports' % created['uuid']).json
    assert [p['name'] for p in ports['ports']] == ['eth0']
    assert ports['ports'][0]['interface_uuid'] == created['uuid']
    listed = api.get('/v1/ihosts/controller-0/iinterfaces').json
    assert [i['ifname'] for i in listed['iinterfaces']] == [
        'eth0', 'eth1', 'eth2']
    assert api.get('/v1/iinterfaces?ihost=controller-0&limit=2').json[
        'next']
    assert len(api.get('/v1/iinterfaces/detail').json['iinterfaces']) == 3


def test_host_must_be_locked(api, site, host):
    unlock(site, 'controller-0')
    unlock(site, 'worker-0')
    refused(add(api, host, 400, ifname='v0', iftype='virtual'),
            'Host must be locked.')


def test_only_unlocked_controller_may_be_configured(api, site, host):
    unlock(site, 'controller-0')
    add(api, host, ifname='v0', iftype='virtual')


@pytest.mark.parametrize('name, message', [
    ('ETH9', 'Interface name must be in lower case.'),
    ('abcdefghijk', 'Interface abcdefghijk has name length greater than '
                    '10.'),
    ('a$b', 'Cannot use special characters in interface name.'),
    ('   ', 'Interface name cannot be whitespace.'),
])
def test_interface_names(api, host, name, message):
    refused(add(api, host, 400, ifname=name, iftype='virtual'), message)


def test_names_are_unique_per_host(api, site, host):
    add(api, host, ifname='v0', iftype='virtual')
    refused(add(api, host, 400, ifname='v0', iftype='virtual'),
            'Interface Name v0 must be unique.')
    add(api, host_uuid(site, 'worker-0'), ifname='v0', iftype='virtual')


def test_type_and_class(api, site, host):
    refused(add(api, host, 400, ifname='x0', iftype='bond'),
            'Device interface type must be one of ae, vlan, ethernet, '
            'virtual, vf')
    refused(add(api, host, 400, ifname='x0', iftype='virtual',
                ifclass='bogus'), 'Invalid interface class bogus')
    refused(add(api, host, 400, ifname='x0', iftype='virtual',
                ifclass='data'),
            'The data interface class is only supported on nodes '
            'supporting worker functions')
    refused(add(api, host, 400, ifname='x0', iftype='virtual',
                ifclass='pci-passthrough'),
            'The pci-passthrough, pci-sriov interface class is only valid '
            'on Ethernet and VF interfaces')


def test_mtu_bounds(api, host):
    refused(add(api, host, 400, ifname='v0', iftype='virtual', imtu=575),
            'MTU must be between 576 and 9216 bytes.')
    refused(add(api, host, 400, ifname='v0', iftype='virtual', imtu='big'),
            'MTU is an integer value.')
    assert add(api, host, ifname='v0', iftype='virtual', imtu='9216',
               ports=[], uses=None).json['imtu'] == 9216


def test_ports(api, host):
    refused(add(api, host, 400, ifname='e9', iftype='ethernet'),
            'A port must be selected.')
    refused(add(api, host, 400, ifname='e9', iftype='ethernet',
                ports='eth0,eth1'), 'For Ethernet, select a single port.')
    refused(add(api, host, 400, ifname='e9', iftype='ethernet',
                ports='eth7'), 'Port eth7 does not exist.')
    first = add(api, host, ifname='eth0', iftype='ethernet', ports='eth0')
    response = add(api, host, 400, ifname='e9', iftype='ethernet',
                   ports='eth0')
    assert fault(response)[1] == ('Another interface %s is already using '
                                  'this port' % first.json['id'])
    refused(add(api, host, 400, ifname='eth1', iftype='ethernet',
                ports='eth2'),
            "Interface name cannot be 'eth1'. Port name can be used as "
            'interface name only if the interface uses that port. ')


def test_aggregated_ethernet(api, host):
    eth = eths(api, host)
    ae = add(api, host, ifname='bond0', iftype='ae', aemode='802.3ad',
             txhashpolicy='layer2', imtu=9000,
             uses=['eth0', 'eth1']).json
    assert ae['uses'] == ['eth0', 'eth1'] and ae['imac'] == eth['eth0'][
        'imac']
    member = api.get('/v1/iinterfaces/%s' % eth['eth0']['uuid']).json
    assert member['imtu'] == 9000 and member['used_by'] == ['bond0']
    refused(add(api, host, 400, ifname='bond1', iftype='ae',
                aemode='active_standby', uses=['eth1', 'eth2']),
            "Interface 'eth1' is already used by another AE interface "
            "'bond0'")
    api.delete('/v1/iinterfaces/%s' % ae['uuid'])
    member = api.get('/v1/iinterfaces/%s' % eth['eth0']['uuid']).json
    assert member['imtu'] == 1500 and member['used_by'] == []


@pytest.mark.parametrize('values, message', [
    ({'aemode': 'round-robin'}, "Invalid aggregated ethernet mode "
                                "'round-robin' "),
    ({'aemode': 'balanced'}, "Device interface with interface type "
                             "'aggregated ethernet' in 'balanced' or "
                             "'802.3ad' mode require a valid Tx Hash "
                             "Policy."),
    ({'aemode': 'active_standby', 'txhashpolicy': 'layer2'},
     "Device interface with interface type 'aggregated ethernet' in "
     "'active_standby' mode should not specify a Tx Hash Policy."),
    ({'aemode': 'balanced', 'txhashpolicy': 'layer9'},
     "Invalid aggregated ethernet tx hash policy 'layer9'. Valid values "
     'are: layer2, layer2+3, layer3+4'),
])
def test_ae_modes(api, host, values, message):
    eths(api, host)
    refused(add(api, host, 400, ifname='bond0', iftype='ae',
                uses=['eth0', 'eth1'], **values), message)


def test_ae_members_have_no_class_and_ae_name_is_no_port(api, host):
    eth = eths(api, host)
    patch(api, eth['eth2']['uuid'], ifclass='platform')
    refused(add(api, host, 400, ifname='bond0', iftype='ae',
                aemode='active_standby', uses=['eth1', 'eth2']),
            "All interfaces being used in an AE interface must have the "
            "interface class set to 'none'.")
    refused(add(api, host, 400, ifname='eth3', iftype='ae',
                aemode='active_standby', uses=['eth0']),
            "Aggregated Ethernet interface name cannot be 'eth3'. An "
            'Aggregated Ethernet name must not be the same as an existing '
            'port name. ')
    ae = add(api, host, ifname='bond0', iftype='ae',
             aemode='active_standby', uses=['eth0']).json
    refused(patch(api, eth['eth0']['uuid'], 400, ifclass='platform'),
            "Interface 'eth0' is being used by interface 'bond0' as an AE "
            "interface and therefore the interface class cannot be changed "
            "from 'none'.")
    refused(add(api, host, 400, ifname='bond9', iftype='ae',
                aemode='active_standby', uses=[]),
            'An aggregated ethernet interface must use at least one '
            'interface.')
    assert ae['aemode'] == 'active_standby'


def test_vlans(api, host):
    eth = eths(api, host)
    patch(api, eth['eth0']['uuid'], ifclass='platform', imtu=1500)
    vlan = add(api, host, ifname='vlan11', iftype='vlan', vlan_id=11,
               ifclass='platform', uses=['eth0']).json
    assert vlan['vlan_id'] == 11 and vlan['imac'] == eth['eth0']['imac']
    refused(add(api, host, 400, ifname='vlan12', iftype='vlan',
                vlan_id='x', uses=['eth0']), 'VLAN id is an integer value.')
    refused(add(api, host, 400, ifname='vlan12', iftype='vlan',
                vlan_id=4095, uses=['eth0']),
            'VLAN id must be between 1 and 4094.')
    refused(add(api, host, 400, ifname='vlan12', iftype='vlan',
                uses=['eth0']), 'VLAN id must be specified.')
    refused(add(api, host, 400, ifname='vlan12', iftype='vlan', vlan_id=12,
                uses=['eth0', 'eth1']),
            "Can only have one interface for vlan type. (['eth0', 'eth1'])")
    refused(add(api, host, 400, ifname='vlan12', iftype='vlan', vlan_id=12,
                uses=['vlan11']),
            'VLAN interfaces cannot be created over existing VLAN '
            'interfaces')
    refused(add(api, host, 400, ifname='vlan13', iftype='vlan', vlan_id=11,
                uses=['eth0']),
            'VLAN id 11 already in use on interface eth0')
    refused(add(api, host, 400, ifname='vlan14', iftype='vlan', vlan_id=11,
                ifclass='platform', uses=['eth1']),
            'VLAN id 11 already in use on another platform interface')
    refused(add(api, host, 400, ifname='vlan15', iftype='vlan', vlan_id=15,
                ifclass='platform', uses=['eth0'], imtu=9000),
            'Interface MTU (9000) cannot be larger than MTU of underlying '
            'interface (1500)')
    refused(patch(api, eth['eth0']['uuid'], 400, imtu=1400),
            'Interface MTU (1400) cannot be smaller than the interface MTU '
            '(1500) using this interface')
    refused(api.delete('/v1/iinterfaces/%s' % eth['eth0']['uuid'],
                       expect_errors=True),
            'Cannot delete an ethernet interface type.')


def test_vlan_classes_follow_their_lower_interface(api, host):
    eth = eths(api, host)
    patch(api, eth['eth0']['uuid'], ifclass='platform')
    refused(add(api, host, 400, ifname='vlan5', iftype='vlan', vlan_id=5,
                ifclass='data', uses=['eth0']),
            'Data VLAN interface cannot be created over a platform '
            'interface ')
    patch(api, eth['eth1']['uuid'], ifclass='platform')
    refused(add(api, host, 400, ifname='vlan6', iftype='vlan', vlan_id=6,
                ifclass='platform', uses=['eth1'], imtu=1600),
            'Interface MTU (1600) cannot be larger than MTU of underlying '
            'interface (1500)')
    refused(add(api, host, 400, ifname='v1', iftype='virtual',
                uses=['eth0']),
            'A virtual interface cannot use other interfaces.')


def test_sriov(api, host):
    eth3 = add(api, host, ifname='sriov0', iftype='ethernet',
               ports='eth3').json
    refused(patch(api, eth3['uuid'], 400, sriov_numvfs=4),
            'Number of SR-IOV VFs is specified but interface class is not '
            'pci-sriov.')
    refused(patch(api, eth3['uuid'], 400, ifclass='pci-sriov'),
            'A network type of pci-sriov must specify a number for SR-IOV '
            'VFs.')
    refused(patch(api, eth3['uuid'], 400, ifclass='pci-sriov',
                  sriov_numvfs=9),
            'The interface support a maximum of 8 VFs')
    refused(patch(api, eth3['uuid'], 400, ifclass='pci-sriov',
                  sriov_numvfs=0),
            'Value for number of SR-IOV VFs must be > 0.')
    refused(patch(api, eth3['uuid'], 400, ifclass='pci-sriov',
                  sriov_numvfs=4, sriov_vf_driver='e1000'),
            'Value for SR-IOV VF driver must be one of netdevice, vfio')
    sriov = patch(api, eth3['uuid'], ifclass='pci-sriov', sriov_numvfs=4,
                  sriov_vf_driver='vfio').json
    assert sriov['sriov_numvfs'] == 4
    vf = add(api, host, ifname='vf0', iftype='vf', ifclass='pci-sriov',
             sriov_numvfs=2, uses=['sriov0']).json
    assert vf['uses'] == ['sriov0']
    refused(add(api, host, 400, ifname='vf1', iftype='vf',
                ifclass='pci-sriov', sriov_numvfs=2, uses=['sriov0']),
            'The number of virtual functions (2) must be less than or equal '
            'to the available VFs (1) available on the underlying interface '
            '(sriov0)')
    refused(add(api, host, 400, ifname='vf2', iftype='vf', ifclass=None,
                sriov_numvfs=1, uses=['sriov0']),
            'VF interfaces must have an interface class of pci-sriov')
    refused(patch(api, sriov['uuid'], 400, sriov_numvfs=2),
            'The number of virtual functions (2) must be greater than the '
            "number of consumed VFs used by the upper VF interfaces "
            "(['vf0'])")


def test_ptp_role(api, host):
    refused(add(api, host, 400, ifname='v0', iftype='virtual',
                ptp_role='boss'),
            'Interface ptp_role must be one of master, slave, none')
    refused(add(api, host, 400, ifname='v0', iftype='virtual',
                ptp_role='master'),
            'Invalid interface class for ptp_role: master. Device interface '
            'class must be one of platform, pci-sriov, vf')


def test_address_modes_and_pool_allocation(api, site, host):
    worker = host_uuid(site, 'worker-0')
    add_port(site, 'worker-0', 'enp1', '08:00:27:00:20:01')
    pool = api.post_json('/v1/addrpools', {
        'name': 'data-pool', 'network': '10.50.0.0', 'prefix': 24,
        'order': 'sequential'}).json
    data = add(api, worker, ifname='data0', iftype='ethernet',
               ports='enp1', ifclass='data', ipv4_mode='pool',
               ipv4_pool='data-pool').json
    assert data['ipv4_mode'] == 'pool' and data['ipv4_pool'] == pool['uuid']
    addresses = api.get('/v1/ihosts/worker-0/addresses').json['addresses']
    assert [(a['address'], a['ifname']) for a in addresses] == [
        ('10.50.0.1', 'data0')]
    add_port(site, 'worker-0', 'enp2', '08:00:27:00:20:02')
    refused(add(api, worker, 400, ifname='data1', iftype='ethernet',
                ports='enp2', ifclass='data', ipv6_pool='data-pool'),
            "Specifying an IPv6 address pool requires setting the address "
            "mode to 'pool'")
    refused(patch(api, data['uuid'], 400, ipv6_mode='pool'),
            'IPv6 address pool name not specified')
    refused(patch(api, data['uuid'], 400, ipv6_mode='pool',
                  ipv6_pool='data-pool'),
            'Address pool IP family does not match requested family')
    refused(patch(api, data['uuid'], 400, ipv4_mode='sometimes'),
            'Invalid IPv4 address mode sometimes; it must be one of: '
            'disabled, static, pool')
    refused(add(api, host, 400, ifname='v0', iftype='virtual',
                ipv4_mode='static'),
            "Address mode attributes only supported on 'platform, data' "
            'interfaces')


def test_patch_and_delete(api, host):
    eth = eths(api, host)
    renamed = patch(api, eth['eth1']['uuid'], ifname='oam0',
                    ifclass='platform').json
    assert renamed['ifname'] == 'oam0' and renamed['ifclass'] == 'platform'
    refused(patch(api, eth['eth1']['uuid'], 400, iftype='vlan'),
            'The following fields can not be modified: iftype')
    response = api.patch_json('/v1/iinterfaces/%s' % eth['eth1']['uuid'],
                              [{'op': 'replace', 'path': '/imac',
                                'value': 'x'}], expect_errors=True)
    assert fault(response) == (400, "Invalid patch: '/imac' cannot be "
                                    'changed')
    ae = add(api, host, ifname='bond0', iftype='ae', aemode='balanced',
             txhashpolicy='layer2', uses=['eth0']).json
    moved = patch(api, ae['uuid'], usesmodify='eth0,eth2').json
    assert moved['uses'] == ['eth0', 'eth2']
    refused(api.delete('/v1/iinterfaces/%s' % eth['eth0']['uuid'],
                       expect_errors=True),
            'Cannot delete an ethernet interface type.')
    vlan = add(api, host, ifname='vlan7', iftype='vlan', vlan_id=7,
               uses=['bond0']).json
    refused(api.delete('/v1/iinterfaces/%s' % ae['uuid'],
                       expect_errors=True),
            'Interface bond0 is being used by vlan7 and cannot be deleted.')
    assert api.delete('/v1/iinterfaces/%s' % vlan['uuid']).status_int == 204
    assert api.delete('/v1/iinterfaces/%s' % ae['uuid']).status_int == 204
    assert api.get('/v1/iinterfaces/%s' % ae['uuid'],
                   expect_errors=True).status_int == 404


def test_bad_input_is_never_a_500(api, host):
    for body in ({'ihost_uuid': host}, {'ifname': 'x', 'iftype': 'ae'},
                 {'ihost_uuid': host, 'ifname': 1, 'iftype': 'ae'},
                 {'ihost_uuid': host, 'ifname': 'x', 'iftype': 'ae',
                  'bogus': 1},
                 {'ihost_uuid': 'nope', 'ifname': 'x', 'iftype': 'virtual'},
                 {'ihost_uuid': host, 'ifname': 'x', 'iftype': 'vlan',
                  'uses': ['nope'], 'vlan_id': 3}):
        response = api.post_json('/v1/iinterfaces', body,
                                 expect_errors=True)
        assert response.status_int in (400, 404), (body, response.body)
    for body in (b'{', b'[]', b'{"a": 1}'):
        response = api.patch('/v1/iinterfaces/1', body,
                             content_type='application/json',
                             expect_errors=True)
        assert response.status_int in (400, 404), response.body
    response = api.post('/v1/iinterfaces', b'not json',
                        content_type='application/json', expect_errors=True)
    assert response.status_int == 400
    assert api.get('/v1/iinterfaces/nope',
                   expect_errors=True).status_int == 404
    assert api.get('/v1/ihosts/nope/iinterfaces',
                   expect_errors=True).status_int == 404
