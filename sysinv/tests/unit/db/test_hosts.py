"""The hosts DB calls: identity lookup, mgmt_ip, paging, uniqueness."""
import pytest

from stx_common.api import collection
from sysinv import exception
from sysinv.common import constants
from sysinv.db import models
from sysinv.tests.unit.fixtures import make_host, make_system


@pytest.fixture
def site(dbapi):
    make_system(dbapi)
    for index in range(5):
        make_host(dbapi, 'worker-%d' % index)
    return dbapi


def test_lookup_by_id_uuid_and_hostname(site):
    host = site.get_host('worker-2')
    assert site.get_host(host['id'])['hostname'] == 'worker-2'
    assert site.get_host(str(host['id']))['uuid'] == host['uuid']
    assert site.get_host(host['uuid'])['id'] == host['id']
    for ident in ('worker-9', 999, '00000000-0000-0000-0000-000000000000'):
        with pytest.raises(exception.HostNotFound):
            site.get_host(ident)


def test_host_carries_system_uuid_and_computed_mgmt_ip(site):
    system = site.get_system()
    host = site.get_host('controller-0')
    assert host['isystem_uuid'] == system['uuid']
    assert host['mgmt_ip'] is None
    site._create(models.Address, {'family': 4, 'address': '192.168.204.3',
                                  'prefix': 24, 'name': 'controller-0-mgmt'})
    assert site.get_host('controller-0')['mgmt_ip'] == '192.168.204.3'
    assert site.list_hosts()[0]['mgmt_ip'] == '192.168.204.3'


def test_pages_follow_the_marker(site):
    page = collection.parse_page(limit=2)
    first = site.list_hosts(page=page)
    assert [h['hostname'] for h in first] == ['controller-0', 'worker-0']
    second = site.list_hosts(page=collection.parse_page(
        limit=2, marker=first[-1]['uuid']))
    assert [h['hostname'] for h in second] == ['worker-1', 'worker-2']
    by_name = site.list_hosts(page=collection.parse_page(
        sort_key='hostname', sort_dir='desc', sort_keys=('hostname',)))
    assert by_name[0]['hostname'] == 'worker-4'


def test_filters_and_counts(site):
    assert [h['hostname'] for h in site.list_hosts(
        constants.CONTROLLER)] == ['controller-0']
    assert site.count_hosts() == 6
    assert site.count_hosts(constants.WORKER) == 5


def test_duplicate_hostname_or_mac_is_refused(site):
    with pytest.raises(exception.HostAlreadyExists):
        make_host(site, 'worker-0', mac='08:00:27:99:99:99')
    mac = site.get_host('worker-1')['mgmt_mac']
    with pytest.raises(exception.HostAlreadyExists):
        make_host(site, 'worker-7', mac=mac)
    with pytest.raises(exception.HostAlreadyExists):
        site.update_host('worker-2', {'hostname': 'worker-3'})


def test_lookup_by_macs(site):
    mac = site.get_host('worker-3')['mgmt_mac']
    assert site.get_host_by_macs(['00:00:00:00:00:01', mac])[
        'hostname'] == 'worker-3'
    assert site.get_host_by_macs([]) is None
    assert site.get_host_by_mac(mac)['hostname'] == 'worker-3'


def test_update_and_destroy(site):
    updated = site.update_host('worker-0', {'task': 'Locking',
                                            'mgmt_ip': 'ignored'})
    assert updated['task'] == 'Locking'
    site.destroy_host('worker-0')
    with pytest.raises(exception.HostNotFound):
        site.get_host('worker-0')
    with pytest.raises(exception.HostNotFound):
        site.destroy_host('worker-0')


def test_deleting_a_host_deletes_what_it_owns(site):
    host = site.get_host('worker-1')
    node = site._create(models.Node, {'numa_node': 0,
                                      'forihostid': host['id']})
    site._create(models.CPU, {'cpu': 0, 'forihostid': host['id'],
                              'forinodeid': node['id']})
    port = site._create(models.EthernetPort, {
        'host_id': host['id'], 'name': 'eth0', 'mac': '08:00:27:aa:bb:cc',
        'pciaddr': '0000:00:03.0', 'dev_id': 0})
    assert port['type'] == 'ethernet' and port['mac'] == '08:00:27:aa:bb:cc'
    site.destroy_host('worker-1')
    assert site._get_count(models.CPU) == 0
    assert site._get_count(models.Port) == 0
    assert site._get_count(models.EthernetPort) == 0
