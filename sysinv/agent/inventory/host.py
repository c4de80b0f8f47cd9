"""Facts the agent uses to find its host record and report host-level
values.

- ``hostname``: ``/proc/sys/kernel/hostname`` (else ``/etc/hostname``);
- ``macs``: MACs of the NIC ports, the candidates matched against the
  host's ``mgmt_mac`` (see :func:`network.macs`);
- ``kernel_running``: ``/proc/sys/kernel/osrelease``;
- ``boot_time`` (epoch seconds, ``btime`` of ``/proc/stat``) and
  ``uptime`` (whole seconds, ``/proc/uptime``);
- ``machine_id``: ``/etc/machine-id``;
- ``cstates_available`` (comma list of ``cpuidle`` state names of CPU 0),
  ``min_cpu_mhz_allowed`` and ``max_cpu_mhz_allowed`` (``cpufreq`` limits,
  None without frequency scaling, as in most virtual machines);
- ``iscsi_initiator_name``, ``nvme_host_id``, ``nvme_host_nqn`` from
  ``/etc/iscsi/initiatorname.iscsi`` and ``/etc/nvme/host{id,nqn}``.
"""
import os
from typing import Any

from sysinv.agent.inventory import network, readers

CPU_DIR = 'sys/devices/system/cpu'


def _first_cpu_dir(root: str) -> str:
    return readers.at(root, CPU_DIR, 'cpu0')


def _cstates(root: str) -> str | None:
    idle = os.path.join(_first_cpu_dir(root), 'cpuidle')
    names = []
    for state in readers.listdir(idle):
        if state.startswith('state'):
            name = readers.read_text(os.path.join(idle, state, 'name'))
            if name:
                names.append((int(state[5:] or 0), name))
    return ','.join(name for _, name in sorted(names)) or None


def _mhz(root: str, which: str) -> int | None:
    for rel in ('cpufreq/policy0', 'cpu0/cpufreq'):
        khz = readers.read_int(readers.at(root, CPU_DIR, rel, which))
        if khz:
            return khz // 1000
    return None


def _iscsi_name(root: str) -> str | None:
    text = readers.read_text(
        readers.at(root, 'etc/iscsi/initiatorname.iscsi')) or ''
    for line in text.splitlines():
        key, sep, value = line.partition('=')
        if sep and key.strip() == 'InitiatorName':
            return value.strip() or None
    return None


def _boot_time(root: str) -> int | None:
    text = readers.read_text(readers.at(root, 'proc/stat')) or ''
    for line in text.splitlines():
        if line.startswith('btime '):
            return int(line.split()[1])
    return None


def _uptime(root: str) -> int | None:
    text = readers.read_text(readers.at(root, 'proc/uptime'))
    try:
        return int(float(text.split()[0])) if text else None
    except ValueError:
        return None


def hostname(root: str = '/') -> str | None:
    """The kernel's host name (``/etc/hostname`` if /proc has none)."""
    name = readers.read_text(readers.at(root, 'proc/sys/kernel/hostname'))
    if not name:
        text = readers.read_text(readers.at(root, 'etc/hostname')) or ''
        name = text.split()[0] if text.split() else None
    return name or None


def facts(root: str = '/', include_virtual: bool = False) -> dict[str, Any]:
    """The host facts (see the module docstring)."""
    return {
        'hostname': hostname(root),
        'macs': network.macs(root, include_virtual),
        'kernel_running': readers.read_text(
            readers.at(root, 'proc/sys/kernel/osrelease')),
        'boot_time': _boot_time(root),
        'uptime': _uptime(root),
        'machine_id': readers.read_text(readers.at(root, 'etc/machine-id'))
        or None,
        'cstates_available': _cstates(root),
        'min_cpu_mhz_allowed': _mhz(root, 'cpuinfo_min_freq'),
        'max_cpu_mhz_allowed': _mhz(root, 'cpuinfo_max_freq'),
        'iscsi_initiator_name': _iscsi_name(root),
        'nvme_host_id': readers.read_text(
            readers.at(root, 'etc/nvme/hostid')) or None,
        'nvme_host_nqn': readers.read_text(
            readers.at(root, 'etc/nvme/hostnqn')) or None,
    }
