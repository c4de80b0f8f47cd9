"""Disk and partition probe against a fake machine: NVMe with a GPT,
SATA SSD, whole-disk LVM HDD, virtio without serial, skipped devices."""
import os

from sysinv.agent.inventory import disk, partition_table
from sysinv.tests.unit.agent import conftest
from sysinv.tests.unit.agent.fake_tree import FakeTree

BY_PATH = '/dev/disk/by-path/'


def _by_node(records):
    return {r['device_node']: r for r in records}


def test_skipped_devices(root):
    assert sorted(_by_node(disk.idisks(root))) == [
        '/dev/nvme0n1', '/dev/sda', '/dev/sdb']


def test_nvme_disk(root):
    nvme = _by_node(disk.idisks(root))['/dev/nvme0n1']
    assert nvme == {
        'device_node': '/dev/nvme0n1',
        'device_num': os.makedev(259, 0),
        'device_type': 'NVME',
        'device_path': BY_PATH + 'pci-0000:5e:00.0-nvme-1',
        'device_id': 'nvme-INTEL_SSDPE2KX010T8_PHLJ912345',
        'device_wwn': 'eui.0100000001000000e4d25c0000000001',
        'serial_id': 'PHLJ912345',
        'size_mib': 100 * 1024,
        # 100 GiB - (512 MiB + 20 GiB + 10 GiB) of partitions
        'available_mib': 100 * 1024 - 512 - 20 * 1024 - 10 * 1024,
        'rpm': 'N/A',
        'capabilities': {'model_num': 'INTEL SSDPE2KX010T8',
                         'stor_function': 'rootfs'},
    }


def test_sata_ssd_and_whole_disk_lvm(root):
    disks = _by_node(disk.idisks(root))
    sda, sdb = disks['/dev/sda'], disks['/dev/sdb']
    assert sda['device_type'] == 'SSD' and sda['rpm'] == 'N/A'
    assert sda['serial_id'] == 'S4X1NX0M'
    assert sda['device_wwn'] == '0x5002538e40a1b2c3'
    assert sda['device_path'] == BY_PATH + 'pci-0000:00:1f.2-ata-3.0'
    assert sda['device_id'] == 'ata-SAMSUNG_MZ7LH240_S4X1NX0M'
    assert sda['available_mib'] == 200 * 1024
    assert 'stor_function' not in sda['capabilities']
    assert sdb['device_type'] == 'HDD' and sdb['rpm'] == 'Undetermined'
    assert sdb['available_mib'] == 0          # held by device-mapper
    assert sdb['serial_id'] is None and sdb['device_id'] is None
    assert sdb['device_wwn'] is None
    # no ata_port entry for ata4: the port falls back to the ata number
    assert sdb['device_path'] == BY_PATH + 'pci-0000:00:1f.2-ata-4.0'


def test_partitions_with_gpt_types(root):
    parts = disk.partitions(root)
    assert [p['device_node'] for p in parts] == [
        '/dev/nvme0n1p1', '/dev/nvme0n1p2', '/dev/nvme0n1p3']
    efi, rootfs, pv = parts
    assert efi == {
        'device_node': '/dev/nvme0n1p1',
        'device_path': BY_PATH + 'pci-0000:5e:00.0-nvme-1-part1',
        'start_mib': 1, 'end_mib': 513, 'size_mib': 512,
        'type_guid': conftest.EFI_GUID, 'type_name': 'EFI System',
        'status': disk.STATUS_IN_USE,             # mounted on /boot/efi
        'capabilities': {},
        'disk_device_node': '/dev/nvme0n1',
        'disk_device_path': BY_PATH + 'pci-0000:5e:00.0-nvme-1',
    }
    assert rootfs['type_name'] == 'Linux filesystem'
    assert rootfs['status'] == disk.STATUS_IN_USE
    assert rootfs['start_mib'] == 513 and rootfs['size_mib'] == 20480
    assert pv['type_guid'] == conftest.LVM_GUID
    assert pv['type_name'] == 'LVM Physical Volume'
    assert pv['status'] == disk.STATUS_IN_USE      # held by dm-0
    assert pv['end_mib'] == pv['start_mib'] + pv['size_mib']


def test_unreadable_table_and_ready_partition(machine, root):
    os.unlink(machine.path('dev/nvme0n1'))
    os.rmdir(machine.path(conftest.NVME_DIR + '/nvme0n1p3/holders/dm-0'))
    parts = disk.partitions(root)
    assert {p['type_guid'] for p in parts} == {None}
    assert parts[2]['status'] == disk.STATUS_READY


def test_udev_links_and_database_win(machine, root):
    machine.link('dev/disk/by-path/pci-0000:5e:00.0-nvme-1', 'dev/nvme0n1')
    machine.link('dev/disk/by-path/pci-0000:5e:00.0-nvme-1-part1',
                 'dev/nvme0n1p1')
    machine.write('dev/nvme0n1p1', '')
    machine.link('dev/disk/by-id/nvme-eui.01000000010000', 'dev/nvme0n1')
    machine.link('dev/disk/by-id/nvme-INTEL_SSD_UDEV', 'dev/nvme0n1')
    machine.write('run/udev/data/b259:1',
                  'S:disk/by-id/x\nE:ID_PART_ENTRY_TYPE='
                  'E6D6D379-F507-44C2-A23C-238F2A3DF928\n')
    machine.write('run/udev/data/b8:0',
                  'E:ID_SERIAL_SHORT=UDEVSERIAL\nE:ID_WWN=0x5000c5\n'
                  'E:ID_MODEL=SAMSUNG_MZ7\nE:ID_ATA_ROTATION_RATE_RPM=0\n')
    disks = _by_node(disk.idisks(root))
    nvme, sda = disks['/dev/nvme0n1'], disks['/dev/sda']
    assert nvme['device_path'] == BY_PATH + 'pci-0000:5e:00.0-nvme-1'
    assert nvme['device_id'] == 'nvme-INTEL_SSD_UDEV'
    assert (sda['serial_id'], sda['device_wwn'], sda['rpm']) == (
        'UDEVSERIAL', '0x5000c5', '0')
    assert sda['capabilities']['model_num'] == 'SAMSUNG MZ7'
    [p1] = [p for p in disk.partitions(root)
            if p['device_node'] == '/dev/nvme0n1p1']
    assert p1['type_name'] == 'LVM Physical Volume'


def test_virtio_disk_without_serial(tmp_path):
    tree = FakeTree(tmp_path)
    tree.pci('0000:00:02.0', 0x018000, 0x1af4, 0x1042, driver='virtio-pci')
    tree.block('vda', 'sys/devices/pci0000:00/0000:00:02.0/virtio1', 254,
               0, 8 * 1024 * 1024, rotational=1)
    tree.mountinfo(['27 1 254:0 / / rw - ext4 /dev/vda rw'])
    [vda] = disk.idisks(str(tmp_path))
    assert vda['device_path'] == BY_PATH + 'pci-0000:00:02.0'
    assert vda['serial_id'] is None and vda['device_id'] is None
    assert vda['device_wwn'] is None
    assert vda['capabilities'] == {'stor_function': 'rootfs'}
    assert vda['available_mib'] == 0            # mounted as a whole
    assert vda['size_mib'] == 4096
    assert disk.partitions(str(tmp_path)) == []


def test_virtio_serial_and_lvm_rootfs(tmp_path):
    tree = FakeTree(tmp_path)
    vdir = tree.block('vdb', 'sys/devices/pci0000:00/0000:00:07.0/virtio3',
                      252, 16, 2 * 1024 * 1024, files={'serial': 'abc 1'})
    tree.part(vdir, 'vdb1', 1, 252, 17, 2048, 1024 * 1024)
    tree.block('dm-2', 'sys/devices/virtual/block/dm-2', 253, 2, 1000)
    tree.link('sys/devices/virtual/block/dm-2/slaves/vdb1',
              vdir + '/vdb1')
    tree.mountinfo(['27 1 253:2 / / rw - ext4 /dev/mapper/vg-root rw'])
    [vdb] = disk.idisks(str(tmp_path))
    assert vdb['device_id'] == 'virtio-abc_1'
    assert vdb['capabilities'] == {'stor_function': 'rootfs'}
    assert vdb['available_mib'] == 1024 - 512


def test_mbr_partition_types(tmp_path):
    image = bytearray(1024)
    image[446 + 4] = 0x83
    image[446 + 16 + 4] = 0x8e
    image[510:512] = b'\x55\xaa'
    path = tmp_path / 'disk.img'
    path.write_bytes(bytes(image))
    assert partition_table.read_types(str(path)) == {
        1: (None, 'Linux'), 2: (None, 'Linux LVM')}
    assert partition_table.read_types(str(tmp_path / 'missing')) == {}
    (tmp_path / 'short').write_bytes(b'x')
    assert partition_table.read_types(str(tmp_path / 'short')) == {}


def test_gpt_unknown_type_and_empty_slot(tmp_path):
    tree = FakeTree(tmp_path)
    tree.gpt_image('disk', [None, '11111111-2222-3333-4444-555555555555'])
    assert partition_table.read_types(str(tree.path('disk'))) == {
        2: ('11111111-2222-3333-4444-555555555555', None)}


def test_empty_tree(tmp_path):
    assert disk.scan(str(tmp_path)) == ([], [])
