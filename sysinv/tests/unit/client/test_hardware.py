"""CPU, memory, disk, partition, port and PCI device commands over a fake
sysinv-api: StarlingX's columns, labels and request bodies."""
import pytest

from sysinv.tests.unit.client import fakes
from sysinv.tests.unit.client.conftest import one_line_error

H1 = fakes.HOST_UUIDS[1]


def cpu(n, function='Application', node=0, thread=0):
    return {'uuid': 'c0000000-0000-4000-8000-%012d' % n, 'cpu': n,
            'core': n // 2, 'thread': thread, 'numa_node': node,
            'cpu_model': 'Intel(R) Xeon(R) CPU', 'cpu_family': '6',
            'allocated_function': function, 'capabilities': {},
            'ihost_uuid': H1, 'inode_uuid': 'n-%d' % node,
            'created_at': None, 'updated_at': None}


def routes(**extra):
    table = fakes.site_routes()
    table.update({('GET', '/v1/ihosts/%s/%s' % (H1, key)): (200, {key: rows})
                  for key, rows in extra.items()})
    return table


def test_cpu_list_columns_labels_and_order(capsys):
    cpus = [cpu(10), cpu(2, 'Vswitch'), cpu(0, 'Platform'),
            cpu(1, 'Bogus', thread=1)]
    api = fakes.FakeAPI(routes(icpus=cpus))
    assert fakes.run(api, 'host-cpu-list', 'controller-0') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['uuid', 'log_core', 'processor', 'phy_core', 'thread',
                      'processor_model', 'assigned_function']
    assert [r[1] for r in rows] == ['0', '1', '2', '10']
    assert [r[6] for r in rows] == ['Platform', 'unknown(Bogus)', 'vSwitch',
                                    'Application']
    assert api.calls() == ['GET /v1/ihosts', 'GET /v1/ihosts/%s/icpus' % H1]


def test_cpu_show_by_core_or_uuid(capsys):
    cpus = [cpu(0, 'Platform'), cpu(1)]
    api = fakes.FakeAPI(routes(icpus=cpus))
    assert fakes.run(api, 'host-cpu-show', 'controller-0', '1') == 0
    out = capsys.readouterr().out
    labels = [r[0] for r in fakes.table(out)[1]]
    assert labels == ['logical_core', 'processor (numa_node)',
                      'physical_core', 'thread', 'assigned_function',
                      'processor_model', 'processor_family', 'capabilities',
                      'uuid', 'ihost_uuid', 'inode_uuid', 'created_at',
                      'updated_at']
    assert fakes.properties(out)['logical_core'] == '1'
    assert fakes.run(api, 'host-cpu-show', '1', cpus[0]['uuid']) == 0
    assert fakes.properties(capsys.readouterr().out)[
        'assigned_function'] == 'Platform'
    status = fakes.run(api, 'host-cpu-show', 'controller-0', '7')
    assert one_line_error(capsys, status) == (
        'CPU logical core not found: host controller-0 cpu 7')


def test_cpu_modify_puts_the_functions(capsys):
    table = routes()
    table[('PUT', '/v1/ihosts/%s/state/host_cpus_modify' % H1)] = (
        200, {'icpus': [cpu(0, 'Platform'), cpu(1, 'Platform')]})
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'host-cpu-modify', 'controller-0', '-f',
                     'platform', '-p0', '2', '-p1', '0') == 0
    assert api.body() == [{'function': 'platform',
                           'sockets': [{'0': 2}, {'1': 0}]}]
    assert [r[6] for r in fakes.table(capsys.readouterr().out)[1]] == [
        'Platform', 'Platform']
    assert fakes.run(api, 'host-cpu-modify', 'controller-0', '-f',
                     'application-isolated', '-c', '3-5') == 0
    assert api.body() == [{'function': 'application-isolated',
                           'cpulist': '3-5'}]


@pytest.mark.parametrize('argv, text', [
    ([], 'Number of cores on Processor (Socket) not provided.'),
    (['-p0', '1', '-c', '2'], 'not both'),
])
def test_cpu_modify_needs_cores_or_a_list(capsys, argv, text):
    api = fakes.FakeAPI(routes())
    status = fakes.run(api, 'host-cpu-modify', 'controller-0', '-f',
                       'shared', *argv)
    assert text in one_line_error(capsys, status)
    assert api.requests == []


MEMORY = {'uuid': 'm0', 'inode_uuid': 'n-1', 'memtotal_mib': 7000,
          'platform_reserved_mib': 1000, 'memavail_mib': 6000,
          'hugepages_configured': 'True', 'vswitch_hugepages_size_mib': 2,
          'vswitch_hugepages_nr': 0, 'vswitch_hugepages_avail': 0,
          'vswitch_hugepages_reqd': None, 'vm_hugepages_nr_4K': 10,
          'vm_pending_as_percentage': 'False', 'vm_hugepages_nr_2M': 4,
          'vm_hugepages_avail_2M': 4, 'vm_hugepages_nr_2M_pending': None,
          'vm_hugepages_nr_1G': 0, 'vm_hugepages_avail_1G': 0,
          'vm_hugepages_nr_1G_pending': 2, 'vm_hugepages_use_1G': 'True',
          'ihost_uuid': H1, 'created_at': None, 'updated_at': None}
NODES = [{'uuid': 'n-0', 'numa_node': 0}, {'uuid': 'n-1', 'numa_node': 1}]


def test_memory_list_takes_the_processor_from_the_node(capsys):
    memories = [MEMORY, dict(MEMORY, uuid='m1', inode_uuid='n-0',
                             memtotal_mib=8000)]
    api = fakes.FakeAPI(routes(imemorys=memories, inodes=NODES))
    assert fakes.run(api, 'host-memory-list', 'controller-0',
                     '--nowrap') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == [
        'processor', 'mem_total(MiB)', 'mem_platform(MiB)',
        'mem_avail(MiB)', 'hugepages(hp)_configured', 'vs_hp_size(MiB)',
        'vs_hp_total', 'vs_hp_avail', 'vs_hp_reqd', 'app_total_4K',
        'app_hp_as_percentage', 'app_hp_total_2M', 'app_hp_avail_2M',
        'app_hp_pending_2M', 'app_hp_total_1G', 'app_hp_avail_1G',
        'app_hp_pending_1G', 'app_hp_use_1G']
    assert [(r[0], r[1]) for r in rows] == [('1', '7000'), ('0', '8000')]
    # 18 columns are wider than 250: cells and headers are wrapped
    assert fakes.run(api, 'host-memory-list', 'controller-0') == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 250
    lines = out.splitlines()
    assert lines[0] == lines[-1] and lines[0].startswith('+-')
    rules = [i for i, line in enumerate(lines) if line == lines[0]]
    assert len(rules) == 3 and rules[1] > 2     # a header of 2+ lines


def test_memory_show_drops_empty_pending_rows(capsys):
    api = fakes.FakeAPI(routes(imemorys=[MEMORY], inodes=NODES))
    assert fakes.run(api, 'host-memory-show', 'controller-0', '1') == 0
    labels = [r[0] for r in fakes.table(capsys.readouterr().out)[1]]
    assert labels[:3] == ['Memory: Usable Total (MiB)',
                          'Platform     (MiB)', 'Available    (MiB)']
    assert labels.count('Total Pending') == 1     # 1G only
    status = fakes.run(api, 'host-memory-show', 'controller-0', '3')
    assert one_line_error(capsys, status) == (
        'Processor not found: host controller-0 processor 3')


@pytest.mark.parametrize('argv, patch', [
    (['-m', '1200', '-2M', '10', '-1G', '1'], [
        {'op': 'replace', 'path': '/platform_reserved_mib', 'value': '1200'},
        {'op': 'replace', 'path': '/vm_hugepages_nr_2M_pending',
         'value': 10},
        {'op': 'replace', 'path': '/vm_hugepages_nr_1G_pending', 'value': 1},
        {'op': 'replace', 'path': '/vm_pending_as_percentage',
         'value': 'False'}]),
    (['-2M', '50%', '-1G', '10%'], [
        {'op': 'replace', 'path': '/vm_hugepages_nr_2M_pending',
         'value': 50},
        {'op': 'replace', 'path': '/vm_hugepages_nr_1G_pending', 'value': 10},
        {'op': 'replace', 'path': '/vm_pending_as_percentage',
         'value': 'True'}]),
    (['-f', 'vswitch', '-1G', '2'], [
        {'op': 'replace', 'path': '/vswitch_hugepages_reqd', 'value': '2'},
        {'op': 'replace', 'path': '/vswitch_hugepages_size_mib',
         'value': 1024}]),
])
def test_memory_modify_patch(capsys, argv, patch):
    table = routes(imemorys=[MEMORY], inodes=NODES)
    table[('PATCH', '/v1/imemorys/m0')] = (200, MEMORY)
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'host-memory-modify', 'controller-0', '1',
                     *argv) == 0
    assert api.body() == patch
    assert 'Memory: Usable Total (MiB)' in capsys.readouterr().out


def test_memory_modify_mixed_percent_is_refused(capsys):
    api = fakes.FakeAPI(routes(imemorys=[MEMORY], inodes=NODES))
    status = fakes.run(api, 'host-memory-modify', 'controller-0', '1',
                       '-2M', '5%', '-1G', '1')
    assert 'must both be percent or not percent' in one_line_error(
        capsys, status)
    assert not api.sent('PATCH', '/v1/imemorys/m0')


DISK = {'uuid': 'd0', 'device_node': '/dev/sda', 'device_num': 2048,
        'device_type': 'SSD', 'size_mib': 244198, 'available_mib': 1023,
        'rpm': 'Undetermined', 'serial_id': 'S3Z',
        'device_path': '/dev/disk/by-path/pci-0000:00:17.0-ata-1.0',
        'ihost_uuid': H1, 'istor_uuid': None, 'ipv_uuid': None,
        'created_at': None, 'updated_at': None}


def test_disk_list_in_gib(capsys):
    api = fakes.FakeAPI(routes(idisks=[dict(DISK, uuid='d1',
                                            device_node='/dev/sdb'), DISK]))
    assert fakes.run(api, 'host-disk-list', 'controller-0') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['uuid', 'device_node', 'device_num', 'device_type',
                      'size_gib', 'available_gib', 'rpm', 'serial_id',
                      'device_path']
    assert rows[0][:6] == ['d0', '/dev/sda', '2048', 'SSD', '238.474',
                           '0.999']


def test_disk_show_by_node(capsys):
    api = fakes.FakeAPI(routes(idisks=[DISK]))
    assert fakes.run(api, 'host-disk-show', 'controller-0', '/dev/sda') == 0
    rows = fakes.properties(capsys.readouterr().out)
    assert rows['size_gib'] == '238.474' and rows['device_type'] == 'SSD'
    status = fakes.run(api, 'host-disk-show', 'controller-0', '/dev/sdz')
    assert one_line_error(capsys, status) == (
        'Disk not found: host 1 disk /dev/sdz')


def test_partition_list_status_and_disk_filter(capsys):
    partition = {'uuid': 'p0', 'device_path': DISK['device_path'] + '-part1',
                 'device_node': '/dev/sda1', 'type_guid': 'ba5eba11',
                 'type_name': 'LVM Physical Volume', 'size_mib': 20480,
                 'status': 1}
    table = routes(idisks=[DISK], partitions=[partition])
    table[('GET', '/v1/ihosts/%s/idisks/d0/partitions' % H1)] = (
        200, {'partitions': [dict(partition, status=12)]})
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'host-disk-partition-list', 'controller-0') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['uuid', 'device_path', 'device_node', 'type_guid',
                      'type_name', 'size_gib', 'status']
    assert rows[0][5:] == ['20.0', 'In-Use']
    assert fakes.run(api, 'host-disk-partition-list', 'controller-0',
                     '--disk', '/dev/sda') == 0
    assert fakes.table(capsys.readouterr().out)[1][0][6] == (
        'Error: Missing GPT Table')


PORT = {'uuid': 'e0', 'name': 'eth0', 'type': 'ethernet',
        'pciaddr': '0000:00:03.0', 'dev_id': 0, 'numa_node': 0,
        'dpdksupport': True, 'pdevice': '82540EM Gigabit Ethernet',
        'interface_uuid': 'i0', 'host_uuid': H1}


def test_port_list_and_show(capsys):
    api = fakes.FakeAPI(routes(ports=[PORT]))
    assert fakes.run(api, 'host-port-list', 'controller-0') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['uuid', 'name', 'type', 'pci address', 'device',
                      'processor', 'accelerated', 'device type']
    assert rows == [['e0', 'eth0', 'ethernet', '0000:00:03.0', '0', '0',
                     'True', '82540EM Gigabit Ethernet']]
    assert fakes.run(api, 'host-port-show', 'controller-0', 'eth0') == 0
    rows = fakes.properties(capsys.readouterr().out)
    assert rows['processor'] == '0' and rows['accelerated'] == 'True'
    status = fakes.run(api, 'host-port-show', 'controller-0', 'eth9')
    assert one_line_error(capsys, status) == (
        'Port not found: host 1 port eth9')


def test_device_list_hides_disabled_devices_unless_all(capsys):
    devices = [{'name': 'pci_0000_00_02_0', 'pciaddr': '0000:00:02.0',
                'pclass_id': '030000', 'pvendor_id': '8086',
                'pdevice_id': '1912', 'pclass': 'VGA compatible controller',
                'pvendor': 'Intel Corporation', 'pdevice': 'HD Graphics',
                'numa_node': 0, 'enabled': True},
               {'name': 'pci_0000_00_1f_3', 'pciaddr': '0000:00:1f.3',
                'enabled': False}]
    api = fakes.FakeAPI(routes(pci_devices=devices))
    assert fakes.run(api, 'host-device-list', 'controller-0') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['name', 'address', 'class id', 'vendor id',
                      'device id', 'class name', 'vendor name',
                      'device name', 'numa_node', 'enabled']
    assert [r[0] for r in rows] == ['pci_0000_00_02_0']
    assert fakes.run(api, 'host-device-list', 'controller-0', '-a') == 0
    assert len(fakes.table(capsys.readouterr().out)[1]) == 2
