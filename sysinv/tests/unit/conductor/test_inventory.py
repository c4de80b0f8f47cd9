"""The conductor's absorption of inventory reports (reconciliation)."""
import pytest
import sqlalchemy as sa

from sysinv import exception
from sysinv.common import constants, states
from sysinv.conductor import inventory
from sysinv.db import models
from sysinv.tests.unit import fixtures
from sysinv.tests.unit import inventory_fakes as fakes

MAC = '08:00:27:00:00:01'
MGMT_NETWORK = {
    'network': {'type': 'mgmt', 'name': 'mgmt', 'dynamic': False},
    'pool': {'name': 'management', 'family': 4, 'network': '192.168.204.0',
             'prefix': 24, 'order': 'random'},
    'ranges': [['192.168.204.2', '192.168.204.254']],
    'addresses': {
        'floating': {'name': 'controller-mgmt', 'address': '192.168.204.2'},
        'controller0': {'name': 'controller-0-mgmt',
                        'address': '192.168.204.3'}},
}


def site(dbapi, aio=True, networks=(), **host_values):
    host = dict(hostname='controller-0', personality=constants.CONTROLLER,
                subfunctions='controller,worker' if aio else 'controller',
                mgmt_mac=MAC, administrative=states.ADMIN_LOCKED)
    host.update(host_values)
    created = dbapi.create_bootstrap(
        system={'name': 'flock', 'system_mode': 'duplex',
                'system_type': (constants.TIS_AIO_BUILD if aio
                                else constants.TIS_STD_BUILD),
                'timezone': 'UTC', 'software_version': '1.0',
                'capabilities': {}},
        dns='', ntp='', networks=list(networks), host=host)
    return created['host']


@pytest.fixture
def flows(dbapi):
    return inventory.InventoryFlows(dbapi)


@pytest.fixture
def host(dbapi):
    return site(dbapi)


def rows(dbapi, host, category):
    return dbapi.list_inventory(category, host['id'])


def test_first_full_report_adds_every_row(dbapi, flows, host):
    report = fakes.machine(mgmt_mac=MAC)
    answer = flows.absorb(fixtures.admin(), host['uuid'], report)
    assert answer['inv_state'] == states.INV_STATE_INITIAL_INVENTORIED
    assert answer['full_needed'] is False
    assert answer['counts']['icpus'] == {'added': 16, 'updated': 0,
                                         'removed': 0}
    assert len(rows(dbapi, host, 'inodes')) == 2
    assert len(rows(dbapi, host, 'imemorys')) == 2
    assert len(rows(dbapi, host, 'idisks')) == 2
    assert len(rows(dbapi, host, 'partitions')) == 4
    assert len(rows(dbapi, host, 'ports')) == 2
    assert len(rows(dbapi, host, 'pci_devices')) == 2
    stored = dbapi.get_host(host['id'])
    assert stored['inv_state'] == states.INV_STATE_INITIAL_INVENTORIED
    assert stored['kernel_running'] == '6.6.0-1-amd64'
    assert stored['max_cpu_mhz_allowed'] == '3900'
    cpus = rows(dbapi, host, 'icpus')
    assert [c['numa_node'] for c in cpus[:8]] == [0] * 4 + [1] * 4
    nodes = {n['numa_node']: n['uuid'] for n in rows(dbapi, host, 'inodes')}
    assert all(c['inode_uuid'] == nodes[c['numa_node']] for c in cpus)
    parts = rows(dbapi, host, 'partitions')
    disks = {d['device_path']: d for d in rows(dbapi, host, 'idisks')}
    for part in parts:
        assert part['idisk_uuid'] == disks[
            part['device_path'].rsplit('-part', 1)[0]]['uuid']


def test_default_cpu_functions_of_an_all_in_one(dbapi, flows, host):
    flows.absorb(None, host['uuid'], fakes.machine(mgmt_mac=MAC))
    cpus = rows(dbapi, host, 'icpus')
    platform = sorted((c['numa_node'], c['core'], c['thread']) for c in cpus
                      if c['allocated_function'] == 'Platform')
    # 2 platform cores on the first node, both threads of each
    assert platform == [(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1)]
    assert {c['allocated_function'] for c in cpus} == {'Platform',
                                                      'Application'}


def test_default_cpu_functions_of_a_standard_controller(dbapi, flows):
    host = site(dbapi, aio=False)
    flows.absorb(None, host['uuid'], fakes.machine())
    assert {c['allocated_function']
            for c in rows(dbapi, host, 'icpus')} == {'Platform'}


def test_same_report_again_changes_nothing(dbapi, flows, host):
    report = fakes.machine(mgmt_mac=MAC)
    flows.absorb(None, host['uuid'], report)
    before = {c: rows(dbapi, host, c) for c in inventory.inventory_plan
              .CATEGORIES}
    answer = flows.absorb(None, host['uuid'], report)
    assert answer['counts'] == {}
    after = {c: rows(dbapi, host, c) for c in inventory.inventory_plan
             .CATEGORIES}
    assert after == before


def test_changes_update_rows_in_place(dbapi, flows, host):
    report = fakes.machine(mgmt_mac=MAC)
    flows.absorb(None, host['uuid'], report)
    ports = report['ports']
    ports[1]['mtu'] = 9000
    ports[1]['link_mode'] = 3
    cpus = report['icpus']
    cpus[5]['cpu_model'] = 'Other CPU'
    before = {p['name']: p['uuid'] for p in rows(dbapi, host, 'ports')}
    answer = flows.absorb(None, host['uuid'], fakes.changed(
        report, ports=ports, icpus=cpus))
    assert answer['counts'] == {
        'ports': {'added': 0, 'updated': 1, 'removed': 0},
        'icpus': {'added': 0, 'updated': 1, 'removed': 0}}
    stored = {p['name']: p for p in rows(dbapi, host, 'ports')}
    assert stored[ports[1]['name']]['mtu'] == 9000
    assert stored[ports[1]['name']]['link_mode'] == '3'
    assert {n: p['uuid'] for n, p in stored.items()} == before
    assert rows(dbapi, host, 'icpus')[5]['cpu_model'] == 'Other CPU'


def test_removed_hardware_is_removed(dbapi, flows, host):
    report = fakes.machine(mgmt_mac=MAC, disks=3, ports=3, pci=2)
    flows.absorb(None, host['uuid'], report)
    gone = report['idisks'][1]['device_path']
    smaller = fakes.changed(
        report, idisks=[d for d in report['idisks']
                        if d['device_path'] != gone],
        partitions=[p for p in report['partitions']
                    if p['disk_device_path'] != gone],
        ports=report['ports'][:2], pci_devices=report['pci_devices'][1:])
    answer = flows.absorb(None, host['uuid'], smaller)
    assert answer['counts']['idisks']['removed'] == 1
    assert answer['counts']['partitions']['removed'] == 2
    assert answer['counts']['ports']['removed'] == 1
    assert answer['counts']['pci_devices']['removed'] == 1
    assert gone not in [d['device_path'] for d in rows(dbapi, host,
                                                       'idisks')]
    assert len(rows(dbapi, host, 'partitions')) == 4
    assert len(rows(dbapi, host, 'ports')) == 2


def test_a_disk_removed_with_its_partitions_left_in_the_report(dbapi, flows,
                                                               host):
    """Partitions go with their disk even if the report still names
    them (they are removed first, then the disk)."""
    report = fakes.machine(mgmt_mac=MAC, disks=2)
    flows.absorb(None, host['uuid'], report)
    smaller = fakes.changed(report, idisks=report['idisks'][:1],
                            partitions=report['partitions'][:2])
    flows.absorb(None, host['uuid'], smaller)
    assert len(rows(dbapi, host, 'idisks')) == 1
    assert len(rows(dbapi, host, 'partitions')) == 2


def test_numa_node_removed_and_cpus_moved(dbapi, flows, host):
    report = fakes.machine(sockets=2, cores=2, threads=1, mgmt_mac=MAC)
    flows.absorb(None, host['uuid'], report)
    one = fakes.machine(sockets=1, cores=4, threads=1, mgmt_mac=MAC)
    answer = flows.absorb(None, host['uuid'], one)
    assert answer['counts']['inodes']['removed'] == 1
    cpus = rows(dbapi, host, 'icpus')
    assert len(cpus) == 4 and {c['numa_node'] for c in cpus} == {0}
    assert all(c['inode_uuid'] for c in cpus)
    assert len(rows(dbapi, host, 'imemorys')) == 1


def test_operator_fields_survive_reports(dbapi, flows, host):
    report = fakes.machine(mgmt_mac=MAC)
    flows.absorb(None, host['uuid'], report)
    cpus = rows(dbapi, host, 'icpus')
    dbapi.update_icpu_functions(host['id'], {cpus[7]['id']: 'Shared'})
    memory = rows(dbapi, host, 'imemorys')[0]
    dbapi.update_imemory(memory['uuid'], {
        'vm_hugepages_nr_2M_pending': 100, 'platform_reserved_mib': 9000,
        'vswitch_hugepages_size_mib': 1024})
    pci = rows(dbapi, host, 'pci_devices')[0]
    with dbapi._writer() as db:
        db.execute(models.PciDevice.__table__.update().where(
            models.PciDevice.__table__.c.id == pci['id']).values(
            enabled=False))
    changed = fakes.changed(report)
    changed['imemorys'][0]['memavail_mib'] -= 10
    flows.absorb(None, host['uuid'], changed)
    assert rows(dbapi, host, 'icpus')[7]['allocated_function'] == 'Shared'
    kept = rows(dbapi, host, 'imemorys')[0]
    assert kept['vm_hugepages_nr_2M_pending'] == 100
    assert kept['platform_reserved_mib'] == 9000
    assert kept['vswitch_hugepages_size_mib'] == 1024
    assert kept['memavail_mib'] == report['imemorys'][0]['memavail_mib'] - 10
    assert rows(dbapi, host, 'pci_devices')[0]['enabled'] is False


def test_pending_hugepages_clear_once_applied(dbapi, flows, host):
    report = fakes.machine(mgmt_mac=MAC)
    flows.absorb(None, host['uuid'], report)
    memory = rows(dbapi, host, 'imemorys')[0]
    dbapi.update_imemory(memory['uuid'], {'vm_hugepages_nr_2M_pending': 512,
                                          'vm_hugepages_nr_1G_pending': 2})
    nodes = report['imemorys']
    nodes[0] = fakes.memory(0, reserved=8000, nr_2m=512)
    flows.absorb(None, host['uuid'], fakes.changed(report, imemorys=nodes))
    stored = rows(dbapi, host, 'imemorys')[0]
    assert stored['vm_hugepages_nr_2M'] == 512
    assert stored['vm_hugepages_nr_2M_pending'] is None
    assert stored['vm_hugepages_nr_1G_pending'] == 2


def test_inventoried_only_once_every_category_arrived(dbapi, flows, host):
    report = fakes.machine(mgmt_mac=MAC)
    partial = {k: v for k, v in report.items() if k != 'pci_devices'}
    partial['errors'] = {'pci_devices': 'OSError: boom'}
    answer = flows.absorb(None, host['uuid'], partial)
    assert answer['full_needed'] is True
    assert answer['inv_state'] is None
    assert dbapi.get_host(host['id'])['inv_state'] is None
    assert len(rows(dbapi, host, 'icpus')) == 16
    answer = flows.absorb(None, host['uuid'], report)
    assert answer['full_needed'] is False
    assert dbapi.get_host(host['id'])['inv_state'] == 'inventoried'


def test_delta_touches_only_its_categories(dbapi, flows, host):
    report = fakes.machine(mgmt_mac=MAC)
    flows.absorb(None, host['uuid'], report)
    ports = report['ports']
    ports[0]['speed'] = 25000
    delta = {'schema_version': 1, 'collected_at': 1.0, 'ports': ports}
    answer = flows.absorb(None, host['uuid'], delta)
    assert answer['accepted'] == ['ports']
    assert answer['counts'] == {'ports': {'added': 0, 'updated': 1,
                                          'removed': 0}}
    assert answer['full_needed'] is False
    assert len(rows(dbapi, host, 'icpus')) == 16
    empty = flows.absorb(None, host['uuid'], {'schema_version': 1})
    assert empty['accepted'] == [] and empty['counts'] == {}


def test_mgmt0_is_created_on_the_boot_port(dbapi, flows):
    host = site(dbapi, networks=[MGMT_NETWORK])
    report = fakes.machine(mgmt_mac=MAC)
    flows.absorb(None, host['uuid'], report)
    ports = {p['mac']: p for p in rows(dbapi, host, 'ports')}
    boot = ports[MAC]
    assert boot['bootp'] == 'True' and boot['interface_uuid']
    others = [p for m, p in ports.items() if m != MAC]
    assert all(p['bootp'] is None and p['interface_id'] is None
               for p in others)
    with dbapi._reader() as db:
        ifaces = db.execute(sa.select(models.Interface.__table__)).all()
        links = db.execute(sa.select(
            models.InterfaceNetwork.__table__)).all()
        eth = db.execute(sa.select(
            models.EthernetInterface.__table__)).all()
    assert [(i.ifname, i.ifclass, i.iftype) for i in ifaces] == [
        ('mgmt0', 'platform', 'ethernet')]
    assert eth[0].imac == MAC and eth[0].imtu == 1500
    assert len(links) == 1
    assert dbapi.get_address_by_name('controller-0-mgmt')[
        'interface_id'] == ifaces[0].id
    # a later report neither duplicates nor moves it
    flows.absorb(None, host['uuid'], fakes.changed(report))
    with dbapi._reader() as db:
        assert db.execute(sa.select(sa.func.count()).select_from(
            models.Interface.__table__)).scalar() == 1


def test_mgmt0_without_a_mgmt_network(dbapi, flows, host):
    flows.absorb(None, host['uuid'], fakes.machine(mgmt_mac=MAC))
    boot = [p for p in rows(dbapi, host, 'ports') if p['mac'] == MAC][0]
    assert boot['interface_uuid'] is not None


def test_no_port_with_the_mgmt_mac(dbapi, flows, host):
    flows.absorb(None, host['uuid'], fakes.machine())
    assert all(p['interface_id'] is None
               for p in rows(dbapi, host, 'ports'))


def test_partitions_being_created_are_kept(dbapi, flows, host):
    report = fakes.machine(mgmt_mac=MAC)
    flows.absorb(None, host['uuid'], report)
    part = rows(dbapi, host, 'partitions')[0]
    with dbapi._writer() as db:
        table = models.Partition.__table__
        db.execute(table.update().where(table.c.id == part['id']).values(
            status=2))
    flows.absorb(None, host['uuid'], fakes.changed(
        report, partitions=report['partitions'][1:]))
    kept = [p for p in rows(dbapi, host, 'partitions')
            if p['id'] == part['id']]
    assert kept and kept[0]['status'] == 2


def test_virtual_ports_are_keyed_by_mac(dbapi, flows, host):
    report = fakes.machine(mgmt_mac=MAC, ports=0)
    veths = [dict(fakes.port(0, MAC), name='eth0', pciaddr=None,
                  capabilities={'virtual': True}),
             dict(fakes.port(1), name='eth1', pciaddr=None)]
    flows.absorb(None, host['uuid'], fakes.changed(report, ports=veths))
    renamed = [dict(veths[0], name='mgmt'), veths[1]]
    answer = flows.absorb(None, host['uuid'], fakes.changed(
        report, ports=renamed))
    assert answer['counts'] == {'ports': {'added': 0, 'updated': 1,
                                          'removed': 0}}
    assert sorted(p['name'] for p in rows(dbapi, host, 'ports')) == [
        'eth1', 'mgmt']


def test_unknown_host(flows, host):
    with pytest.raises(exception.HostNotFound):
        flows.absorb(None, 'a4f4c0f6-8f0b-4a49-8a3e-1f0a9d7a1b2c',
                     fakes.machine())


def test_report_of_this_machine(dbapi, flows, host):
    """A real report of this machine is absorbed, twice the same."""
    from sysinv.agent.inventory import report

    current = report.collect('/')
    first = flows.absorb(None, host['uuid'], current)
    assert first['inv_state'] == 'inventoried' or current['errors']
    assert flows.absorb(None, host['uuid'], current)['counts'] == {}
