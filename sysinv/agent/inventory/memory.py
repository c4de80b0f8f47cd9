"""Memory and hugepages per NUMA node (sysinv ``imemorys``).

Sources: ``/sys/devices/system/node/nodeN/meminfo`` and
``nodeN/hugepages/hugepages-<size>kB/{nr,free}_hugepages``, with
``/proc/meminfo`` and ``/sys/kernel/mm/hugepages`` for machines without
per-node files. The platform reservation per node comes from
``/etc/platform/worker_reserved.conf`` (StarlingX's
``WORKER_BASE_RESERVED=("node0:8000MB:1" ...)``) when present, else
:data:`DEFAULT_PLATFORM_RESERVED_MIB` on node 0 and nothing elsewhere.

Field meanings (all sizes in MiB):

- ``node_memtotal_mib``: the node's memory as the kernel counts it;
- ``platform_reserved_mib``: kept for the platform;
  ``minimum_platform_reserved_mib`` is the default of that reservation;
- ``memtotal_mib``: what is left for applications (total - reserved);
- ``memavail_mib``: free now (free small pages + free hugepages), capped
  at ``memtotal_mib``;
- ``vm_hugepages_nr_2M/1G`` and ``vm_hugepages_avail_2M/1G``: hugepages
  allocated and free; ``vm_hugepages_possible_2M/1G``: how many would fit
  in ``memtotal_mib``; ``vm_hugepages_use_1G``: the kernel offers 1G pages;
  ``vm_hugepages_nr_4K``: 4K pages of application memory not in hugepages.

The pending values and percentages are operator settings kept by the
conductor and are not reported. No vswitch is configured by the agent, so
the vswitch counts are 0.

A single-node virtual machine may hot-add memory that its node counters
do not show yet (its ``node0/meminfo`` then reports less than
``/proc/meminfo``); with one node, the larger system-wide figures are used.
"""
import re
from typing import Any

from sysinv.agent.inventory import readers

DEFAULT_PLATFORM_RESERVED_MIB = 2000
RESERVED_CONF = 'etc/platform/worker_reserved.conf'
_RESERVED_ENTRY = re.compile(r'node(\d+):(\d+)MB', re.IGNORECASE)
_SIZES_KB = {'2M': 2048, '1G': 1048576}


def _reserved(root: str) -> dict[int, int] | None:
    text = readers.read_text(readers.at(root, RESERVED_CONF))
    if text is None:
        return None
    for line in text.splitlines():
        if line.strip().startswith('WORKER_BASE_RESERVED'):
            return {int(n): int(mib)
                    for n, mib in _RESERVED_ENTRY.findall(line)}
    return None


def _hugepages(directory: str) -> dict[str, tuple[int, int] | None]:
    """``{'2M': (nr, free), '1G': (nr, free) or None if not offered}``."""
    pages: dict[str, tuple[int, int] | None] = {}
    for size, kb in _SIZES_KB.items():
        sub = readers.at(directory, 'hugepages-%dkB' % kb)
        nr = readers.read_int(readers.at(sub, 'nr_hugepages'))
        free = readers.read_int(readers.at(sub, 'free_hugepages'))
        pages[size] = None if nr is None else (nr, free or 0)
    return pages


def _node_figures(root: str, node: int, single: bool
                  ) -> tuple[int, int, dict[str, tuple[int, int] | None]]:
    """``(total_kb, free_kb, hugepages)`` of one node."""
    base = readers.at(root, 'sys/devices/system/node', 'node%d' % node)
    info = readers.read_meminfo(readers.at(base, 'meminfo'))
    pages = _hugepages(readers.at(base, 'hugepages'))
    total, free = info.get('MemTotal', 0), info.get('MemFree', 0)
    if single:
        system = readers.read_meminfo(readers.at(root, 'proc/meminfo'))
        if system.get('MemTotal', 0) > total:
            total = system['MemTotal']
            free = system.get('MemFree', free)
        if all(p is None for p in pages.values()):
            pages = _hugepages(readers.at(root, 'sys/kernel/mm/hugepages'))
    return total, free, pages


def imemorys(root: str = '/') -> list[dict[str, Any]]:
    """One memory record per NUMA node, ordered by node."""
    nodes = readers.online_numa_nodes(root)
    reserved_conf = _reserved(root)
    records = []
    for node in nodes:
        total_kb, free_kb, pages = _node_figures(root, node, len(nodes) == 1)
        node_total = total_kb // 1024
        default = DEFAULT_PLATFORM_RESERVED_MIB if node == nodes[0] else 0
        reserved = default
        if reserved_conf is not None:
            reserved = reserved_conf.get(node, 0)
        reserved = min(reserved, node_total)
        app_total = node_total - reserved
        nr_2m, avail_2m = pages['2M'] or (0, 0)
        nr_1g, avail_1g = pages['1G'] or (0, 0)
        huge_mib = nr_2m * 2 + nr_1g * 1024
        huge_free_mib = avail_2m * 2 + avail_1g * 1024
        records.append({
            'numa_node': node,
            'node_memtotal_mib': node_total,
            'memtotal_mib': app_total,
            'memavail_mib': min(app_total, free_kb // 1024 + huge_free_mib),
            'platform_reserved_mib': reserved,
            'minimum_platform_reserved_mib': min(default, node_total),
            'hugepages_configured': huge_mib > 0,
            'vm_hugepages_nr_2M': nr_2m,
            'vm_hugepages_avail_2M': avail_2m,
            'vm_hugepages_nr_1G': nr_1g,
            'vm_hugepages_avail_1G': avail_1g,
            'vm_hugepages_possible_2M': app_total // 2,
            'vm_hugepages_possible_1G': app_total // 1024,
            'vm_hugepages_use_1G': pages['1G'] is not None,
            'vm_hugepages_nr_4K': max(0, app_total - huge_mib) * 256,
            'vswitch_hugepages_size_mib': None,
            'vswitch_hugepages_reqd': None,
            'vswitch_hugepages_nr': 0,
            'vswitch_hugepages_avail': 0,
            'capabilities': {},
        })
    return records
