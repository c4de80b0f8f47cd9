"""Interfaces, interface networks, networks, address pools and host
addresses over a fake sysinv-api."""
import pytest

from sysinv.tests.unit.client import fakes
from sysinv.tests.unit.client.conftest import one_line_error

H1 = fakes.HOST_UUIDS[1]
MGMT = {'id': 1, 'uuid': '1e000000-0000-4000-8000-000000000001',
        'name': 'mgmt', 'type': 'mgmt', 'dynamic': True,
        'pool_uuid': 'p-mgmt', 'primary_pool_family': 'IPv4'}


def interface(name, uuid, **values):
    record = {'uuid': uuid, 'ifname': name, 'ifclass': 'platform',
              'iftype': 'ethernet', 'vlan_id': None, 'uses': [],
              'used_by': [], 'imtu': 1500, 'aemode': None,
              'txhashpolicy': None, 'imac': '08:00:27:00:00:01',
              'ihost_uuid': H1, 'forihostid': 1}
    record.update(values)
    return record


INTERFACES = [
    interface('mgmt0', 'i-mgmt'),
    interface('bond0', 'i-bond', iftype='ae', aemode='802.3ad',
              txhashpolicy='layer2', uses=['eth1', 'eth2']),
    interface('data0', 'i-data', ifclass='data', imtu=9000),
    interface('eth3', 'i-eth3', ifclass=None),
]
PORTS = [{'name': 'eth0', 'interface_uuid': 'i-mgmt', 'dpdksupport': True},
         {'name': 'eth4', 'interface_uuid': 'i-data', 'dpdksupport': False},
         {'name': 'eth3', 'interface_uuid': 'i-eth3', 'dpdksupport': True}]


def routes():
    table = fakes.site_routes()
    table[('GET', '/v1/ihosts/%s/iinterfaces' % H1)] = (
        200, {'iinterfaces': INTERFACES})
    table[('GET', '/v1/ihosts/%s/ports' % H1)] = (200, {'ports': PORTS})
    return table


def test_if_list_columns_ports_and_attributes(capsys):
    api = fakes.FakeAPI(routes())
    assert fakes.run(api, 'host-if-list', 'controller-0') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['uuid', 'name', 'class', 'type', 'vlan id', 'ports',
                      'uses i/f', 'used by i/f', 'attributes']
    by_name = {r[1]: r for r in rows}
    assert set(by_name) == {'mgmt0', 'bond0', 'data0'}     # eth3 unused
    assert by_name['mgmt0'][5:] == ["['eth0']", '[]', '[]', 'MTU=1500']
    assert by_name['bond0'][8] == ('MTU=1500,AE_MODE=802.3ad,'
                                   'AE_XMIT_POLICY=layer2')
    assert by_name['data0'][8] == 'MTU=9000,accelerated=False'
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert fakes.run(api, 'host-if-list', '-a', 'controller-0') == 0
    assert len(fakes.table(capsys.readouterr().out)[1]) == 4


def test_if_show(capsys):
    api = fakes.FakeAPI(routes())
    assert fakes.run(api, 'host-if-show', 'controller-0', 'mgmt0') == 0
    out = capsys.readouterr().out
    labels = [r[0] for r in fakes.table(out)[1]]
    assert labels[:4] == ['ifname', 'iftype', 'ports', 'imac']
    assert labels[-1] == 'accelerated'
    assert fakes.properties(out)['ports'] == "['eth0']"
    status = fakes.run(api, 'host-if-show', 'controller-0', 'nosuch')
    assert one_line_error(capsys, status) == (
        'Interface not found: host controller-0 if nosuch')


@pytest.mark.parametrize('argv, body', [
    (['data1', 'eth4', '-c', 'data', '-m', '9000'],
     {'ifname': 'data1', 'ifclass': 'data', 'imtu': '9000', 'ports': 'eth4',
      'uses': None}),
    (['bond1', 'ae', 'eth1', 'eth2', '-a', 'balanced', '-x', 'layer2'],
     {'ifname': 'bond1', 'iftype': 'ae', 'aemode': 'balanced',
      'txhashpolicy': 'layer2', 'ports': None, 'uses': ['eth1', 'eth2']}),
    (['vlan10', 'vlan', 'mgmt0', '-V', '10', '--ipv4-mode', 'static'],
     {'ifname': 'vlan10', 'iftype': 'vlan', 'vlan_id': '10',
      'ipv4_mode': 'static', 'ports': None, 'uses': ['mgmt0']}),
    (['lo', 'virtual', 'none'],
     {'ifname': 'lo', 'iftype': 'virtual', 'ports': [], 'uses': None}),
])
def test_if_add_body(capsys, argv, body):
    table = routes()
    table[('POST', '/v1/iinterfaces')] = (200, {'uuid': 'i-new'})
    table[('GET', '/v1/iinterfaces/i-new')] = (
        200, interface(argv[0], 'i-new'))
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'host-if-add', 'controller-0', *argv) == 0
    assert api.sent('POST', '/v1/iinterfaces') == [dict(body,
                                                        ihost_uuid=H1)]
    assert fakes.properties(capsys.readouterr().out)['ifname'] == argv[0]


def test_if_modify_and_back_to_none(capsys):
    table = routes()
    table[('PATCH', '/v1/iinterfaces/i-data')] = (
        200, interface('eth4', 'i-data', ifclass=None))
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'host-if-modify', 'controller-0', 'data0', '-m',
                     '1500', '--ptp-role', 'slave') == 0
    assert api.sent('PATCH', '/v1/iinterfaces/i-data')[-1] == [
        {'op': 'replace', 'path': '/imtu', 'value': '1500'},
        {'op': 'replace', 'path': '/ptp_role', 'value': 'slave'}]
    assert fakes.run(api, 'host-if-modify', 'controller-0', 'data0', '-c',
                     'none') == 0
    assert api.sent('PATCH', '/v1/iinterfaces/i-data')[-1] == [
        {'op': 'replace', 'path': '/ifclass', 'value': 'none'},
        {'op': 'replace', 'path': '/ifname', 'value': 'eth4'}]
    status = fakes.run(api, 'host-if-modify', 'controller-0', 'data0')
    assert 'No interface attribute' in one_line_error(capsys, status)


def test_if_delete(capsys):
    table = routes()
    table[('DELETE', '/v1/iinterfaces/i-data')] = (204, None)
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'host-if-delete', 'controller-0', 'data0') == 0
    assert capsys.readouterr().out == (
        'Deleted interface: host controller-0 if data0\n')


IFNET = {'id': 3, 'uuid': 'in-1', 'forihostid': 1,
         'interface_uuid': 'i-mgmt', 'ifname': 'mgmt0', 'network_id': 1,
         'network_uuid': MGMT['uuid'], 'network_name': 'mgmt',
         'network_type': 'mgmt'}


def test_interface_network_list_by_host_and_interface(capsys):
    table = routes()
    table[('GET', '/v1/ihosts/%s/interface_networks' % H1)] = (
        200, {'interface_networks': [IFNET]})
    table[('GET', '/v1/iinterfaces/i-mgmt/interface_networks')] = (
        200, {'interface_networks': [IFNET]})
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'interface-network-list', 'controller-0') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['hostname', 'uuid', 'ifname', 'network_name']
    assert rows == [['controller-0', 'in-1', 'mgmt0', 'mgmt']]
    assert fakes.run(api, 'interface-network-list', 'controller-0',
                     'mgmt0') == 0
    assert api.calls()[-1] == (
        'GET /v1/iinterfaces/i-mgmt/interface_networks')


def test_interface_network_assign_by_names_and_remove(capsys):
    table = routes()
    table[('GET', '/v1/networks')] = (200, {'networks': [MGMT]})
    table[('POST', '/v1/interface_networks')] = (200, IFNET)
    table[('GET', '/v1/interface_networks/in-1')] = (200, IFNET)
    table[('DELETE', '/v1/interface_networks/in-1')] = (204, None)
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'interface-network-assign', 'controller-0',
                     'mgmt0', 'mgmt') == 0
    assert api.sent('POST', '/v1/interface_networks') == [
        {'interface_uuid': 'i-mgmt', 'network_uuid': MGMT['uuid']}]
    assert fakes.properties(capsys.readouterr().out) == {
        'hostname': 'controller-0', 'uuid': 'in-1', 'ifname': 'mgmt0',
        'network_name': 'mgmt'}
    assert fakes.run(api, 'interface-network-remove', 'in-1') == 0
    assert capsys.readouterr().out == 'Deleted Interface Network: in-1\n'
    status = fakes.run(api, 'interface-network-assign', 'controller-0',
                       'mgmt0', 'storage')
    assert one_line_error(capsys, status) == 'Network not found: storage'


POOL = {'uuid': '9a000000-0000-4000-8000-000000000001', 'name': 'oam',
        'network': '10.10.10.0', 'prefix': 24, 'order': 'random',
        'ranges': [['10.10.10.1', '10.10.10.254']],
        'floating_address': '10.10.10.2', 'controller0_address': None,
        'controller1_address': None, 'gateway_address': '10.10.10.1'}


def test_network_list_show_add_delete(capsys):
    table = {('GET', '/v1/networks'): (200, {'networks': [MGMT]}),
             ('GET', '/v1/networks/' + MGMT['uuid']): (200, MGMT),
             ('POST', '/v1/networks'): (200, MGMT),
             ('DELETE', '/v1/networks/' + MGMT['uuid']): (204, None)}
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'network-list') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['id', 'uuid', 'name', 'type', 'dynamic', 'pool_uuid',
                      'primary_pool_family']
    assert rows[0][2:5] == ['mgmt', 'mgmt', 'True']
    assert fakes.run(api, 'network-show', MGMT['uuid']) == 0
    assert list(fakes.properties(capsys.readouterr().out)) == [
        'id', 'uuid', 'name', 'type', 'dynamic', 'pool_uuid',
        'primary_pool_family']
    assert fakes.run(api, 'network-add', 'mgmt', 'mgmt', 'True',
                     'p-mgmt') == 0
    assert api.sent('POST', '/v1/networks') == [
        {'name': 'mgmt', 'type': 'mgmt', 'dynamic': 'true',
         'pool_uuid': 'p-mgmt'}]
    assert fakes.run(api, 'network-delete', MGMT['uuid']) == 0
    assert 'Deleted Network: %s' % MGMT['uuid'] in capsys.readouterr().out


def test_addrpool_list_and_show_ranges(capsys):
    table = {('GET', '/v1/addrpools'): (200, {'addrpools': [POOL]}),
             ('GET', '/v1/addrpools/' + POOL['uuid']): (200, POOL)}
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'addrpool-list') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['uuid', 'name', 'network', 'prefix', 'order',
                      'ranges', 'floating_address', 'controller0_address',
                      'controller1_address', 'gateway_address']
    assert rows[0][5] == "['10.10.10.1-10.10.10.254']"
    assert fakes.run(api, 'addrpool-show', POOL['uuid']) == 0
    assert fakes.properties(capsys.readouterr().out)['ranges'] == (
        "['10.10.10.1-10.10.10.254']")


def test_addrpool_add_modify_delete(capsys):
    table = {('POST', '/v1/addrpools'): (200, POOL),
             ('GET', '/v1/addrpools/' + POOL['uuid']): (200, POOL),
             ('PATCH', '/v1/addrpools/' + POOL['uuid']): (200, POOL),
             ('DELETE', '/v1/addrpools/' + POOL['uuid']): (204, None)}
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'addrpool-add', 'oam', '10.10.10.0', '24',
                     '--ranges', '10.10.10.1-10.10.10.100,10.10.10.200-'
                     '10.10.10.254', '--order', 'sequential',
                     '--floating-address', '10.10.10.2') == 0
    assert api.sent('POST', '/v1/addrpools') == [{
        'name': 'oam', 'network': '10.10.10.0', 'prefix': '24',
        'order': 'sequential', 'floating_address': '10.10.10.2',
        'ranges': [['10.10.10.1', '10.10.10.100'],
                   ['10.10.10.200', '10.10.10.254']]}]
    assert fakes.run(api, 'addrpool-modify', POOL['uuid'], '--name',
                     'oam2') == 0
    assert api.body() == [{'op': 'replace', 'path': '/name',
                           'value': 'oam2'}]
    assert fakes.run(api, 'addrpool-delete', POOL['uuid']) == 0
    status = fakes.run(api, 'addrpool-add', 'x', '10.0.0.0', '8',
                       '--ranges', '10.0.0.1')
    assert 'Invalid address range' in one_line_error(capsys, status)


def test_host_addr_list(capsys):
    table = fakes.site_routes()
    table[('GET', '/v1/ihosts/%s/addresses' % H1)] = (200, {'addresses': [
        {'uuid': 'a1', 'ifname': 'mgmt0', 'address': '192.168.204.3',
         'prefix': 24},
        {'uuid': 'a0', 'ifname': 'lo', 'address': '127.0.0.1',
         'prefix': 8}]})
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'host-addr-list', 'controller-0') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['uuid', 'ifname', 'address', 'prefix']
    assert [r[1] for r in rows] == ['lo', 'mgmt0']
