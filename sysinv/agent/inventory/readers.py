"""Tolerant readers for /proc, /sys and /dev files under a chosen root.

Every probe of this package reads the machine through these helpers, with
paths written as if the root were ``/``: ``at(root, 'sys/block')`` is
``/sys/block`` on the real machine and ``<tmp>/sys/block`` in a test tree.
A missing or unreadable file is not an error here: the helpers answer
``None`` (or an empty collection) and the probes report the field as
unknown, because hardware and kernels differ in what they expose.
"""
import os
import re

_CPULIST_PART = re.compile(r'^(\d+)(?:-(\d+))?$')
_MEMINFO_LINE = re.compile(r'^(?:Node \d+ )?([^:]+):\s+(\d+)(?:\s+kB)?$')
PCI_ADDRESS = re.compile(
    r'^[0-9a-fA-F]{4,}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$')
MIB = 1024 * 1024


def at(root: str, *parts: str) -> str:
    """``parts`` joined below ``root`` (leading slashes ignored)."""
    return os.path.join(root, *(p.lstrip('/') for p in parts))


def read_text(path: str) -> str | None:
    """The stripped content of ``path``; ``None`` if it cannot be read."""
    try:
        with open(path, encoding='utf-8', errors='replace') as handle:
            return handle.read().strip()
    except (OSError, ValueError):
        return None


def read_int(path: str, base: int = 10) -> int | None:
    """The integer in ``path`` (``base`` 0 accepts ``0x``); else None."""
    text = read_text(path)
    if text is None or text == '':
        return None
    try:
        return int(text.split()[0], base)
    except ValueError:
        return None


def read_hex_id(path: str, width: int = 4) -> str | None:
    """A sysfs id such as ``0x8086`` as ``8086`` (lower case, padded)."""
    value = read_int(path, 16)
    if value is None:
        return None
    return '%0*x' % (width, value)


def listdir(path: str) -> list[str]:
    """Sorted entries of ``path``; empty when it does not exist."""
    try:
        return sorted(os.listdir(path))
    except OSError:
        return []


def link_name(path: str) -> str | None:
    """The last component of the symbolic link ``path`` points to."""
    try:
        return os.path.basename(os.readlink(path))
    except OSError:
        return None


def parse_cpulist(text: str | None) -> list[int]:
    """``0-3,8,10-11`` as ``[0, 1, 2, 3, 8, 10, 11]``; bad parts skipped."""
    cpus: list[int] = []
    for part in (text or '').split(','):
        match = _CPULIST_PART.match(part.strip())
        if not match:
            continue
        first = int(match.group(1))
        last = int(match.group(2) or first)
        cpus.extend(range(first, last + 1))
    return sorted(set(cpus))


def read_meminfo(path: str) -> dict[str, int]:
    """A meminfo file as ``{key: value}``: kB for sizes, counts as they are.

    Both ``/proc/meminfo`` and the per-node ``Node N Key: value kB`` form
    are understood.
    """
    values: dict[str, int] = {}
    for line in (read_text(path) or '').splitlines():
        match = _MEMINFO_LINE.match(line.strip())
        if match:
            values[match.group(1)] = int(match.group(2))
    return values


def online_numa_nodes(root: str) -> list[int]:
    """NUMA nodes with a ``nodeN`` directory (``[0]`` if there is none,
    as on kernels built without NUMA support)."""
    base = at(root, 'sys/devices/system/node')
    nodes = [int(name[4:]) for name in listdir(base)
             if name.startswith('node') and name[4:].isdigit()]
    return sorted(nodes) or [0]


def normalize_numa(value: int | None, nodes: list[int]) -> int | None:
    """A device's ``numa_node`` attribute, with ``-1`` (no affinity) read as
    node 0 on a single-node machine and as unknown (None) otherwise."""
    if value is None or value < 0:
        return nodes[0] if len(nodes) == 1 else None
    return value


def pci_ancestor(device_dir: str) -> str | None:
    """The PCI address closest to a sysfs device, walking up its real path
    (``.../0000:00:03.0/virtio2`` gives ``0000:00:03.0``)."""
    try:
        real = os.path.realpath(device_dir)
    except OSError:
        return None
    for part in reversed(real.split(os.sep)):
        if PCI_ADDRESS.match(part):
            return part.lower()
    return None


def normalize_mac(mac: str | None) -> str | None:
    """Lower-case colon form; None for empty or all-zero addresses."""
    if not mac:
        return None
    mac = mac.strip().lower().replace('-', ':')
    if not mac.replace(':', '').strip('0'):
        return None
    return mac
