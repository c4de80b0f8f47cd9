"""NIC port and PCI device probes against a fake machine: SR-IOV, bonds,
virtual interfaces, names from pci.ids and their absence."""
import os

from sysinv.agent.inventory import network, pciids
from sysinv.tests.unit.agent.fake_tree import FakeTree


def _by_name(records):
    return {r['name']: r for r in records}


def test_physical_ports_only_by_default(root):
    # the VF's netdev, loopback, the bridge and the veth are left out
    assert list(_by_name(network.ports(root))) == ['enp59s0f0',
                                                   'enp59s0f1']


def test_port_with_sriov(root):
    port = _by_name(network.ports(root))['enp59s0f0']
    assert port == {
        'name': 'enp59s0f0', 'type': 'ethernet',
        'pciaddr': '0000:3b:00.0',
        'pclass': 'Ethernet controller',
        'pvendor': 'Intel Corporation',
        'pdevice': 'Ethernet Controller X710 for 10GbE SFP+',
        'psvendor': 'Intel Corporation',
        'psdevice': 'Ethernet Converged Network Adapter X710-4',
        'mac': '3c:fd:fe:b5:72:fd', 'mtu': 1500, 'speed': 10000,
        'link_mode': 0, 'duplex': 'full', 'autoneg': None,
        'driver': 'i40e', 'numa_node': 0, 'dev_id': 0,
        'dpdksupport': True, 'bootp': 'True',
        'numchannels': 1, 'maxchannels': None, 'capabilities': {},
        'sriov_totalvfs': 64, 'sriov_numvfs': 2,
        'sriov_vfs_pci_address': '0000:3b:02.0,0000:3b:02.1',
        'sriov_vf_driver': 'iavf', 'sriov_vf_pdevice_id': '154c',
    }


def test_second_port_link_down(root):
    port = _by_name(network.ports(root))['enp59s0f1']
    assert port['speed'] is None
    assert port['dev_id'] == 1
    assert port['bootp'] is None
    assert port['sriov_totalvfs'] is None and port['sriov_numvfs'] == 0
    assert port['sriov_vfs_pci_address'] == ''


def test_include_virtual_reports_veths(root):
    ports = _by_name(network.ports(root, include_virtual=True))
    assert sorted(ports) == ['enp59s0f0', 'enp59s0f1', 'mgmt0']
    veth = ports['mgmt0']
    assert veth['mac'] == '52:54:00:12:34:56'
    assert veth['pciaddr'] is None and veth['pvendor'] is None
    assert veth['capabilities'] == {'virtual': True}
    assert veth['dpdksupport'] is False
    # a fake tree is not this machine: no ethtool query for the driver
    assert veth['driver'] is None
    # no device, so no affinity, and the fake machine has two NUMA nodes
    assert veth['numa_node'] is None


def test_macs(root):
    assert network.macs(root) == ['3c:fd:fe:b5:72:fd', '3c:fd:fe:b5:72:fe']
    assert network.macs(root, include_virtual=True)[-1] == \
        '52:54:00:12:34:56'


def test_bond_member_reports_its_permanent_mac(machine, root):
    netdir = 'sys/devices/pci0000:00/0000:3b:00.1/net/enp59s0f1'
    machine.mkdir('sys/devices/virtual/net/bond0')
    machine.link(netdir + '/master', 'sys/devices/virtual/net/bond0')
    machine.write(netdir + '/address', '3c:fd:fe:b5:72:fd\n')
    machine.write('proc/net/bonding/bond0',
                  'Slave Interface: enp59s0f0\n'
                  'Permanent HW addr: 3c:fd:fe:b5:72:fd\n\n'
                  'Slave Interface: enp59s0f1\n'
                  'Permanent HW addr: 3C:FD:FE:B5:72:FE\n')
    port = _by_name(network.ports(root))['enp59s0f1']
    assert port['mac'] == '3c:fd:fe:b5:72:fe'


def test_pci_devices_of_interest(root):
    devices = _by_name(network.pci_devices(root))
    # bridges, NICs and VFs are left out
    assert sorted(devices) == ['pci_0000_00_1f_2', 'pci_0000_3d_00_0',
                               'pci_0000_5e_00_0', 'pci_0000_af_00_0']
    qat = devices['pci_0000_3d_00_0']
    assert qat == {
        'name': 'pci_0000_3d_00_0', 'pciaddr': '0000:3d:00.0',
        'pclass_id': '0b4000', 'pvendor_id': '8086', 'pdevice_id': '0435',
        'pclass': 'Co-processor', 'pvendor': 'Intel Corporation',
        'pdevice': 'DH895XCC Series QAT', 'psvendor': 'Intel Corporation',
        'psdevice': 'Device 0000', 'numa_node': 0,
        'sriov_totalvfs': None, 'sriov_numvfs': 0,
        'sriov_vfs_pci_address': '', 'sriov_vf_driver': None,
        'sriov_vf_pdevice_id': None, 'driver': 'qat_dh895xcc',
        'enabled': True, 'extra_info': None,
    }
    gpu = devices['pci_0000_af_00_0']
    assert gpu['enabled'] is True and gpu['numa_node'] == 1
    assert gpu['pclass'] == '3D controller'
    assert gpu['psvendor'] == 'NVIDIA Corporation'
    assert gpu['psdevice'] == 'Device 12a2'
    sata = devices['pci_0000_00_1f_2']
    assert sata['enabled'] is False
    assert sata['numa_node'] is None        # -1 on a two-node machine
    assert sata['psvendor'] is None and sata['psdevice'] is None


def test_names_fall_back_to_ids_without_pci_ids(machine, root):
    os.unlink(machine.path('usr/share/misc/pci.ids'))
    port = network.ports(root)[0]
    assert (port['pclass'], port['pvendor'], port['pdevice']) == (
        'Class 0200', 'Vendor 8086', 'Device 1572')


def test_hwdata_location_is_used(machine, root):
    os.rename(machine.path('usr/share/misc/pci.ids'),
              machine.write('usr/share/hwdata/pci.ids', ''))
    assert network.ports(root)[0]['pvendor'] == 'Intel Corporation'


def test_pci_ids_parse_and_cache(tmp_path):
    tree = FakeTree(tmp_path)
    tree.pci_ids()
    first = pciids.load(str(tmp_path))
    assert pciids.load(str(tmp_path)) is first
    assert first.class_name('010802') == 'Non-Volatile memory controller'
    assert first.class_name('0d1100') == 'Class 0d11'
    assert first.subsystem_name('8086', '1572', '0000', '0000') is None
    tree.pci_ids('1af4  Red Hat, Inc.\n')
    os.utime(tree.path('usr/share/misc/pci.ids'), (1, 1))
    assert pciids.load(str(tmp_path)).vendor_name('1af4') == 'Red Hat, Inc.'


def test_single_node_machine_maps_no_affinity_to_node_0(tmp_path):
    tree = FakeTree(tmp_path)
    tree.mkdir('sys/devices/system/node/node0')
    tree.pci('0000:00:03.0', 0x020000, 0x1af4, 0x1041, numa=-1,
             driver='virtio-pci')
    # a virtio NIC: the netdev hangs below a virtio device of the function
    virtio = 'sys/devices/pci0000:00/0000:00:03.0/virtio2'
    tree.mkdir(virtio)
    tree.link(virtio + '/driver', 'sys/bus/virtio/drivers/virtio_net')
    netdir = virtio + '/net/eth0'
    for key, value in {'address': '02:fc:00:00:00:01', 'mtu': '1400',
                       'type': '1', 'speed': '-1'}.items():
        tree.write(netdir + '/' + key, value + '\n')
    tree.link(netdir + '/device', virtio)
    tree.link('sys/class/net/eth0', netdir)
    [port] = network.ports(str(tmp_path))
    assert port['pciaddr'] == '0000:00:03.0'
    assert port['driver'] == 'virtio_net'
    assert port['numa_node'] == 0
    assert port['speed'] is None
    assert port['numchannels'] is None
    assert network.pci_devices(str(tmp_path)) == []


def test_bootif_forms(tmp_path):
    tree = FakeTree(tmp_path)
    tree.write('proc/cmdline', 'BOOTIF=3c:fd:fe:b5:72:fd\n')
    assert network._boot_mac(str(tmp_path)) == '3c:fd:fe:b5:72:fd'
    tree.write('proc/cmdline', 'quiet\n')
    assert network._boot_mac(str(tmp_path)) is None


def test_empty_tree(tmp_path):
    assert network.ports(str(tmp_path), include_virtual=True) == []
    assert network.pci_devices(str(tmp_path)) == []
    assert network.macs(str(tmp_path)) == []
