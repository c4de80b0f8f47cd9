"""NIC ports and PCI devices (sysinv ``ports``/``ethernet_ports`` and
``pci_devices``).

Sources: ``/sys/class/net/<if>`` (address, mtu, speed, duplex, link_mode,
dev_port, queues, the ``device`` link to the hardware), and
``/sys/bus/pci/devices/<addr>`` (class, vendor, device, subsystem ids,
numa_node, driver, ``sriov_*`` and ``virtfnN`` links). Names come from
``pci.ids`` (:mod:`pciids`); ports carry names as ``lspci -m`` prints them,
PCI devices carry names and hex ids separately.

Ports are the network interfaces backed by hardware (a ``device`` link),
SR-IOV virtual functions excluded (they appear in their physical function's
``sriov_vfs_pci_address``). A host of the test lab lives in a network
namespace whose only NICs are veths, which have no ``device`` link: with
``include_virtual=True`` every other Ethernet-type interface (veth, tap,
ifb...) is reported too, except loopback, bridges, bonds and VLANs, with
its PCI fields None and ``capabilities={'virtual': True}``. The lab runs
its agents with ``ip netns exec``, which remounts ``/sys`` so that
``/sys/class/net`` shows the namespace's own interfaces.

PCI devices are the PCI functions other than network controllers (those
are ports), bridges, basic system peripherals (PIC, DMA, RTC, IOMMU) and
performance counters, VFs excluded, as StarlingX inventories them;
``enabled`` is True for the kinds StarlingX enables by default (GPUs and
QuickAssist physical functions).

Values the kernel does not expose are None: the speed of a link that is
down or virtual without a rate, ``maxchannels`` and ``autoneg`` (ethtool
only). ``numchannels`` is the number of receive queues. ``dpdksupport``
is judged from the driver (drivers with a DPDK poll-mode driver).
``bootp`` is ``'True'`` on the port whose MAC the boot loader passed as
``BOOTIF=`` on the kernel command line, else None (the conductor marks
the port of the host's ``mgmt_mac``).
"""
import array
import fcntl
import os
import socket
import struct
from typing import Any

from sysinv.agent.inventory import pciids, readers

NET_DIR = 'sys/class/net'
PCI_DIR = 'sys/bus/pci/devices'
ARPHRD_ETHER = 1
NIC_CLASS = '02'
LOGICAL_DEVTYPES = {'bridge', 'bond', 'vlan', 'macvlan', 'ipvlan',
                    'vxlan', 'team', 'dsa'}
IGNORED_CLASSES = ('02', '06', '0800', '0801', '0803', '0806', '0880',
                   '1101')
ENABLED_CLASSES = ('030000', '030200')
ENABLED_IDS = {('8086', '0435'), ('8086', '37c8')}
DPDK_DRIVERS = frozenset({
    'ixgbe', 'ixgbevf', 'i40e', 'iavf', 'i40evf', 'ice', 'igb', 'igbvf',
    'igc', 'e1000', 'e1000e', 'virtio_net', 'virtio-pci', 'vmxnet3',
    'mlx4_core', 'mlx4_en', 'mlx5_core', 'bnxt_en', 'qede', 'ena', 'enic',
    'nfp', 'atlantic', 'txgbe', 'ngbe', 'hns3', 'cxgb4', 'liquidio',
    'vfio-pci', 'igb_uio', 'uio_pci_generic'})

_SIOCETHTOOL = 0x8946
_ETHTOOL_GDRVINFO = 0x00000003
_DRVINFO_SIZE = 196


def _ethtool_driver(name: str) -> str | None:
    """Driver name of ``name`` in this process's network namespace."""
    buf = array.array('B', struct.pack('I', _ETHTOOL_GDRVINFO) +
                      bytes(_DRVINFO_SIZE - 4))
    address, _ = buf.buffer_info()
    request = struct.pack('16sP', name.encode()[:15], address)
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            fcntl.ioctl(sock.fileno(), _SIOCETHTOOL, request)
    except OSError:
        return None
    driver = buf.tobytes()[4:36].split(b'\0', 1)[0].decode(errors='replace')
    return driver or None


def _uevent(path: str) -> dict[str, str]:
    text = readers.read_text(os.path.join(path, 'uevent')) or ''
    return dict(line.split('=', 1) for line in text.splitlines()
                if '=' in line)


def _netdevs(root: str, include_virtual: bool
             ) -> list[tuple[str, str, str | None]]:
    """``(name, sysfs dir, pci address or None)`` of every reported port,
    ordered by name."""
    base = readers.at(root, NET_DIR)
    found = []
    for name in readers.listdir(base):
        netdir = os.path.join(base, name)
        if os.path.exists(os.path.join(netdir, 'device')):
            pci = readers.pci_ancestor(os.path.join(netdir, 'device'))
            if pci and os.path.exists(readers.at(
                    root, PCI_DIR, pci, 'physfn')):
                continue    # an SR-IOV virtual function
            found.append((name, netdir, pci))
            continue
        if not include_virtual or name == 'lo':
            continue
        if readers.read_int(os.path.join(netdir, 'type')) != ARPHRD_ETHER:
            continue
        if _uevent(netdir).get('DEVTYPE') in LOGICAL_DEVTYPES:
            continue
        if any(os.path.exists(os.path.join(netdir, sub))
               for sub in ('bridge', 'bonding')):
            continue
        found.append((name, netdir, None))
    return found


def _bonded_mac(root: str, name: str, netdir: str) -> str | None:
    """The permanent MAC of a bond member (its own shows the bond's)."""
    master = readers.link_name(os.path.join(netdir, 'master'))
    if not master:
        return None
    text = readers.read_text(readers.at(root, 'proc/net/bonding', master))
    current = None
    for line in (text or '').splitlines():
        key, _, value = line.partition(':')
        if key.strip() == 'Slave Interface':
            current = value.strip()
        elif key.strip() == 'Permanent HW addr' and current == name:
            return readers.normalize_mac(value.strip())
    return None


def _mac(root: str, name: str, netdir: str) -> str | None:
    return _bonded_mac(root, name, netdir) or readers.normalize_mac(
        readers.read_text(os.path.join(netdir, 'address')))


def macs(root: str = '/', include_virtual: bool = False) -> list[str]:
    """MACs of the reported ports, in port-name order, without repeats."""
    seen: list[str] = []
    for name, netdir, _ in _netdevs(root, include_virtual):
        mac = _mac(root, name, netdir)
        if mac and mac not in seen:
            seen.append(mac)
    return seen


def _boot_mac(root: str) -> str | None:
    cmdline = readers.read_text(readers.at(root, 'proc/cmdline')) or ''
    for word in cmdline.split():
        if word.startswith('BOOTIF='):
            value = word[len('BOOTIF='):].replace('-', ':')
            return readers.normalize_mac(value[3:] if value.count(':') == 6
                                         else value)
    return None


def _sriov(root: str, pci: str | None) -> dict[str, Any]:
    """The ``sriov_*`` fields of a PCI function."""
    fields: dict[str, Any] = {
        'sriov_totalvfs': None, 'sriov_numvfs': 0,
        'sriov_vfs_pci_address': '', 'sriov_vf_driver': None,
        'sriov_vf_pdevice_id': None}
    if not pci:
        return fields
    pdir = readers.at(root, PCI_DIR, pci)
    fields['sriov_totalvfs'] = readers.read_int(
        os.path.join(pdir, 'sriov_totalvfs'))
    numvfs = readers.read_int(os.path.join(pdir, 'sriov_numvfs')) or 0
    fields['sriov_numvfs'] = numvfs
    vfs = []
    for index in range(numvfs):
        vf = readers.link_name(os.path.join(pdir, 'virtfn%d' % index))
        if vf:
            vfs.append(vf)
    fields['sriov_vfs_pci_address'] = ','.join(vfs)
    if vfs:
        vfdir = readers.at(root, PCI_DIR, vfs[0])
        fields['sriov_vf_driver'] = readers.link_name(
            os.path.join(vfdir, 'driver'))
        fields['sriov_vf_pdevice_id'] = readers.read_hex_id(
            os.path.join(vfdir, 'device'))
    if fields['sriov_vf_pdevice_id'] is None:
        fields['sriov_vf_pdevice_id'] = readers.read_hex_id(
            os.path.join(pdir, 'sriov_vf_device'))
    return fields


def _pci_ids(root: str, pci: str) -> dict[str, str | None]:
    pdir = readers.at(root, PCI_DIR, pci)
    return {
        'pclass_id': readers.read_hex_id(os.path.join(pdir, 'class'), 6),
        'pvendor_id': readers.read_hex_id(os.path.join(pdir, 'vendor')),
        'pdevice_id': readers.read_hex_id(os.path.join(pdir, 'device')),
        'psvendor_id': readers.read_hex_id(
            os.path.join(pdir, 'subsystem_vendor')),
        'psdevice_id': readers.read_hex_id(
            os.path.join(pdir, 'subsystem_device')),
    }


def _pci_names(db: pciids.PciIds, ids: dict[str, str | None]
               ) -> dict[str, str | None]:
    vendor, device = ids['pvendor_id'], ids['pdevice_id']
    svendor, sdevice = ids['psvendor_id'], ids['psdevice_id']
    has_subsystem = svendor not in (None, '0000')
    return {
        'pclass': db.class_name(ids['pclass_id']),
        'pvendor': db.vendor_name(vendor),
        'pdevice': db.device_name(vendor, device),
        'psvendor': db.vendor_name(svendor) if has_subsystem else None,
        'psdevice': db.subsystem_name(vendor, device, svendor, sdevice),
    }


def _empty_pci() -> dict[str, Any]:
    return dict.fromkeys(('pciaddr', 'pclass', 'pvendor', 'pdevice',
                          'psvendor', 'psdevice'))


def _port(root: str, name: str, netdir: str, pci: str | None,
          context: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {'name': name, 'type': 'ethernet'}
    record.update(_empty_pci())
    numa = readers.normalize_numa(None, context['nodes'])
    driver = readers.link_name(os.path.join(netdir, 'device/driver'))
    if pci:
        pdir = readers.at(root, PCI_DIR, pci)
        record['pciaddr'] = pci
        record.update(_pci_names(context['db'], _pci_ids(root, pci)))
        numa = readers.normalize_numa(
            readers.read_int(os.path.join(pdir, 'numa_node')),
            context['nodes'])
        driver = driver or readers.link_name(os.path.join(pdir, 'driver'))
    elif context['local']:
        driver = _ethtool_driver(name)
    speed = readers.read_int(os.path.join(netdir, 'speed'))
    dev_port = readers.read_int(os.path.join(netdir, 'dev_port'), 0)
    if dev_port is None:
        dev_port = readers.read_int(os.path.join(netdir, 'dev_id'), 0)
    mac = _mac(root, name, netdir)
    queues = readers.listdir(os.path.join(netdir, 'queues'))
    record.update({
        'mac': mac,
        'mtu': readers.read_int(os.path.join(netdir, 'mtu')),
        'speed': speed if speed and speed > 0 else None,
        'link_mode': readers.read_int(os.path.join(netdir, 'link_mode')),
        'duplex': readers.read_text(os.path.join(netdir, 'duplex')),
        'autoneg': None,
        'driver': driver,
        'numa_node': numa,
        'dev_id': dev_port or 0,
        'dpdksupport': bool(pci) and driver in DPDK_DRIVERS,
        'bootp': 'True' if mac and mac == context['boot_mac'] else None,
        'numchannels': sum(q.startswith('rx-') for q in queues) or None,
        'maxchannels': None,
        'capabilities': {} if pci or os.path.exists(
            os.path.join(netdir, 'device')) else {'virtual': True},
    })
    record.update(_sriov(root, pci))
    return record


def ports(root: str = '/', include_virtual: bool = False
          ) -> list[dict[str, Any]]:
    """One record per NIC port, ordered by interface name."""
    context = {
        'db': pciids.load(root),
        'nodes': readers.online_numa_nodes(root),
        'boot_mac': _boot_mac(root),
        'local': os.path.realpath(root) == '/',
    }
    return [_port(root, name, netdir, pci, context)
            for name, netdir, pci in _netdevs(root, include_virtual)]


def _interesting(ids: dict[str, str | None], pdir: str) -> bool:
    class_id = ids['pclass_id'] or ''
    if class_id.startswith(IGNORED_CLASSES):
        return False
    return not os.path.exists(os.path.join(pdir, 'physfn'))


def pci_devices(root: str = '/') -> list[dict[str, Any]]:
    """One record per PCI function of interest, ordered by address."""
    db = pciids.load(root)
    nodes = readers.online_numa_nodes(root)
    records = []
    for address in readers.listdir(readers.at(root, PCI_DIR)):
        pdir = readers.at(root, PCI_DIR, address)
        ids = _pci_ids(root, address)
        if not _interesting(ids, pdir):
            continue
        record: dict[str, Any] = {
            'name': 'pci_' + address.replace(':', '_').replace('.', '_'),
            'pciaddr': address,
            'pclass_id': ids['pclass_id'],
            'pvendor_id': ids['pvendor_id'],
            'pdevice_id': ids['pdevice_id'],
        }
        record.update(_pci_names(db, ids))
        record['numa_node'] = readers.normalize_numa(
            readers.read_int(os.path.join(pdir, 'numa_node')), nodes)
        record.update(_sriov(root, address))
        record['driver'] = readers.link_name(os.path.join(pdir, 'driver'))
        record['enabled'] = (
            (ids['pclass_id'] or '') in ENABLED_CLASSES or
            (ids['pvendor_id'], ids['pdevice_id']) in ENABLED_IDS)
        record['extra_info'] = None
        records.append(record)
    return records
