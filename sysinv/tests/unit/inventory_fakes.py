"""Agent reports of made-up machines, in the form
:func:`sysinv.agent.inventory.report.collect` returns, for the tests and
the benchmark of the conductor's inventory flows."""
import copy

from sysinv.agent.inventory import report as inventory_report

MODEL = 'Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz'
GIB = 1024


def cpus(sockets, cores, threads):
    """Logical CPUs numbered as Linux does (all first threads first)."""
    records = []
    per_thread = sockets * cores
    for thread in range(threads):
        for socket in range(sockets):
            for core in range(cores):
                records.append({
                    'cpu': thread * per_thread + socket * cores + core,
                    'core': core, 'thread': thread, 'numa_node': socket,
                    'cpu_family': '6', 'cpu_model': MODEL,
                    'capabilities': {}})
    return sorted(records, key=lambda r: r['cpu'])


def memory(node, total_mib=96 * GIB, reserved=8000, nr_2m=0, nr_1g=0):
    app = total_mib - reserved
    return {
        'numa_node': node, 'node_memtotal_mib': total_mib,
        'memtotal_mib': app, 'memavail_mib': app - 1000,
        'platform_reserved_mib': reserved,
        'minimum_platform_reserved_mib': reserved if node == 0 else 0,
        'hugepages_configured': bool(nr_2m or nr_1g),
        'vm_hugepages_nr_2M': nr_2m, 'vm_hugepages_avail_2M': nr_2m,
        'vm_hugepages_nr_1G': nr_1g, 'vm_hugepages_avail_1G': nr_1g,
        'vm_hugepages_possible_2M': app // 2,
        'vm_hugepages_possible_1G': app // 1024,
        'vm_hugepages_use_1G': True,
        'vm_hugepages_nr_4K': (app - nr_2m * 2 - nr_1g * 1024) * 256,
        'vswitch_hugepages_size_mib': None, 'vswitch_hugepages_reqd': None,
        'vswitch_hugepages_nr': 0, 'vswitch_hugepages_avail': 0,
        'capabilities': {}}


def disk(index, size_gib=480, partitions=0):
    name = 'sd' + chr(ord('a') + index % 26) + ('' if index < 26 else
                                                str(index // 26))
    path = '/dev/disk/by-path/pci-0000:00:17.0-ata-%d.0' % (index + 1)
    record = {
        'device_node': '/dev/' + name, 'device_num': 2048 + index * 16,
        'device_type': 'SSD', 'device_path': path,
        'device_id': 'ata-SAMSUNG_MZ7LH480_S4X%05d' % index,
        'device_wwn': '0x5002538e4%07x' % index, 'serial_id':
        'S4X%05d' % index, 'size_mib': size_gib * GIB,
        'available_mib': size_gib * GIB - partitions * 10 * GIB,
        'rpm': 'N/A', 'capabilities': {'model_num': 'SAMSUNG MZ7LH480'}}
    parts = []
    for number in range(1, partitions + 1):
        parts.append({
            'device_node': '/dev/%s%d' % (name, number),
            'device_path': '%s-part%d' % (path, number),
            'start_mib': 1 + (number - 1) * 10 * GIB,
            'end_mib': 1 + number * 10 * GIB, 'size_mib': 10 * GIB,
            'type_guid': '0fc63daf-8483-4772-8e79-3d69d8477de4',
            'type_name': 'Linux filesystem', 'status': 1,
            'capabilities': {}, 'disk_device_node': '/dev/' + name,
            'disk_device_path': path})
    return record, parts


def port(index, mac=None, numa=0):
    pci = '0000:%02x:00.%d' % (0x3b + index // 2, index % 2)
    return {
        'name': 'enp%ds0f%d' % (0x3b + index // 2, index % 2),
        'type': 'ethernet', 'pciaddr': pci, 'pclass': 'Ethernet controller',
        'pvendor': 'Intel Corporation',
        'pdevice': 'Ethernet Controller XL710 for 40GbE QSFP+',
        'psvendor': 'Intel Corporation', 'psdevice': 'Device 0001',
        'mac': mac or '3c:fd:fe:b5:%02x:%02x' % (index // 256, index % 256),
        'mtu': 1500, 'speed': 10000, 'link_mode': 0, 'duplex': 'full',
        'autoneg': None, 'driver': 'i40e', 'numa_node': numa,
        'dev_id': 0, 'dpdksupport': True, 'bootp': None, 'numchannels': 8,
        'maxchannels': None, 'capabilities': {}, 'sriov_totalvfs': 64,
        'sriov_numvfs': 0, 'sriov_vfs_pci_address': '',
        'sriov_vf_driver': None, 'sriov_vf_pdevice_id': '154c'}


def pci_device(index, numa=0):
    pci = '0000:%02x:00.0' % (0x80 + index)
    return {
        'name': 'pci_' + pci.replace(':', '_').replace('.', '_'),
        'pciaddr': pci, 'pclass_id': '0b4000', 'pvendor_id': '8086',
        'pdevice_id': '0435', 'pclass': 'Co-processor',
        'pvendor': 'Intel Corporation',
        'pdevice': 'DH895XCC Series QAT', 'psvendor': 'Intel Corporation',
        'psdevice': 'Device 0000', 'numa_node': numa,
        'sriov_totalvfs': 32, 'sriov_numvfs': 0, 'sriov_vfs_pci_address': '',
        'sriov_vf_driver': None, 'sriov_vf_pdevice_id': None,
        'driver': 'qat_dh895xcc', 'enabled': True, 'extra_info': None}


def machine(sockets=2, cores=4, threads=2, disks=2, partitions=2, ports=2,
            pci=2, mgmt_mac=None, hostname='controller-0'):
    """A whole report: ``sockets`` NUMA nodes, ``cores`` per socket,
    ``threads`` per core, ``disks`` disks of ``partitions`` partitions,
    ``ports`` NIC ports (the first one with ``mgmt_mac``) and ``pci``
    other PCI devices."""
    all_disks, all_parts = [], []
    for index in range(disks):
        record, parts = disk(index, partitions=partitions)
        all_disks.append(record)
        all_parts.extend(parts)
    all_ports = [port(i, mgmt_mac if i == 0 else None, numa=i % sockets)
                 for i in range(ports)]
    result = {
        'schema_version': inventory_report.SCHEMA_VERSION,
        'collected_at': 1700000000.0,
        'host': {'hostname': hostname,
                 'macs': [p['mac'] for p in all_ports],
                 'kernel_running': '6.6.0-1-amd64', 'boot_time': 1700000000,
                 'uptime': 100, 'machine_id': '0' * 32,
                 'cstates_available': 'POLL,C1,C6',
                 'min_cpu_mhz_allowed': 800, 'max_cpu_mhz_allowed': 3900,
                 'iscsi_initiator_name': None, 'nvme_host_id': None,
                 'nvme_host_nqn': None},
        'inodes': [{'numa_node': n, 'capabilities': {}}
                   for n in range(sockets)],
        'icpus': cpus(sockets, cores, threads),
        'imemorys': [memory(n, reserved=8000 if n == 0 else 2000)
                     for n in range(sockets)],
        'idisks': all_disks,
        'partitions': all_parts,
        'ports': all_ports,
        'pci_devices': [pci_device(i, numa=i % sockets) for i in range(pci)],
        'errors': {},
    }
    result['fingerprints'] = inventory_report.fingerprints(result)
    return result


def changed(report, **categories):
    """A deep copy of ``report`` with some categories replaced."""
    result = copy.deepcopy(report)
    result.update(categories)
    result['fingerprints'] = inventory_report.fingerprints(result)
    return result
