"""The probes against this machine's real /proc, /sys and /dev, checked
against independent sources: the os module, /proc files read here,
``lscpu``, ``lsblk``, ``ip -j link``, ``/proc/bus/pci/devices`` and
``lspci`` when they are installed."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid

import pytest

import sysinv
from sysinv.agent.inventory import cpu, disk, host, memory, network, report

SKIPPED = ('loop', 'ram', 'zram', 'dm-', 'md', 'sr', 'fd', 'nbd')


def _run_json(argv: list[str]) -> object:
    if shutil.which(argv[0]) is None:
        pytest.skip('%s is not installed' % argv[0])
    result = subprocess.run(argv, capture_output=True, text=True,
                            timeout=30, check=True)
    return json.loads(result.stdout)


def _proc_meminfo() -> dict[str, int]:
    values = {}
    with open('/proc/meminfo') as handle:
        for line in handle:
            key, _, rest = line.partition(':')
            values[key] = int(rest.split()[0])
    return values


# -- CPUs and NUMA ---------------------------------------------------------

def test_cpu_count_matches_os():
    records = cpu.icpus()
    assert len(records) == os.cpu_count()
    assert {r['cpu'] for r in records} >= os.sched_getaffinity(0)


def test_cpu_topology_matches_lscpu():
    if shutil.which('lscpu') is None:
        pytest.skip('lscpu is not installed')
    out = subprocess.run(['lscpu', '-p=CPU,CORE,NODE'], capture_output=True,
                         text=True, check=True, timeout=30).stdout
    rows = [line.split(',') for line in out.splitlines()
            if line and not line.startswith('#')]
    records = cpu.icpus()
    assert [r['cpu'] for r in records] == [int(row[0]) for row in rows]
    # each physical core has exactly one first thread
    assert sum(r['thread'] == 0 for r in records) == len(
        {row[1] for row in rows})
    for record, row in zip(records, rows, strict=True):
        assert record['numa_node'] == int(row[2] or 0)


def test_cpu_model_matches_lscpu():
    fields = {f['field'].rstrip(':'): f['data']
              for f in _run_json(['lscpu', '-J'])['lscpu']}
    if 'Model name' not in fields:
        pytest.skip('lscpu shows no model name here')
    assert {r['cpu_model'] for r in cpu.icpus()} == {fields['Model name']}
    if 'CPU family' in fields:
        assert {r['cpu_family'] for r in cpu.icpus()} == {
            fields['CPU family']}


def test_numa_nodes_match_sysfs_listing():
    base = '/sys/devices/system/node'
    names = [n for n in (os.listdir(base) if os.path.isdir(base) else [])
             if n.startswith('node') and n[4:].isdigit()]
    assert len(cpu.inodes()) == max(1, len(names))
    assert {r['numa_node'] for r in cpu.icpus()} <= {
        n['numa_node'] for n in cpu.inodes()}


# -- memory ----------------------------------------------------------------

def test_memory_matches_proc_meminfo():
    records = memory.imemorys()
    total_mib = _proc_meminfo()['MemTotal'] // 1024
    assert len(records) == len(cpu.inodes())
    if len(records) == 1:
        assert records[0]['node_memtotal_mib'] == total_mib
    else:
        assert sum(r['node_memtotal_mib'] for r in records) <= total_mib + 1
    for record in records:
        assert 0 <= record['memavail_mib'] <= record['memtotal_mib']
        assert record['memtotal_mib'] + record['platform_reserved_mib'] \
            == record['node_memtotal_mib']


def test_hugepages_match_system_counters():
    records = memory.imemorys()
    for size, key in (('2048kB', '2M'), ('1048576kB', '1G')):
        path = '/sys/kernel/mm/hugepages/hugepages-%s/nr_hugepages' % size
        if not os.path.exists(path):
            assert all(r['vm_hugepages_nr_%s' % key] == 0 for r in records)
            continue
        with open(path) as handle:
            expected = int(handle.read())
        assert sum(r['vm_hugepages_nr_%s' % key] for r in records) == \
            expected
    one_g = os.path.isdir('/sys/kernel/mm/hugepages/hugepages-1048576kB')
    assert {r['vm_hugepages_use_1G'] for r in records} == {one_g}


# -- disks -----------------------------------------------------------------

def _lsblk() -> list[dict]:
    return _run_json(['lsblk', '-J', '-b', '-o',
                      'NAME,SIZE,TYPE,MAJ:MIN'])['blockdevices']


def test_disks_match_lsblk():
    expected = {d['name']: d for d in _lsblk()
                if d['type'] == 'disk' and int(d['size'] or 0) > 0 and
                not d['name'].startswith(SKIPPED)}
    found = {r['device_node'].rsplit('/', 1)[-1]: r for r in disk.idisks()}
    assert sorted(found) == sorted(expected)
    for name, record in found.items():
        major, minor = expected[name]['maj:min'].split(':')
        assert record['size_mib'] == int(expected[name]['size']) // 2 ** 20
        assert record['device_num'] == os.makedev(int(major), int(minor))
        assert record['device_type'] in ('HDD', 'SSD', 'NVME')
        assert record['device_path'].startswith('/dev/disk/by-path/')


def test_partitions_match_lsblk():
    disks = {r['device_node'] for r in disk.idisks()}
    expected = set()
    for device in _lsblk():
        if '/dev/' + device['name'] in disks:
            expected |= {'/dev/' + child['name']
                         for child in device.get('children', [])
                         if child['type'] == 'part'}
    found = disk.partitions()
    assert {p['device_node'] for p in found} == expected
    for part in found:
        assert part['end_mib'] - part['start_mib'] == part['size_mib']
        assert part['disk_device_node'] in disks


def test_rootfs_disk_is_marked():
    st_dev = os.stat('/').st_dev
    if os.major(st_dev) == 0:
        pytest.skip('/ is not on a block device here')
    marked = [r for r in disk.idisks()
              if r['capabilities'].get('stor_function') == 'rootfs']
    assert len(marked) >= 1


# -- network ---------------------------------------------------------------

def _hardware_links() -> list[dict]:
    links = _run_json(['ip', '-d', '-j', 'link', 'show'])
    return [link for link in links if link.get('parentbus')]


def test_ports_match_ip_link():
    links = {link['ifname']: link for link in _hardware_links()
             if link.get('link_type') == 'ether'}
    ports = {p['name']: p for p in network.ports()}
    # VFs of SR-IOV NICs are hardware links that are not ports
    assert set(ports) <= set(links)
    for name, port in ports.items():
        assert port['mac'] == links[name]['address']
        assert port['mtu'] == links[name]['mtu']
    for name in set(links) - set(ports):
        assert os.path.exists('/sys/class/net/%s/device/physfn' % name)


def test_macs_match_sysfs_addresses():
    expected = set()
    for port in network.ports():
        with open('/sys/class/net/%s/address' % port['name']) as handle:
            expected.add(handle.read().strip().lower())
    assert set(host.facts()['macs']) == expected - {'00:00:00:00:00:00'}


def _proc_pci() -> dict[str, tuple[str, str]]:
    """``bb:dd.f`` -> (vendor, device) from /proc/bus/pci/devices."""
    found = {}
    with open('/proc/bus/pci/devices') as handle:
        for line in handle:
            fields = line.split()
            bus, devfn = int(fields[0][:2], 16), int(fields[0][2:], 16)
            key = '%02x:%02x.%d' % (bus, devfn >> 3, devfn & 7)
            found[key] = (fields[1][:4], fields[1][4:])
    return found


def test_pci_addresses_and_ids_match_proc_bus_pci():
    if not os.path.exists('/proc/bus/pci/devices'):
        pytest.skip('no /proc/bus/pci here')
    proc = _proc_pci()
    for device in network.pci_devices():
        assert proc[device['pciaddr'][5:]] == (device['pvendor_id'],
                                               device['pdevice_id'])
    for port in network.ports():
        if port['pciaddr']:
            assert port['pciaddr'][5:] in proc


def test_pci_classes_match_lspci():
    if shutil.which('lspci') is None:
        pytest.skip('lspci is not installed')
    out = subprocess.run(['lspci', '-Dmn'], capture_output=True, text=True,
                         check=True, timeout=30).stdout
    classes = {}
    for line in out.splitlines():
        parts = line.replace('"', '').split()
        classes[parts[0]] = parts[1]
    for device in network.pci_devices():
        assert device['pclass_id'][:4] == classes[device['pciaddr']]


# -- host and report -------------------------------------------------------

def test_host_facts_match_os():
    facts = host.facts()
    assert facts['hostname'] == socket.gethostname()
    assert facts['kernel_running'] == os.uname().release
    assert abs(facts['boot_time'] + facts['uptime'] - time.time()) < 5


def test_collect_here_is_complete_and_stable():
    first = report.collect()
    assert first['errors'] == {}
    assert set(first['fingerprints']) == set(report.CATEGORIES)
    second = report.collect()
    # nothing but memory usage moves between two reads a moment apart
    assert set(report.changed(first, second)) <= {'imemorys'}


@pytest.mark.root
def test_veth_in_a_network_namespace():
    """What a lab host sees: only veths, reported with include_virtual."""
    if os.geteuid() != 0 or shutil.which('ip') is None:
        pytest.skip('needs root and iproute2 (network namespaces)')
    tag = uuid.uuid4().hex[:8]
    namespace, outside = 'inv-%s' % tag, 'vinv%s' % tag
    mac = '52:54:00:%s:%s:%s' % (tag[:2], tag[2:4], tag[4:6])
    code = ('import json; from sysinv.agent.inventory import report; '
            'r = report.collect(include_virtual=True); '
            'print(json.dumps([r["ports"], r["host"]["macs"], '
            'report.collect()["ports"]]))')
    subprocess.run(['ip', 'netns', 'add', namespace], check=True)
    try:
        subprocess.run(['ip', 'link', 'add', outside, 'type', 'veth',
                        'peer', 'name', 'mgmt0', 'netns', namespace,
                        'address', mac], check=True)
        tree = os.path.dirname(os.path.dirname(sysinv.__file__))
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            filter(None, [tree, os.environ.get('PYTHONPATH')])))
        out = subprocess.run(
            ['ip', 'netns', 'exec', namespace, sys.executable, '-c', code],
            capture_output=True, text=True, check=True, timeout=60,
            env=env).stdout
    finally:
        subprocess.run(['ip', 'link', 'del', outside], check=False,
                       capture_output=True)
        subprocess.run(['ip', 'netns', 'del', namespace], check=False)
    ports, macs, physical = json.loads(out)
    assert [p['name'] for p in ports] == ['mgmt0']
    assert ports[0]['mac'] == mac and ports[0]['driver'] == 'veth'
    assert ports[0]['capabilities'] == {'virtual': True}
    assert macs == [mac]
    assert physical == []
