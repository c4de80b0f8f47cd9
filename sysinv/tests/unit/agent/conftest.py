"""A fake two-socket machine for the inventory probe tests."""
import pytest

from sysinv.tests.unit.agent.fake_tree import FakeTree

XEON = 'Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz'
LVM_GUID = 'e6d6d379-f507-44c2-a23c-238f2a3df928'
EFI_GUID = 'c12a7328-f81f-11d2-ba4b-00a0c93ec93b'
LINUX_GUID = '0fc63daf-8483-4772-8e79-3d69d8477de4'
GIB_SECTORS = 2 * 1024 * 1024
NVME_DIR = ('sys/devices/pci0000:00/0000:5e:00.0/nvme/nvme0/nvme0n1')
SATA_DIR = ('sys/devices/pci0000:00/0000:00:1f.2/ata3/host2/'
            'target2:0:0/2:0:0:0')
HDD_DIR = ('sys/devices/pci0000:00/0000:00:1f.2/ata4/host3/'
           'target3:0:0/3:0:0:0')


def _cpus(tree: FakeTree) -> None:
    # 2 sockets x 2 cores x 2 threads; node 0: cpus 0,1,4,5; node 1: 2,3,6,7
    layout = {0: (0, 0, '0,4'), 1: (1, 0, '1,5'), 2: (0, 1, '2,6'),
              3: (1, 1, '3,7'), 4: (0, 0, '0,4'), 5: (1, 0, '1,5'),
              6: (0, 1, '2,6'), 7: (1, 1, '3,7')}
    for cpu, (core, package, siblings) in layout.items():
        tree.cpu(cpu, core, package, siblings, node=package)
    tree.cpus_online('0-7')
    tree.cpuinfo([{'processor': str(n), 'vendor_id': 'GenuineIntel',
                   'cpu family': '6', 'model': '85', 'model name': XEON}
                  for n in range(8)])
    tree.write('sys/devices/system/cpu/cpu0/cpuidle/state0/name', 'POLL')
    tree.write('sys/devices/system/cpu/cpu0/cpuidle/state1/name', 'C1')
    tree.write('sys/devices/system/cpu/cpu0/cpuidle/state2/name', 'C6')
    tree.write('sys/devices/system/cpu/cpufreq/policy0/cpuinfo_min_freq',
               '800000')
    tree.write('sys/devices/system/cpu/cpufreq/policy0/cpuinfo_max_freq',
               '3900000')


def _memory(tree: FakeTree) -> None:
    tree.node(0, '0-1,4-5', total_kb=32 * 1024 * 1024,
              free_kb=20 * 1024 * 1024,
              hugepages={2048: (1024, 1000), 1048576: (4, 3)})
    tree.node(1, '2-3,6-7', total_kb=16 * 1024 * 1024,
              free_kb=15 * 1024 * 1024,
              hugepages={2048: (0, 0), 1048576: (0, 0)})
    tree.meminfo(48 * 1024 * 1024, 35 * 1024 * 1024)


def _pci_and_net(tree: FakeTree) -> None:
    tree.pci_ids()
    tree.pci('0000:00:00.0', 0x060000, 0x8086, 0x2020)
    tree.pci('0000:3b:00.0', 0x020000, 0x8086, 0x1572, 0x8086, 0x0001,
             numa=0, driver='i40e')
    tree.pci('0000:3b:00.1', 0x020000, 0x8086, 0x1572, 0x8086, 0x0001,
             numa=0, driver='i40e')
    tree.pci('0000:3b:02.0', 0x020000, 0x8086, 0x154c, numa=0,
             driver='iavf', physfn='0000:3b:00.0')
    tree.pci('0000:3b:02.1', 0x020000, 0x8086, 0x154c, numa=0,
             driver='iavf', physfn='0000:3b:00.0')
    tree.sriov('0000:3b:00.0', 64, ['0000:3b:02.0', '0000:3b:02.1'])
    tree.pci('0000:3d:00.0', 0x0b4000, 0x8086, 0x0435, 0x8086, 0x0000,
             numa=0, driver='qat_dh895xcc')
    tree.pci('0000:af:00.0', 0x030200, 0x10de, 0x1eb8, 0x10de, 0x12a2,
             numa=1, driver='nvidia')
    tree.pci('0000:5e:00.0', 0x010802, 0x8086, 0x0a54, numa=1,
             driver='nvme')
    tree.pci('0000:00:1f.2', 0x010601, 0x8086, 0x2922, numa=-1,
             driver='ahci')
    tree.net('enp59s0f0', '3C:FD:FE:B5:72:FD', pci='0000:3b:00.0',
             extra={'dev_port': '0'})
    tree.net('enp59s0f1', '3c:fd:fe:b5:72:fe', pci='0000:3b:00.1',
             speed=None, extra={'dev_port': '1'})
    tree.net('enp59s2', '9a:00:00:00:00:01', pci='0000:3b:02.0')
    tree.net('lo', '00:00:00:00:00:00', extra={'type': '772'})
    tree.net('mgmt0', '52:54:00:12:34:56', speed=None)
    tree.net('br-oam', '52:54:00:00:00:99',
             extra={'uevent': 'DEVTYPE=bridge\nINTERFACE=br-oam'})


def _disks(tree: FakeTree) -> None:
    nvme = tree.block('nvme0n1', NVME_DIR, 259, 0, 100 * GIB_SECTORS,
                      files={'device/serial': 'PHLJ912345  ',
                             'device/model': 'INTEL SSDPE2KX010T8',
                             'wwid': 'eui.0100000001000000e4d25c0000000001',
                             'nsid': '1'})
    tree.part(nvme, 'nvme0n1p1', 1, 259, 1, 2048, 2048 * 512)
    tree.part(nvme, 'nvme0n1p2', 2, 259, 2, 2048 + 2048 * 512,
              20 * GIB_SECTORS)
    tree.part(nvme, 'nvme0n1p3', 3, 259, 3,
              2048 + 2048 * 512 + 20 * GIB_SECTORS, 10 * GIB_SECTORS)
    tree.gpt_image('dev/nvme0n1', [EFI_GUID, LINUX_GUID, LVM_GUID])
    tree.mkdir(nvme + '/nvme0n1p3/holders/dm-0')
    # a SATA SSD with its serial in VPD page 0x80 and a SCSI WWN
    sata = tree.block('sda', SATA_DIR, 8, 0, 200 * GIB_SECTORS,
                      rotational=0,
                      files={'device/model': 'SAMSUNG MZ7LH240',
                             'device/wwid': 'naa.5002538e40a1b2c3'})
    vpd = bytes([0, 0x80, 0, 8]) + b'S4X1NX0M'
    tree.write(sata + '/device/vpd_pg80', vpd)
    tree.write('sys/class/ata_port/ata3/port_no', '3\n')
    # a spinning disk used whole by LVM (held by dm-1)
    hdd = tree.block('sdb', HDD_DIR, 8, 16, 1000 * GIB_SECTORS,
                     rotational=1, files={'device/model': 'ST1000NM0033'})
    tree.mkdir(hdd + '/holders/dm-1')
    # devices the inventory skips
    tree.block('loop0', 'sys/devices/virtual/block/loop0', 7, 0, 1000)
    tree.block('zram0', 'sys/devices/virtual/block/zram0', 253, 0, 0)
    tree.block('dm-0', 'sys/devices/virtual/block/dm-0', 254, 0, 1000)
    tree.block('nvme0c0n1', 'sys/devices/virtual/block/nvme0c0n1', 259, 9,
               1000, files={'hidden': '1'})
    tree.mountinfo([
        '22 27 0:21 / /proc rw,relatime - proc proc rw',
        '27 1 259:2 / / rw,relatime - ext4 /dev/nvme0n1p2 rw',
        '28 27 259:1 / /boot/efi rw,relatime - vfat /dev/nvme0n1p1 rw',
    ])
    tree.write('proc/swaps',
               'Filename\tType\tSize\tUsed\tPriority\n')


def _host(tree: FakeTree) -> None:
    tree.write('proc/sys/kernel/hostname', 'controller-0\n')
    tree.write('proc/sys/kernel/osrelease', '6.6.0-1-amd64\n')
    tree.write('proc/stat', 'cpu  1 2 3 4\nbtime 1700000000\n')
    tree.write('proc/uptime', '12345.67 20000.00\n')
    tree.write('proc/cmdline',
               'root=/dev/nvme0n1p2 BOOTIF=01-3c-fd-fe-b5-72-fd quiet\n')
    tree.write('etc/machine-id', '0123456789abcdef0123456789abcdef\n')
    tree.write('etc/iscsi/initiatorname.iscsi',
               '## comment\nInitiatorName=iqn.2018-05.io.starlingx:c0\n')
    tree.write('etc/nvme/hostnqn', 'nqn.2014-08.org.nvmexpress:uuid:1\n')


@pytest.fixture
def machine(tmp_path) -> FakeTree:
    tree = FakeTree(tmp_path / 'machine')
    _cpus(tree)
    _memory(tree)
    _pci_and_net(tree)
    _disks(tree)
    _host(tree)
    return tree


@pytest.fixture
def root(machine) -> str:
    return str(machine.root)
