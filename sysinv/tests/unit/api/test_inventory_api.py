"""The hardware resources over REST: reads, CPU assignment, memory
PATCH, refusals, bad input."""
import json

import pytest

from stx_common import context
from stx_common import exception as common_exc
from sysinv.api.controllers.v1 import inventory_base
from sysinv.conductor import inventory
from sysinv.tests.unit import inventory_fakes as fakes
from sysinv.tests.unit.conductor.test_inventory import MAC, site

CPUS_MODIFY = '/v1/ihosts/%s/state/host_cpus_modify'


@pytest.fixture
def host(dbapi):
    host = site(dbapi)
    inventory.InventoryFlows(dbapi).absorb(
        None, host['uuid'], fakes.machine(mgmt_mac=MAC))
    return dbapi.get_host(host['id'])


def unlock(dbapi, host):
    dbapi.update_host(host['id'], {'administrative': 'unlocked'})


def fault(response):
    return json.loads(response.json['error_message'])['faultstring']


@pytest.mark.parametrize('name, count', [
    ('inodes', 2), ('icpus', 16), ('imemorys', 2), ('idisks', 2),
    ('partitions', 4), ('ethernet_ports', 2), ('ports', 2),
    ('pci_devices', 2)])
def test_host_lists_and_items(api, host, name, count):
    for ident in (host['uuid'], host['hostname'], host['id']):
        body = api.get('/v1/ihosts/%s/%s' % (ident, name)).json
        assert list(body) == [name] and len(body[name]) == count
    item = body[name][0]
    assert item['links'][0]['href'].endswith('/v1/%s/%s' % (name,
                                                            item['uuid']))
    shown = api.get('/v1/%s/%s' % (name, item['uuid'])).json
    assert shown == item
    assert len(api.get('/v1/%s' % name).json[name]) == count


def test_cpu_fields(api, host):
    cpu = api.get('/v1/ihosts/%s/icpus' % host['uuid']).json['icpus'][13]
    assert cpu['cpu'] == 13 and cpu['numa_node'] == 1
    assert cpu['core'] == 1 and cpu['thread'] == 1
    assert cpu['allocated_function'] == 'Application'
    assert cpu['ihost_uuid'] == host['uuid'] and cpu['inode_uuid']
    assert cpu['cpu_model'] == fakes.MODEL and cpu['function'] is None


def test_memory_fields(api, host):
    memory = api.get('/v1/ihosts/%s/imemorys' % host['uuid']).json[
        'imemorys'][1]
    assert memory['numa_node'] == 1
    for field in ('memtotal_mib', 'memavail_mib', 'platform_reserved_mib',
                  'node_memtotal_mib', 'vm_hugepages_nr_2M_pending',
                  'vm_hugepages_possible_1G', 'vm_hugepages_use_1G',
                  'vswitch_hugepages_nr', 'minimum_platform_reserved_mib'):
        assert field in memory, field
    assert memory['node_memtotal_mib'] == 96 * 1024


def test_ports_and_ethernet_ports(api, host):
    ports = api.get('/v1/ihosts/%s/ethernet_ports' % host['uuid']).json[
        'ethernet_ports']
    boot = [p for p in ports if p['mac'] == MAC][0]
    assert boot['bootp'] == 'True' and boot['interface_uuid']
    assert boot['host_uuid'] == host['uuid'] and boot['node_uuid']
    assert boot['pciaddr'] == '0000:3b:00.0' and boot['driver'] == 'i40e'
    generic = api.get('/v1/ports/%s' % boot['uuid']).json
    assert 'mac' not in generic and generic['pdevice'] == boot['pdevice']


def test_disk_partitions(api, host):
    disks = api.get('/v1/ihosts/%s/idisks' % host['uuid']).json['idisks']
    disk = disks[1]
    assert disk['partitions'][0]['href'].endswith(
        '/idisks/%s/partitions' % disk['uuid'])
    parts = api.get('/v1/ihosts/%s/idisks/%s/partitions' % (
        host['hostname'], disk['uuid'])).json['partitions']
    assert len(parts) == 2
    assert {p['idisk_uuid'] for p in parts} == {disk['uuid']}
    assert api.get('/v1/ihosts/%s/idisks/%s' % (
        host['uuid'], disk['uuid'])).json['device_node'] == '/dev/sdb'


def test_pages_have_next_links(api, host):
    body = api.get('/v1/ihosts/%s/icpus?limit=5' % host['uuid']).json
    assert len(body['icpus']) == 5 and 'marker=' in body['next']
    rest = body['next'].split('/v1/', 1)[1]
    following = api.get('/v1/' + rest).json['icpus']
    assert [c['cpu'] for c in following] == [5, 6, 7, 8, 9]


@pytest.mark.parametrize('path', [
    '/v1/icpus/0b0e6f0e-5d7c-4bd1-a7a8-36d0b7d1e0a1', '/v1/imemorys/999',
    '/v1/ihosts/nohost/icpus', '/v1/ethernet_ports/not-a-uuid',
    '/v1/ihosts/controller-0/idisks/999/partitions'])
def test_missing_items_are_404(api, host, path):
    response = api.get(path, expect_errors=True)
    assert response.status_int == 404
    assert 'error_message' in response.json


@pytest.mark.parametrize('query', ['limit=0', 'limit=x', 'sort_key=bogus',
                                   'sort_dir=up', 'marker=nope'])
def test_bad_list_parameters_are_400(api, host, query):
    response = api.get('/v1/ihosts/%s/icpus?%s' % (host['uuid'], query),
                       expect_errors=True)
    assert response.status_int == 400


# -- CPU function assignment --------------------------------------------------
def test_cpu_modify_refused_on_an_unlocked_host(api, dbapi, host):
    unlock(dbapi, host)
    response = api.put_json(CPUS_MODIFY % host['uuid'], [
        {'function': 'platform', 'sockets': [{'0': 1}]}],
        expect_errors=True)
    assert response.status_int == 400
    assert fault(response) == 'Host must be locked.'


def test_cpu_modify(api, host):
    response = api.put_json(CPUS_MODIFY % host['uuid'], [
        {'function': 'platform', 'sockets': [{'0': '1'}, {'1': 1}]},
        {'function': 'application-isolated', 'cpulist': '3'}])
    cpus = {c['cpu']: c['allocated_function']
            for c in response.json['icpus']}
    assert [cpus[n] for n in (0, 1, 4, 8, 12)] == [
        'Platform', 'Application', 'Platform', 'Platform', 'Platform']
    assert cpus[3] == 'Application-isolated'
    listed = api.get('/v1/ihosts/%s/icpus' % host['hostname']).json['icpus']
    assert {c['cpu']: c['allocated_function'] for c in listed} == cpus


@pytest.mark.parametrize('body', [
    '', 'not json', '{}', '[]', '[1]', '[{"sockets": [{"0": 1}]}]',
    '[{"function": "platform", "sockets": [{"zero": 1}]}]',
    '[{"function": "platform", "sockets": [{"0": -1}]}]',
    '[{"function": "platform", "sockets": "0:1"}]',
    '[{"function": 7, "sockets": [{"0": 1}]}]',
    '[{"function": "platform", "cpulist": "a-b"}]',
])
def test_bad_cpu_modify_bodies_are_400(api, host, body):
    response = api.put(CPUS_MODIFY % host['uuid'], body,
                       content_type='application/json', expect_errors=True)
    assert response.status_int == 400, response.text
    assert fault(response)


def test_cpu_modify_of_an_unknown_host_is_404(api, host):
    response = api.put_json(CPUS_MODIFY % 'compute-9', [
        {'function': 'platform', 'sockets': [{'0': 1}]}], expect_errors=True)
    assert response.status_int == 404


# -- memory -------------------------------------------------------------------
def memory_of(api, host, node=0):
    return api.get('/v1/ihosts/%s/imemorys' % host['uuid']).json[
        'imemorys'][node]


def test_memory_patch(api, host):
    memory = memory_of(api, host)
    body = api.patch_json('/v1/imemorys/%s' % memory['uuid'], [
        {'op': 'replace', 'path': '/vm_hugepages_nr_2M_pending',
         'value': '512'},
        {'op': 'replace', 'path': '/vm_hugepages_nr_1G_pending',
         'value': 2}]).json
    assert body['vm_hugepages_nr_2M_pending'] == 512
    assert body['vm_hugepages_nr_1G_pending'] == 2
    assert memory_of(api, host)['vm_hugepages_nr_2M_pending'] == 512
    cleared = api.patch_json('/v1/imemorys/%s' % memory['uuid'], [
        {'op': 'remove', 'path': '/vm_hugepages_nr_2M_pending'}]).json
    assert cleared['vm_hugepages_nr_2M_pending'] is None


def test_memory_patch_refused_on_an_unlocked_host(api, dbapi, host):
    unlock(dbapi, host)
    memory = memory_of(api, host)
    response = api.patch_json('/v1/imemorys/%s' % memory['uuid'], [
        {'op': 'replace', 'path': '/vm_hugepages_nr_2M_pending',
         'value': 10}], expect_errors=True)
    assert response.status_int == 400
    assert fault(response) == 'Host must be locked.'


def test_memory_patch_beyond_the_node(api, host):
    memory = memory_of(api, host, 1)
    response = api.patch_json('/v1/imemorys/%s' % memory['uuid'], [
        {'op': 'replace', 'path': '/vm_hugepages_nr_1G_pending',
         'value': 1000}], expect_errors=True)
    assert response.status_int == 400
    assert fault(response) == ('No available space for 1G huge page '
                               'allocation, max 1G pages: 94')


@pytest.mark.parametrize('body', [
    '', 'nope', '{}', '[]', '[{"op": "move", "path": "/x"}]',
    '[{"op": "replace", "path": "/memtotal_mib", "value": 1}]',
    '[{"op": "replace", "path": "/vm_hugepages_nr_2M_pending", '
    '"value": {"a": 1}}]',
    '[{"op": "replace", "path": "/vm_hugepages_nr_2M_pending", '
    '"value": "lots"}]',
    '[{"op": "replace", "path": "/a/b", "value": 1}]',
    '[{"op": "replace", "path": "/uuid", "value": "x"}]',
])
def test_bad_memory_patches_are_400(api, host, body):
    memory = memory_of(api, host)
    response = api.patch('/v1/imemorys/%s' % memory['uuid'], body,
                         content_type='application/json',
                         expect_errors=True)
    assert response.status_int == 400, response.text


def test_memory_patch_of_an_unknown_row_is_404(api, host):
    response = api.patch_json('/v1/imemorys/999', [
        {'op': 'replace', 'path': '/vm_hugepages_nr_2M_pending',
         'value': 1}], expect_errors=True)
    assert response.status_int == 404


# -- policy -------------------------------------------------------------------
@pytest.mark.parametrize('roles, rule, allowed', [
    (['reader'], inventory_base.READ_RULE, True),
    (['operator'], inventory_base.READ_RULE, True),
    (['reader'], inventory_base.CPU_MODIFY_RULE, False),
    (['operator'], inventory_base.MEMORY_MODIFY_RULE, False),
    (['configurator'], inventory_base.CPU_MODIFY_RULE, True),
    (['admin'], inventory_base.MEMORY_MODIFY_RULE, True),
])
def test_rbac(conf, roles, rule, allowed):
    caller = context.RequestContext(roles=roles, project_id='p',
                                    user_id='u')
    if allowed:
        inventory_base.authorize(rule, caller)
    else:
        with pytest.raises(common_exc.Forbidden):
            inventory_base.authorize(rule, caller)
