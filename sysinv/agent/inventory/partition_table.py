"""Partition types read from a disk's own GPT (or MBR) header.

Used when udev's database (``/run/udev/data``) does not already hold
``ID_PART_ENTRY_TYPE``, as on machines without udev. Only the header and
the entry array are read, never more than a few hundred KiB.
"""
import struct
import uuid

GPT_SIGNATURE = b'EFI PART'
MAX_ENTRIES = 256

# GPT partition type GUIDs -> names (as partitioning tools show them).
GPT_TYPE_NAMES = {
    'c12a7328-f81f-11d2-ba4b-00a0c93ec93b': 'EFI System',
    '21686148-6449-6e6f-744e-656564454649': 'BIOS boot partition',
    '0fc63daf-8483-4772-8e79-3d69d8477de4': 'Linux filesystem',
    'e6d6d379-f507-44c2-a23c-238f2a3df928': 'LVM Physical Volume',
    '0657fd6d-a4ab-43c4-84e5-0933c84b4f4f': 'Linux swap',
    'a19d880f-05fc-4d3b-a006-743f0f84911e': 'Linux RAID',
    '4f68bce3-e8cd-4db1-96e7-fbcaf984b709': 'Linux x86-64 root (/)',
    'b921b045-1df0-41c3-af44-4c6f280d3fae': 'Linux ARM64 root (/)',
    '933ac7e1-2eb4-4f13-b844-0e14e2aef915': 'Linux /home',
    'bc13c2ff-59e6-4262-a352-b275fd6f7172': 'Linux extended boot',
    'ebd0a0a2-b9e5-4433-87c0-68b6b72699c7': 'Microsoft basic data',
    'e3c9e316-0b5c-4db8-817d-f92df00215ae': 'Microsoft reserved',
    '4fbd7e29-9d25-41b8-afd0-062c0ceff05d': 'Ceph OSD',
    '45b0969e-9b03-4f30-b4c6-b4b80ceff106': 'Ceph Journal',
}

# MBR partition type bytes -> names.
MBR_TYPE_NAMES = {
    0x05: 'Extended', 0x07: 'HPFS/NTFS/exFAT', 0x0b: 'W95 FAT32',
    0x0c: 'W95 FAT32 (LBA)', 0x0f: 'W95 Extended (LBA)',
    0x82: 'Linux swap', 0x83: 'Linux', 0x85: 'Linux extended',
    0x8e: 'Linux LVM', 0xef: 'EFI (FAT-12/16/32)', 0xfd: 'Linux raid',
}


def type_name(type_guid: str | None) -> str | None:
    """The name of a GPT type GUID (any case); None when unknown."""
    if not type_guid:
        return None
    return GPT_TYPE_NAMES.get(type_guid.lower())


def _gpt(handle, block_size: int) -> dict[int, tuple[str, str | None]]:
    handle.seek(block_size)
    header = handle.read(92)
    if len(header) < 92 or header[:8] != GPT_SIGNATURE:
        return {}
    entries_lba, count, size = struct.unpack_from('<QII', header, 72)
    if size < 56 or count == 0:
        return {}
    count = min(count, MAX_ENTRIES)
    handle.seek(entries_lba * block_size)
    data = handle.read(count * size)
    types: dict[int, tuple[str, str | None]] = {}
    for index in range(len(data) // size):
        raw = data[index * size:index * size + 16]
        if raw == bytes(16):
            continue
        guid = str(uuid.UUID(bytes_le=raw))
        types[index + 1] = (guid, type_name(guid))
    return types


def _mbr(handle) -> dict[int, tuple[str | None, str | None]]:
    handle.seek(0)
    sector = handle.read(512)
    if len(sector) < 512 or sector[510:512] != b'\x55\xaa':
        return {}
    types: dict[int, tuple[str | None, str | None]] = {}
    for index in range(4):
        code = sector[446 + index * 16 + 4]
        if code and code != 0xee:
            types[index + 1] = (None, MBR_TYPE_NAMES.get(
                code, 'MBR type 0x%02x' % code))
    return types


def read_types(device_file: str, block_size: int = 512
               ) -> dict[int, tuple[str | None, str | None]]:
    """Partition number -> ``(type_guid, type_name)`` for the disk at
    ``device_file``: GPT entries when the disk has a GPT, else the four MBR
    primary entries (type_guid None). Empty when the disk cannot be read.
    """
    try:
        with open(device_file, 'rb') as handle:
            return _gpt(handle, block_size) or _mbr(handle)
    except (OSError, ValueError, struct.error):
        return {}
