"""Disks and their partitions (sysinv ``idisks`` and ``partitions``).

Sources: ``/sys/block`` (size, rotational, serial, model, wwid, partitions
with start and size), ``/dev/disk/by-path`` and ``/dev/disk/by-id`` for the
persistent names, udev's database ``/run/udev/data/b<major>:<minor>`` when
present, the disk's own GPT/MBR header for partition types when udev does
not know them, and ``/proc/self/mountinfo``, ``/proc/swaps`` and
``holders/`` to tell which disk holds the root filesystem and what is in
use.

Loop, RAM, zram, device-mapper, MD RAID, optical, floppy and NBD devices,
hidden NVMe paths and empty devices are skipped, as StarlingX does.

Without udev (a minimal VM or container) there is no ``/dev/disk``: the
``device_path`` is then built from sysfs the way udev names it
(``/dev/disk/by-path/pci-0000:00:02.0`` for a virtio disk,
``pci-<addr>-nvme-<nsid>``, ``pci-<addr>-ata-<port>.0``,
``pci-<addr>-scsi-<h:c:t:l>``) and ``device_id`` the way by-id names it
(``virtio-<serial>``, ``nvme-<model>_<serial>``, ``ata-<model>_<serial>``)
when a serial is known. Fields the hardware does not expose (a virtio
disk has no WWN nor model) are None.

``available_mib`` is the space not covered by partitions, or 0 when the
whole disk is used directly (mounted, swap, or held by LVM/RAID).
Partition ``status`` is 1 (In-Use) when mounted, swap or held, else 0
(Ready). Each partition also carries ``disk_device_node`` and
``disk_device_path``, the keys of its disk, for the conductor to link it
(they are not stored on the partition row).
"""
import os
import re
from typing import Any

from sysinv.agent.inventory import partition_table, readers

SKIP_PREFIXES = ('loop', 'ram', 'zram', 'dm-', 'md', 'sr', 'fd', 'nbd')
BY_PATH = '/dev/disk/by-path/'
HDD, SSD, NVME = 'HDD', 'SSD', 'NVME'
STATUS_READY, STATUS_IN_USE = 0, 1
_SECTOR = 512
_BY_ID_ORDER = ('nvme-', 'ata-', 'scsi-', 'virtio-', 'usb-', 'mmc-')


def _udev(root: str, dev: str | None) -> dict[str, str]:
    """udev's properties (``E:`` lines) of block device ``major:minor``."""
    if not dev:
        return {}
    text = readers.read_text(readers.at(root, 'run/udev/data', 'b' + dev))
    props = {}
    for line in (text or '').splitlines():
        if line.startswith('E:'):
            key, _, value = line[2:].partition('=')
            props[key] = value
    return props


def _links(root: str, kind: str) -> dict[str, list[str]]:
    """Device name -> names of its links in ``/dev/disk/<kind>``."""
    directory = readers.at(root, 'dev/disk', kind)
    found: dict[str, list[str]] = {}
    for name in readers.listdir(directory):
        target = readers.link_name(os.path.join(directory, name))
        if target:
            found.setdefault(target, []).append(name)
    return found


def _device_numbers(root: str, mountpoint: str | None) -> set[str]:
    """``major:minor`` of the block devices mounted on ``mountpoint``, or
    of every mounted block device when ``mountpoint`` is None."""
    numbers = set()
    text = readers.read_text(readers.at(root, 'proc/self/mountinfo'))
    for line in (text or '').splitlines():
        fields = line.split()
        if len(fields) < 5 or fields[2].startswith('0:'):
            continue
        if mountpoint is None or fields[4] == mountpoint:
            numbers.add(fields[2])
    return numbers


def _swaps(root: str) -> set[str]:
    text = readers.read_text(readers.at(root, 'proc/swaps')) or ''
    return {line.split()[0].rsplit('/', 1)[-1]
            for line in text.splitlines()[1:] if line.split()}


def _base_disks(root: str, name: str, seen: set[str] | None = None
                ) -> set[str]:
    """Whole disks under block device ``name`` (through dm/md slaves and
    partitions)."""
    seen = seen if seen is not None else set()
    if name in seen:
        return set()
    seen.add(name)
    entry = readers.at(root, 'sys/class/block', name)
    slaves = readers.listdir(os.path.join(entry, 'slaves'))
    if slaves:
        disks = set()
        for slave in slaves:
            disks |= _base_disks(root, slave, seen)
        return disks
    if os.path.exists(os.path.join(entry, 'partition')):
        parent = os.path.basename(os.path.dirname(os.path.realpath(entry)))
        return {parent}
    return {name}


def _name_of(root: str, dev: str) -> str | None:
    """Block device name of ``major:minor``."""
    path = readers.at(root, 'sys/dev/block', dev)
    if not os.path.exists(path):
        return None
    return os.path.basename(os.path.realpath(path))


def _serial(root: str, sysdir: str, udev: dict[str, str]) -> str | None:
    if udev.get('ID_SERIAL_SHORT'):
        return udev['ID_SERIAL_SHORT']
    for rel in ('device/serial', 'serial'):
        text = readers.read_text(os.path.join(sysdir, rel))
        if text:
            return text
    try:
        with open(os.path.join(sysdir, 'device/vpd_pg80'), 'rb') as handle:
            page = handle.read()
    except OSError:
        return None
    if len(page) > 4:
        text = page[4:4 + page[3]].decode('ascii', 'replace').strip()
        return text or None
    return None


def _wwn(sysdir: str, udev: dict[str, str]) -> str | None:
    if udev.get('ID_WWN_WITH_EXTENSION') or udev.get('ID_WWN'):
        return udev.get('ID_WWN_WITH_EXTENSION') or udev['ID_WWN']
    for rel in ('wwid', 'device/wwid'):
        text = readers.read_text(os.path.join(sysdir, rel))
        if not text:
            continue
        if text.startswith('naa.'):
            return '0x' + text[4:].lower()
        if text.startswith(('eui.', 'nvme.')):
            return text
        return None    # t10. names are vendor strings, not a WWN
    return None


def _model(sysdir: str, udev: dict[str, str]) -> str | None:
    if udev.get('ID_MODEL'):
        return udev['ID_MODEL'].replace('_', ' ')
    text = readers.read_text(os.path.join(sysdir, 'device/model'))
    return text or None


def _synth_by_path(root: str, name: str, sysdir: str) -> str | None:
    """The by-path name udev would give, built from sysfs."""
    pci = readers.pci_ancestor(sysdir)
    if pci is None:
        return None
    real = os.path.realpath(sysdir)
    if name.startswith('nvme'):
        nsid = readers.read_int(os.path.join(sysdir, 'nsid'))
        if nsid is None:
            match = re.search(r'n(\d+)$', name)
            nsid = int(match.group(1)) if match else 1
        return 'pci-%s-nvme-%d' % (pci, nsid)
    hctl = re.search(r'/(\d+:\d+:\d+:\d+)/block/', real)
    ata = re.search(r'/ata(\d+)/', real)
    if ata:
        port = readers.read_int(readers.at(
            root, 'sys/class/ata_port', 'ata' + ata.group(1), 'port_no'))
        return 'pci-%s-ata-%d.0' % (pci, port or int(ata.group(1)))
    if hctl:
        return 'pci-%s-scsi-%s' % (pci, hctl.group(1))
    return 'pci-%s' % pci


def _synth_by_id(name: str, model: str | None, serial: str | None,
                 sysdir: str) -> str | None:
    if not serial:
        return None
    clean = re.sub(r'\s+', '_', serial.strip())
    label = re.sub(r'\s+', '_', model.strip()) if model else None
    if name.startswith('vd'):
        return 'virtio-' + clean
    prefix = 'nvme' if name.startswith('nvme') else (
        'ata' if '/ata' in os.path.realpath(sysdir) else 'scsi')
    return '%s-%s_%s' % (prefix, label, clean) if label else (
        '%s-%s' % (prefix, clean))


def _pick(names: list[str] | None, order: tuple[str, ...]) -> str | None:
    if not names:
        return None
    ranked = sorted(names, key=lambda n: (
        next((i for i, p in enumerate(order) if n.startswith(p)),
             len(order)), len(n), n))
    return ranked[0]


def _partition_names(sysdir: str, name: str) -> list[str]:
    return [entry for entry in readers.listdir(sysdir)
            if entry.startswith(name) and
            os.path.exists(os.path.join(sysdir, entry, 'partition'))]


def _skip(name: str, sysdir: str) -> bool:
    if name.startswith(SKIP_PREFIXES):
        return True
    if readers.read_int(os.path.join(sysdir, 'hidden')) == 1:
        return True
    return not readers.read_int(os.path.join(sysdir, 'size'))


def _mib(sectors: int | None) -> int:
    return (sectors or 0) * _SECTOR // readers.MIB


def _disk_type(name: str, sysdir: str) -> str:
    if name.startswith('nvme'):
        return NVME
    rotational = readers.read_int(os.path.join(sysdir, 'queue/rotational'))
    return SSD if rotational == 0 else HDD


class _Scan:
    """One pass over ``/sys/block``: disks and partitions together."""

    def __init__(self, root: str):
        self.root = root
        self.by_path = _links(root, 'by-path')
        self.by_id = _links(root, 'by-id')
        mounted = _device_numbers(root, None)
        self.busy = {n for n in (_name_of(root, d) for d in mounted) if n}
        self.busy |= _swaps(root)
        self.rootfs_disks: set[str] = set()
        for dev in _device_numbers(root, '/'):
            name = _name_of(root, dev)
            if name:
                self.rootfs_disks |= _base_disks(root, name)
        self.disks: list[dict[str, Any]] = []
        self.partitions: list[dict[str, Any]] = []
        for name in readers.listdir(readers.at(root, 'sys/block')):
            sysdir = readers.at(root, 'sys/block', name)
            if not _skip(name, sysdir):
                self._disk(name, sysdir)

    def _in_use(self, name: str, sysdir: str) -> bool:
        return (name in self.busy or
                bool(readers.listdir(os.path.join(sysdir, 'holders'))))

    def _disk(self, name: str, sysdir: str) -> None:
        dev = readers.read_text(os.path.join(sysdir, 'dev'))
        udev = _udev(self.root, dev)
        major, _, minor = (dev or '').partition(':')
        serial = _serial(self.root, sysdir, udev)
        model = _model(sysdir, udev)
        dtype = _disk_type(name, sysdir)
        path = (_pick([n for n in self.by_path.get(name, [])
                       if not n.startswith('virtio-pci-')]
                      or self.by_path.get(name), ('pci-',))
                or _synth_by_path(self.root, name, sysdir))
        device_path = BY_PATH + path if path else None
        size_mib = _mib(readers.read_int(os.path.join(sysdir, 'size')))
        parts = self._partitions(name, sysdir, device_path)
        used = sum(p['size_mib'] for p in parts)
        available = 0 if self._in_use(name, sysdir) else max(
            0, size_mib - used)
        capabilities: dict[str, Any] = {}
        if model:
            capabilities['model_num'] = model
        if name in self.rootfs_disks:
            capabilities['stor_function'] = 'rootfs'
        rpm = udev.get('ID_ATA_ROTATION_RATE_RPM') or (
            'Undetermined' if dtype == HDD else 'N/A')
        self.disks.append({
            'device_node': '/dev/' + name.replace('!', '/'),
            'device_num': (os.makedev(int(major), int(minor))
                           if major.isdigit() and minor.isdigit() else None),
            'device_type': dtype,
            'device_path': device_path,
            'device_id': (_pick(self.by_id.get(name), _BY_ID_ORDER)
                          or _synth_by_id(name, model, serial, sysdir)),
            'device_wwn': _wwn(sysdir, udev),
            'serial_id': serial,
            'size_mib': size_mib,
            'available_mib': available,
            'rpm': rpm,
            'capabilities': capabilities,
        })

    def _partitions(self, disk: str, sysdir: str,
                    disk_path: str | None) -> list[dict[str, Any]]:
        names = _partition_names(sysdir, disk)
        if not names:
            return []
        table: dict[int, tuple[str | None, str | None]] | None = None
        records = []
        for name in names:
            psys = os.path.join(sysdir, name)
            number = readers.read_int(os.path.join(psys, 'partition')) or 0
            start = _mib(readers.read_int(os.path.join(psys, 'start')))
            size = _mib(readers.read_int(os.path.join(psys, 'size')))
            udev = _udev(self.root, readers.read_text(
                os.path.join(psys, 'dev')))
            guid = udev.get('ID_PART_ENTRY_TYPE')
            tname = partition_table.type_name(guid)
            if guid is None:
                if table is None:
                    block = readers.read_int(os.path.join(
                        sysdir, 'queue/logical_block_size')) or _SECTOR
                    table = partition_table.read_types(
                        readers.at(self.root, 'dev', disk), block)
                guid, tname = table.get(number, (None, None))
            link = _pick(self.by_path.get(name), ('pci-',))
            if link:
                path = BY_PATH + link
            else:
                path = '%s-part%d' % (disk_path, number) if disk_path \
                    else None
            records.append({
                'device_node': '/dev/' + name.replace('!', '/'),
                'device_path': path,
                'start_mib': start,
                'end_mib': start + size,
                'size_mib': size,
                'type_guid': guid.lower() if guid else None,
                'type_name': tname,
                'status': (STATUS_IN_USE if self._in_use(name, psys)
                           else STATUS_READY),
                'capabilities': {},
                'disk_device_node': '/dev/' + disk.replace('!', '/'),
                'disk_device_path': disk_path,
            })
        records.sort(key=lambda r: (r['start_mib'], r['device_node']))
        self.partitions.extend(records)
        return records


def scan(root: str = '/') -> tuple[list[dict[str, Any]],
                                   list[dict[str, Any]]]:
    """``(idisks, partitions)`` in one pass, disks ordered by name."""
    found = _Scan(root)
    return found.disks, found.partitions


def idisks(root: str = '/') -> list[dict[str, Any]]:
    """The disk records (see the module docstring)."""
    return scan(root)[0]


def partitions(root: str = '/') -> list[dict[str, Any]]:
    """The partition records of every reported disk."""
    return scan(root)[1]
