"""A small fake machine under a temporary directory: just enough of /proc,
/sys, /dev and /usr/share for the inventory probes, laid out (with
relative symbolic links) the way the kernel lays out the real ones."""
import os
import pathlib
import struct
import uuid

PCI_IDS = """\
# test subset of pci.ids
8086  Intel Corporation
\t0435  DH895XCC Series QAT
\t1572  Ethernet Controller X710 for 10GbE SFP+
\t\t8086 0001  Ethernet Converged Network Adapter X710-4
\t154c  Ethernet Virtual Function 700 Series
\t0a54  NVMe Datacenter SSD [3DNAND, Beta Rock Controller]
\t2922  82801IR/IO/IH (ICH9R/DO/DH) 6 port SATA Controller [AHCI mode]
10de  NVIDIA Corporation
\t1eb8  TU104GL [Tesla T4]
C 01  Mass storage controller
\t06  SATA controller
\t08  Non-Volatile memory controller
C 02  Network controller
\t00  Ethernet controller
C 03  Display controller
\t02  3D controller
C 06  Bridge
\t00  Host bridge
C 0b  Processor
\t40  Co-processor
"""


class FakeTree:
    """Builder of a fake machine rooted at ``root``."""

    def __init__(self, root: pathlib.Path):
        self.root = root

    # -- plumbing -------------------------------------------------------------

    def path(self, rel: str) -> pathlib.Path:
        return self.root / rel.lstrip('/')

    def write(self, rel: str, content: str | bytes) -> pathlib.Path:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)
        return target

    def mkdir(self, rel: str) -> pathlib.Path:
        target = self.path(rel)
        target.mkdir(parents=True, exist_ok=True)
        return target

    def link(self, rel: str, target: str) -> None:
        """A relative symbolic link at ``rel`` to the tree path
        ``target``."""
        source = self.path(rel)
        source.parent.mkdir(parents=True, exist_ok=True)
        relative = os.path.relpath(self.path(target), source.parent)
        if source.is_symlink():
            source.unlink()
        source.symlink_to(relative)

    # -- CPUs, NUMA and memory ------------------------------------------------

    def cpu(self, number: int, core: int, package: int, siblings: str,
            node: int) -> None:
        base = 'sys/devices/system/cpu/cpu%d/topology/' % number
        self.write(base + 'core_id', '%d\n' % core)
        self.write(base + 'physical_package_id', '%d\n' % package)
        self.write(base + 'thread_siblings_list', siblings + '\n')
        self.mkdir('sys/devices/system/node/node%d' % node)

    def cpus_online(self, text: str) -> None:
        self.write('sys/devices/system/cpu/online', text + '\n')

    def node(self, node: int, cpulist: str, total_kb: int, free_kb: int,
             hugepages: dict[int, tuple[int, int]] | None = None) -> None:
        base = 'sys/devices/system/node/node%d/' % node
        self.write(base + 'cpulist', cpulist + '\n')
        self.write(base + 'meminfo',
                   'Node %d MemTotal:       %d kB\n'
                   'Node %d MemFree:        %d kB\n'
                   'Node %d HugePages_Total:     0\n'
                   % (node, total_kb, node, free_kb, node))
        for size_kb, (nr, free) in (hugepages or {}).items():
            sub = base + 'hugepages/hugepages-%dkB/' % size_kb
            self.write(sub + 'nr_hugepages', '%d\n' % nr)
            self.write(sub + 'free_hugepages', '%d\n' % free)

    def cpuinfo(self, blocks: list[dict[str, str]]) -> None:
        text = '\n\n'.join('\n'.join('%s\t: %s' % kv for kv in b.items())
                           for b in blocks)
        self.write('proc/cpuinfo', text + '\n\n')

    def meminfo(self, total_kb: int, free_kb: int) -> None:
        self.write('proc/meminfo',
                   'MemTotal:       %d kB\nMemFree:        %d kB\n'
                   'HugePages_Total:       0\nHugepagesize:       2048 kB\n'
                   % (total_kb, free_kb))

    # -- PCI ------------------------------------------------------------------

    def pci(self, address: str, class_id: int, vendor: int, device: int,
            svendor: int = 0, sdevice: int = 0, numa: int = -1,
            driver: str | None = None, physfn: str | None = None
            ) -> str:
        dev = 'sys/devices/pci0000:00/%s' % address
        self.write(dev + '/class', '0x%06x\n' % class_id)
        self.write(dev + '/vendor', '0x%04x\n' % vendor)
        self.write(dev + '/device', '0x%04x\n' % device)
        self.write(dev + '/subsystem_vendor', '0x%04x\n' % svendor)
        self.write(dev + '/subsystem_device', '0x%04x\n' % sdevice)
        self.write(dev + '/numa_node', '%d\n' % numa)
        if driver:
            self.mkdir('sys/bus/pci/drivers/' + driver)
            self.link(dev + '/driver', 'sys/bus/pci/drivers/' + driver)
        if physfn:
            self.link(dev + '/physfn', 'sys/devices/pci0000:00/' + physfn)
        self.link('sys/bus/pci/devices/' + address, dev)
        return dev

    def sriov(self, address: str, total: int, vfs: list[str]) -> None:
        dev = 'sys/devices/pci0000:00/%s' % address
        self.write(dev + '/sriov_totalvfs', '%d\n' % total)
        self.write(dev + '/sriov_numvfs', '%d\n' % len(vfs))
        for index, vf in enumerate(vfs):
            self.link(dev + '/virtfn%d' % index,
                      'sys/devices/pci0000:00/' + vf)

    def pci_ids(self, text: str = PCI_IDS) -> None:
        self.write('usr/share/misc/pci.ids', text)

    # -- network --------------------------------------------------------------

    def net(self, name: str, mac: str, pci: str | None = None,
            mtu: int = 1500, speed: int | None = 10000,
            extra: dict[str, str] | None = None) -> str:
        if pci:
            netdir = 'sys/devices/pci0000:00/%s/net/%s' % (pci, name)
            self.link(netdir + '/device', 'sys/devices/pci0000:00/' + pci)
        else:
            netdir = 'sys/devices/virtual/net/' + name
        files = {'address': mac, 'mtu': str(mtu), 'type': '1',
                 'link_mode': '0', 'duplex': 'full', 'dev_port': '0',
                 'uevent': 'INTERFACE=%s\nIFINDEX=3' % name}
        if speed is not None:
            files['speed'] = str(speed)
        files.update(extra or {})
        for key, value in files.items():
            self.write('%s/%s' % (netdir, key), value + '\n')
        self.mkdir(netdir + '/queues/rx-0')
        self.mkdir(netdir + '/queues/tx-0')
        self.link('sys/class/net/' + name, netdir)
        return netdir

    # -- block devices --------------------------------------------------------

    def block(self, name: str, devdir: str, major: int, minor: int,
              sectors: int, rotational: int = 0,
              files: dict[str, str] | None = None) -> str:
        """A disk whose sysfs directory is ``devdir/block/name`` (or
        ``devdir/name`` for NVMe, pass the full directory then)."""
        blockdir = devdir if devdir.endswith('/' + name) else (
            devdir + '/block/' + name)
        self.write(blockdir + '/dev', '%d:%d\n' % (major, minor))
        self.write(blockdir + '/size', '%d\n' % sectors)
        self.write(blockdir + '/queue/rotational', '%d\n' % rotational)
        self.write(blockdir + '/queue/logical_block_size', '512\n')
        self.mkdir(blockdir + '/holders')
        for key, value in (files or {}).items():
            self.write(blockdir + '/' + key, value + '\n')
        self.link('sys/block/' + name, blockdir)
        self.link('sys/class/block/' + name, blockdir)
        self.link('sys/dev/block/%d:%d' % (major, minor), blockdir)
        return blockdir

    def part(self, disk_dir: str, name: str, number: int, major: int,
             minor: int, start: int, sectors: int) -> str:
        pdir = disk_dir + '/' + name
        self.write(pdir + '/partition', '%d\n' % number)
        self.write(pdir + '/start', '%d\n' % start)
        self.write(pdir + '/size', '%d\n' % sectors)
        self.write(pdir + '/dev', '%d:%d\n' % (major, minor))
        self.mkdir(pdir + '/holders')
        self.link('sys/class/block/' + name, pdir)
        self.link('sys/dev/block/%d:%d' % (major, minor), pdir)
        return pdir

    def mountinfo(self, lines: list[str]) -> None:
        self.write('proc/self/mountinfo', '\n'.join(lines) + '\n')

    def gpt_image(self, rel: str, types: list[str | None]) -> None:
        """A disk image holding a GPT whose entries have ``types``."""
        entries = b''
        for guid in types:
            raw = uuid.UUID(guid).bytes_le if guid else bytes(16)
            entries += raw + bytes(112)
        header = bytearray(92)
        header[0:8] = b'EFI PART'
        struct.pack_into('<QII', header, 72, 2, len(types), 128)
        image = bytearray(512 * 2) + entries
        image[510:512] = b'\x55\xaa'
        image[446 + 4] = 0xee
        image[512:512 + 92] = header
        self.write(rel, bytes(image))
