"""NUMA nodes and logical CPUs of this machine (sysinv ``inodes`` and
``icpus``).

Sources: ``/sys/devices/system/node/nodeN`` for the nodes and their CPU
lists, ``/sys/devices/system/cpu/cpuN/topology`` for core, socket and
thread siblings, ``/proc/cpuinfo`` for the family and model name. Only
online CPUs are reported (an offline CPU has no topology).

The probe does not decide ``allocated_function``: like StarlingX's
conductor, the conductor assigns functions when a host's CPUs first
arrive and keeps the operator's choices afterwards, so a periodic report
must not carry (and overwrite) them. :func:`default_functions` gives
StarlingX's first-report defaults for the conductor to use.
"""
from typing import Any

from sysinv.agent.inventory import readers

PLATFORM = 'Platform'
VSWITCH = 'Vswitch'
APPLICATION = 'Application'

CPU_DIR = 'sys/devices/system/cpu'
NODE_DIR = 'sys/devices/system/node'


def inodes(root: str = '/') -> list[dict[str, Any]]:
    """One record per NUMA node: ``{'numa_node': N, 'capabilities': {}}``."""
    return [{'numa_node': node, 'capabilities': {}}
            for node in readers.online_numa_nodes(root)]


def _cpuinfo(root: str) -> dict[int, dict[str, str]]:
    """``/proc/cpuinfo`` blocks keyed by their ``processor`` number."""
    blocks: dict[int, dict[str, str]] = {}
    text = readers.read_text(readers.at(root, 'proc/cpuinfo')) or ''
    common: dict[str, str] = {}
    for chunk in text.split('\n\n'):
        block: dict[str, str] = {}
        for line in chunk.splitlines():
            key, sep, value = line.partition(':')
            if sep:
                block[key.strip().lower()] = value.strip()
        number = block.get('processor', '')
        if number.isdigit():
            blocks[int(number)] = block
        else:
            common.update(block)   # arm64 puts some keys in a trailer
    for block in blocks.values():
        for key, value in common.items():
            block.setdefault(key, value)
    return blocks


def _model(info: dict[str, str]) -> tuple[str | None, str | None]:
    """``(cpu_family, cpu_model)`` from one cpuinfo block."""
    family = info.get('cpu family') or info.get('cpu architecture')
    model = (info.get('model name') or info.get('cpu model')
             or info.get('hardware') or info.get('processor name'))
    if model is None and 'cpu part' in info:
        model = 'implementer %s part %s' % (
            info.get('cpu implementer', '?'), info['cpu part'])
    return family, model


def _cpu_nodes(root: str) -> dict[int, int]:
    """CPU number -> NUMA node, from each node's ``cpulist``."""
    mapping: dict[int, int] = {}
    for node in readers.online_numa_nodes(root):
        text = readers.read_text(
            readers.at(root, NODE_DIR, 'node%d' % node, 'cpulist'))
        for cpu in readers.parse_cpulist(text):
            mapping.setdefault(cpu, node)
    return mapping


def _online_cpus(root: str) -> list[int]:
    online = readers.read_text(readers.at(root, CPU_DIR, 'online'))
    if online:
        return readers.parse_cpulist(online)
    return sorted(int(name[3:]) for name in readers.listdir(
        readers.at(root, CPU_DIR))
        if name.startswith('cpu') and name[3:].isdigit())


def icpus(root: str = '/') -> list[dict[str, Any]]:
    """One record per online logical CPU, ordered by CPU number.

    ``core`` is the kernel's ``core_id`` (unique within a socket), and
    ``thread`` the CPU's position among its thread siblings (0 for the
    first hyperthread of a core).
    """
    nodes = _cpu_nodes(root)
    info = _cpuinfo(root)
    default_node = readers.online_numa_nodes(root)[0]
    records = []
    for cpu in _online_cpus(root):
        topo = readers.at(root, CPU_DIR, 'cpu%d' % cpu, 'topology')
        core = readers.read_int(readers.at(topo, 'core_id'))
        siblings = readers.parse_cpulist(readers.read_text(
            readers.at(topo, 'thread_siblings_list'))) or [cpu]
        family, model = _model(info.get(cpu, {}))
        records.append({
            'cpu': cpu,
            'core': core if core is not None else cpu,
            'thread': siblings.index(cpu) if cpu in siblings else 0,
            'numa_node': nodes.get(cpu, default_node),
            'cpu_family': family,
            'cpu_model': model,
            'capabilities': {},
        })
    return records


def default_functions(records: list[dict[str, Any]], personality: str,
                      subfunctions: str | None = None,
                      platform_cores: int | None = None,
                      vswitch_cores: int = 0) -> list[dict[str, Any]]:
    """Copies of ``records`` with StarlingX's first-report
    ``allocated_function``.

    A controller or storage host without the worker subfunction keeps every
    CPU for the platform. A host with the worker subfunction reserves
    ``platform_cores`` physical cores (default 1 on a worker, 2 on an
    all-in-one controller) on its first NUMA node for the platform, then
    ``vswitch_cores`` for the vswitch, and gives the rest to applications;
    at least one core is always left to applications when the host has
    more than one core. All threads of a core share its function.
    """
    subs = {s.strip() for s in (subfunctions or personality).split(',')}
    copies = [dict(record) for record in records]
    if 'worker' not in subs and personality != 'worker':
        for record in copies:
            record['allocated_function'] = PLATFORM
        return copies
    if platform_cores is None:
        platform_cores = 2 if personality == 'controller' else 1
    cores = sorted({(r['numa_node'], r['core']) for r in copies})
    if len(cores) > 1:
        platform_cores = min(platform_cores, len(cores) - 1)
        vswitch_cores = min(vswitch_cores, len(cores) - 1 - platform_cores)
    first_node = cores[0][0] if cores else 0
    node_cores = [c for c in cores if c[0] == first_node]
    others = [c for c in cores if c[0] != first_node]
    order = node_cores + others
    functions = {}
    for index, key in enumerate(order):
        if index < platform_cores:
            functions[key] = PLATFORM
        elif index < platform_cores + vswitch_cores:
            functions[key] = VSWITCH
        else:
            functions[key] = APPLICATION
    for record in copies:
        record['allocated_function'] = functions[
            (record['numa_node'], record['core'])]
    return copies
