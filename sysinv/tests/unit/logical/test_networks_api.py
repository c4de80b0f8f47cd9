"""/v1/addrpools, /v1/networks, /v1/network_addresspools,
/v1/interface_networks and /v1/addresses: the rules of each (StarlingX's
message and status) and the addresses they reserve, bind and derive."""
import pytest

from sysinv.conductor import networks as network_flows
from sysinv.tests.unit.logical_fixtures import (
    add_port,
    fault,
    host_uuid,
    provision,
)


def pool(api, expect=200, **values):
    body = dict({'name': 'p', 'network': '10.20.0.0', 'prefix': 24},
                **values)
    response = api.post_json('/v1/addrpools', body, expect_errors=True)
    assert response.status_int == expect, response.body
    return response


def network_of(api, ntype):
    return next(n for n in api.get('/v1/networks').json['networks']
                if n['type'] == ntype)


def address(api, name):
    return next((a for a in api.get('/v1/addresses').json['addresses']
                 if a['name'] == name), None)


# -- address pools ------------------------------------------------------------
@pytest.mark.parametrize('values, status, message', [
    ({'name': ''}, 400, 'Name must not be an empty string'),
    ({'prefix': 0}, 400, 'Address prefix must be greater than 1'),
    ({'network': '10.20.0.300'}, 400, 'Invalid IP address and prefix'),
    ({'network': '10.20.0.5'}, 400, 'Host bits must be zero'),
    ({'network': '0.0.0.0', 'prefix': 8}, 400, 'Network must not be null'),
    ({'order': 'lifo'}, 400, 'Network address allocation order must be one '
                             'of: sequential, random'),
    ({'ranges': [['10.30.0.1', '10.30.0.9']]}, 409,
     'Address 10.30.0.1 is not within network 10.20.0.0/24'),
    ({'ranges': [['10.20.0.9', '10.20.0.1']]}, 409,
     'start address must be less than end address'),
    ({'ranges': [['10.20.0.0', '10.20.0.9']]}, 409,
     'Address pool range cannot include network address'),
    ({'ranges': [['10.20.0.9', '10.20.0.255']]}, 409,
     'Address pool range cannot include broadcast address'),
    ({'ranges': [['10.20.0.1', '10.20.0.9'], ['10.20.0.5', '10.20.0.20']]},
     409, 'Addresses from 10.20.0.5-10.20.0.20 already contained in range'),
    ({'ranges': [['fd00::1', 'fd00::9']]}, 409,
     'Address pool range IP version must match network IP version'),
    ({'prefix': 31}, 409, 'Address pool network prefix must be at least /30'),
    ({'floating_address': '10.21.0.1'}, 409,
     'Address 10.21.0.1 is not within network 10.20.0.0/24'),
    ({'gateway_address': '10.20.0.255'}, 400,
     'Gateway address 10.20.0.255 cannot be the network or broadcast '
     'address of 10.20.0.0/24'),
    ({'floating_address': '10.20.0.1', 'controller0_address': '10.20.0.1'},
     400, 'Controller-0 address 10.20.0.1 is already the floating address '
          'of the pool'),
    ({'controller1_address': 'x'}, 400,
     'Controller-1 address x is not a valid IP address'),
])
def test_pool_validation(api, site, values, status, message):
    assert fault(pool(api, status, **values)) == (status, message)


def test_pool_create_show_and_names(api, site):
    created = pool(api, ranges=[['10.20.0.50', '10.20.0.60'],
                                ['10.20.0.10', '10.20.0.20']],
                   floating_address='10.20.0.1',
                   gateway_address='10.20.0.254').json
    assert created['ranges'] == [['10.20.0.10', '10.20.0.20'],
                                 ['10.20.0.50', '10.20.0.60']]
    assert created['order'] == 'random' and created['family'] == 4
    assert created['floating_address'] == '10.20.0.1'
    assert api.get('/v1/addrpools/p').json['uuid'] == created['uuid']
    assert fault(pool(api, 409)) == (409, 'Address pool p already exists')
    six = pool(api, name='v6', network='fd00::', prefix=64).json
    assert six['ranges'] == [['fd00::1', 'fd00::ffff:ffff:ffff:fffe']]


def test_pool_modify(api, site):
    created = pool(api, order='sequential').json
    url = '/v1/addrpools/%s' % created['uuid']

    def modify(expect=200, op='replace', **changes):
        response = api.patch_json(url, [{'op': op, 'path': '/' + k,
                                         'value': v}
                                        for k, v in changes.items()],
                                  expect_errors=True)
        assert response.status_int == expect, response.body
        return response

    assert fault(modify(400, prefix=16)) == (
        400, "'/prefix' is a read-only attribute and can not be updated")
    assert fault(modify(400, network='10.0.0.0')) == (
        400, "'/network' is a read-only attribute and can not be updated")
    assert fault(modify(400, op='add', name='x')) == (
        400, 'Attributes cannot be added or removed')
    changed = modify(name='renamed', floating_address='10.20.0.7',
                     ranges=[['10.20.0.1', '10.20.0.100']]).json
    assert changed['name'] == 'renamed'
    assert changed['floating_address'] == '10.20.0.7'
    network = api.post_json('/v1/networks', {
        'type': 'storage', 'pool_uuid': created['uuid']}).json
    assert network['pool_uuid'] == created['uuid']
    assert fault(modify(409, ranges=[['10.20.0.50', '10.20.0.60']])) == (
        409, 'The new address pool ranges excludes addresses that have '
             'already been allocated.')
    provision(site, 'controller-0')
    assert fault(modify(409, name='again')) == (
        409, 'Address pool is read-only and cannot be modified or removed')


def test_pool_delete(api, site):
    bound = network_of(api, 'mgmt')['pool_uuid']
    response = api.delete('/v1/addrpools/%s' % bound, expect_errors=True)
    assert fault(response) == (409, 'Address pool is read-only and cannot '
                                    'be modified or removed')
    free = pool(api, floating_address='10.20.0.1').json
    iface_pool = pool(api, name='q', network='10.40.0.0').json
    network_flows.assign_pool_address(site, iface_pool, None, 'x')
    response = api.delete('/v1/addrpools/q', expect_errors=True)
    assert fault(response) == (409, 'Address pool still in use by one or '
                                    'more addresses')
    assert api.delete('/v1/addrpools/%s' % free['uuid']).status_int == 204
    assert address(api, 'x')['address'].startswith('10.40.0.')
    assert not [a for a in api.get('/v1/addresses').json['addresses']
                if a['address'] == '10.20.0.1']


# -- networks -----------------------------------------------------------------
def test_network_create_reserves_addresses(api, site):
    created = pool(api, floating_address='10.20.0.10',
                   gateway_address='10.20.0.1').json
    network = api.post_json('/v1/networks', {
        'type': 'storage', 'name': 'storage-net', 'dynamic': 'false',
        'pool_uuid': created['uuid']}).json
    assert network['dynamic'] is False
    assert network['primary_pool_family'] == 'IPv4'
    assert api.get('/v1/networks/%s' % network['uuid']).json == network
    assert address(api, 'controller-storage')['address'] == '10.20.0.10'
    assert address(api, 'controller-0-storage')['address'] == '10.20.0.2'
    assert address(api, 'controller-1-storage')['address'] == '10.20.0.3'
    shown = api.get('/v1/addrpools/%s' % created['uuid']).json
    assert shown['controller0_address'] == '10.20.0.2'
    bindings = api.get('/v1/network_addresspools').json[
        'network_addresspools']
    assert any(b['network_uuid'] == network['uuid'] and
               b['address_pool_name'] == 'p' for b in bindings)


@pytest.mark.parametrize('values, status, message', [
    ({'type': 'bogus'}, 400, 'Network type bogus not supported'),
    ({'type': 'mgmt'}, 409, 'Network of type mgmt already exists.'),
    ({'type': 'admin'}, 400, 'Network of type admin restricted to '
                             'distributed cloud role of subcloud.'),
    ({'type': 'storage', 'pool_uuid': None}, 400,
     'Address pool uuid must be specified (pool_uuid).'),
    ({'type': 'storage', 'pool_uuid': 'management'}, 409,
     'Network address pool already in-use.'),
    ({'type': 'storage', 'pool_uuid': 'nope'}, 400,
     'Address pool nope not found'),
])
def test_network_refusals(api, site, values, status, message):
    body = dict({'pool_uuid': pool(api).json['uuid']}, **values)
    if body.get('pool_uuid') is None:
        body.pop('pool_uuid')
    response = api.post_json('/v1/networks', body, expect_errors=True)
    assert fault(response) == (status, message)


def test_network_delete(api, site):
    storage = api.post_json('/v1/networks', {
        'type': 'storage', 'pool_uuid': pool(api).json['uuid']}).json
    mgmt = network_of(api, 'mgmt')
    provision(site, 'controller-0')
    response = api.delete('/v1/networks/%s' % mgmt['uuid'],
                          expect_errors=True)
    assert fault(response) == (
        400, 'Cannot delete type mgmt network %s after initial '
             'configuration completion' % mgmt['uuid'])
    response = api.delete('/v1/networks/%s' % storage['uuid'],
                          expect_errors=True)
    assert response.status_int == 400
    site.update_host('controller-0', {'invprovision': None})
    assert api.delete('/v1/networks/%s' % storage['uuid']).status_int == 204
    assert address(api, 'controller-0-storage') is None
    assert api.get('/v1/networks/%s' % storage['uuid'],
                   expect_errors=True).status_int == 404


# -- network_addresspools -----------------------------------------------------
def test_network_addresspools(api, site):
    mgmt = network_of(api, 'mgmt')
    six = pool(api, name='mgmt-v6', network='fd01::', prefix=64).json
    binding = api.post_json('/v1/network_addresspools', {
        'network_uuid': mgmt['uuid'],
        'address_pool_uuid': six['uuid']}).json
    assert binding['address_pool_name'] == 'mgmt-v6'
    assert address(api, 'controller-0-mgmt') is not None
    v6 = [a for a in api.get('/v1/addresses').json['addresses']
          if a['name'] == 'controller-mgmt']
    assert sorted(a['family'] for a in v6) == [4, 6]
    other = pool(api, name='mgmt-v6b', network='fd02::', prefix=64).json
    response = api.post_json('/v1/network_addresspools', {
        'network_uuid': mgmt['uuid'], 'address_pool_uuid': other['uuid']},
        expect_errors=True)
    assert fault(response) == (400, 'Network mgmt already has an address '
                                    'pool of family IPv6.')
    response = api.post_json('/v1/network_addresspools', {
        'network_uuid': mgmt['uuid'], 'address_pool_uuid': six['uuid']},
        expect_errors=True)
    assert fault(response) == (409, 'Network address pool for network mgmt '
                                    'and pool mgmt-v6 already exists.')
    primary = next(b for b in api.get('/v1/network_addresspools').json[
        'network_addresspools'] if b['network_uuid'] == mgmt['uuid'] and
        b['address_pool_name'] == 'management')
    response = api.delete('/v1/network_addresspools/%s' % primary['uuid'],
                          expect_errors=True)
    assert fault(response) == (400, 'Cannot remove the primary address pool '
                                    'management of network mgmt.')
    assert api.delete('/v1/network_addresspools/%s'
                      % binding['uuid']).status_int == 204
    assert [a['family'] for a in api.get('/v1/addresses').json['addresses']
            if a['name'] == 'controller-mgmt'] == [4]


# -- interface_networks -------------------------------------------------------
@pytest.fixture
def ports(site):
    for index, hostname in enumerate(('controller-0', 'controller-0',
                                      'controller-0', 'worker-0',
                                      'worker-0')):
        add_port(site, hostname, 'eth%d' % index,
                 '08:00:27:00:30:%02x' % index)
    return site


def ethernet(api, hostname, name):
    return api.post_json('/v1/iinterfaces', {
        'ihost_uuid': host_uuid(api.site, hostname), 'ifname': name,
        'iftype': 'ethernet', 'ports': name}).json


def assign(api, iface, ntype, expect=200):
    response = api.post_json('/v1/interface_networks', {
        'interface_uuid': iface['uuid'],
        'network_uuid': network_of(api, ntype)['uuid']}, expect_errors=True)
    assert response.status_int == expect, response.body
    return response


@pytest.fixture
def ifaces(api, ports):
    api.site = ports
    return {name: ethernet(api, host, name) for host, name in (
        ('controller-0', 'eth0'), ('controller-0', 'eth1'),
        ('controller-0', 'eth2'), ('worker-0', 'eth3'),
        ('worker-0', 'eth4'))}


def test_assign_binds_the_host_address(api, site, ifaces):
    row = assign(api, ifaces['eth0'], 'mgmt').json
    assert (row['ifname'], row['network_type']) == ('eth0', 'mgmt')
    shown = api.get('/v1/iinterfaces/%s' % ifaces['eth0']['uuid']).json
    assert shown['ifclass'] == 'platform'
    assert shown['networktypelist'] == ['mgmt']
    assert (shown['ipv4_mode'], shown['ipv6_mode']) == ('static',
                                                        'disabled')
    mgmt = address(api, 'controller-0-mgmt')
    assert mgmt['ifname'] == 'eth0'
    assert api.get('/v1/ihosts/controller-0').json['mgmt_ip'] == \
        mgmt['address']
    listed = api.get('/v1/ihosts/controller-0/interface_networks').json
    assert [r['uuid'] for r in listed['interface_networks']] == [row['uuid']]
    by_iface = api.get('/v1/iinterfaces/%s/interface_networks'
                       % ifaces['eth0']['uuid']).json
    assert by_iface['interface_networks'][0]['network_name'] == 'mgmt'
    assert api.delete('/v1/interface_networks/%s'
                      % row['uuid']).status_int == 204
    assert address(api, 'controller-0-mgmt')['ifname'] is None
    # a worker's address is allocated on a dynamic network
    assign(api, ifaces['eth0'], 'cluster-host')
    assign(api, ifaces['eth3'], 'mgmt')
    worker = address(api, 'worker-0-mgmt')
    assert worker['ifname'] == 'eth3'
    assert api.get('/v1/ihosts/worker-0').json['mgmt_ip'] == \
        worker['address']
    host_addresses = api.get('/v1/ihosts/worker-0/addresses').json[
        'addresses']
    assert [a['name'] for a in host_addresses] == ['worker-0-mgmt']


def test_assign_refusals(api, site, ifaces):
    assign(api, ifaces['eth0'], 'mgmt')
    cases = [
        (ifaces['eth0'], 'mgmt', 400, "Interface network with interface ID "
         "'%s' and network ID '%s' already exists." % (
             ifaces['eth0']['id'], network_of(api, 'mgmt')['id'])),
        (ifaces['eth1'], 'mgmt', 400, "An interface with 'mgmt' network "
         'type is already provisioned on this node'),
        (ifaces['eth0'], 'pxeboot', 400, "You cannot assign a network of "
         "type 'pxeboot' to an interface which is already assigned with a "
         'different network.'),
        (ifaces['eth0'], 'oam', 400, "You cannot assign a network of type "
         "'oam' to an interface which is already assigned with a network "
         "of type 'mgmt'."),
        (ifaces['eth4'], 'oam', 400, "The 'oam' network type is only "
         'supported on controller nodes.'),
        (ifaces['eth4'], 'cluster-host', 400, 'Interface eth4 does not '
         'have associated cluster-host interface on controller.'),
        (ifaces['eth1'], 'cluster-pod', 409, "Cannot assign network with "
         "type 'cluster-pod' to an interface."),
    ]
    for iface, ntype, status, message in cases:
        assert fault(assign(api, iface, ntype, status)) == (status, message)
    assign(api, ifaces['eth1'], 'pxeboot')
    assert fault(assign(api, ifaces['eth1'], 'cluster-host', 400)) == (
        400, "An interface assigned with a network of type 'pxeboot' "
             'cannot contain additional networks.')
    assign(api, ifaces['eth2'], 'oam')
    assert fault(assign(api, ifaces['eth2'], 'cluster-host', 400)) == (
        400, "An interface assigned with a network of type 'oam' cannot "
             "assign a network of type 'cluster-host'.")
    assert address(api, 'controller-0-oam')['ifname'] == 'eth2'


def test_assign_class_and_ae_rules(api, site, ifaces):
    api.patch_json('/v1/iinterfaces/%s' % ifaces['eth4']['uuid'], [
        {'op': 'replace', 'path': '/ifclass', 'value': 'data'}])
    assert fault(assign(api, ifaces['eth4'], 'mgmt', 400)) == (
        400, "An interface with interface class 'data' cannot assign "
             'platform networks.')
    ae = api.post_json('/v1/iinterfaces', {
        'ihost_uuid': host_uuid(site, 'controller-0'), 'ifname': 'bond0',
        'iftype': 'ae', 'aemode': 'balanced', 'txhashpolicy': 'layer2',
        'uses': ['eth1', 'eth2']}).json
    assert fault(assign(api, ae, 'mgmt', 400)) == (
        400, "Device interface with network type mgmt, and interface type "
             "'aggregated ethernet' must be in mode 802.3ad, "
             'active_standby')
    assign(api, ae, 'cluster-host')
    assign(api, ifaces['eth0'], 'mgmt')
    response = api.patch_json('/v1/iinterfaces/%s' % ifaces['eth0']['uuid'],
                              [{'op': 'replace', 'path': '/ifclass',
                                'value': 'none'}], expect_errors=True)
    assert fault(response) == (
        400, 'The class of an interface with platform networks cannot be '
             'changed to none since networks mgmt are assigned to it')


def test_allocate_host_addresses_for_host_flows(api, site):
    worker = site.get_host('worker-0')
    allocated = network_flows.allocate_host_addresses(site, worker)
    assert set(allocated) == {'mgmt', 'cluster-host'}
    assert api.get('/v1/ihosts/worker-0').json['mgmt_ip'] == \
        allocated['mgmt']
    assert network_flows.allocate_host_addresses(site, worker) == allocated
    assert network_flows.allocate_host_addresses(
        site, {'hostname': None, 'personality': None}) == {}
    network_flows.release_host_addresses(site, worker)
    assert address(api, 'worker-0-mgmt') is None
    assert address(api, 'controller-0-mgmt') is not None


def test_reads_and_bad_input(api, site):
    one = api.get('/v1/addresses?limit=1').json
    shown = api.get('/v1/addresses/%s' % one['addresses'][0]['uuid']).json
    assert shown == one['addresses'][0] and 'next' in one
    for path in ('/v1/addresses/nope', '/v1/networks/nope',
                 '/v1/addrpools/nope', '/v1/network_addresspools/9',
                 '/v1/interface_networks/nope'):
        assert api.get(path, expect_errors=True).status_int == 404, path
    for path, body in (('/v1/addrpools', {'name': 'x'}),
                       ('/v1/addrpools', {'name': 'x', 'network': 1,
                                          'prefix': 24}),
                       ('/v1/addrpools', {'name': 'x', 'network': '1.2.3.0',
                                          'prefix': 'y'}),
                       ('/v1/addrpools', {'name': 'x', 'network': '1.2.3.0',
                                          'prefix': 24, 'ranges': 'a-b'}),
                       ('/v1/networks', {'pool_uuid': 'x'}),
                       ('/v1/networks', {'type': 'storage', 'dynamic': 'x',
                                         'pool_uuid': 'management'}),
                       ('/v1/network_addresspools', {'network_uuid': 'x'}),
                       ('/v1/interface_networks', {'interface_uuid': 'x',
                                                   'network_uuid': 'y'})):
        response = api.post_json(path, body, expect_errors=True)
        assert response.status_int in (400, 404), (path, body, response.body)
