"""What the agent found on a host: NUMA nodes, CPUs, memory, disks,
partitions, ports and PCI devices (read under ``/v1/ihosts/<host>/``)."""
from __future__ import annotations

from sysinv.client.v1 import base


class NodeManager(base.ResourceManager):
    collection = 'inodes'
    key = 'inodes'


class CpuManager(base.ResourceManager):
    collection = 'icpus'
    key = 'icpus'


class MemoryManager(base.ResourceManager):
    collection = 'imemorys'
    key = 'imemorys'


class DiskManager(base.ResourceManager):
    collection = 'idisks'
    key = 'idisks'


class PartitionManager(base.ResourceManager):
    collection = 'partitions'
    key = 'partitions'

    def list_for_disk(self, host_uuid: str,
                      disk_uuid: str) -> list[base.Record]:
        return self._list('/v1/ihosts/%s/idisks/%s/partitions'
                          % (host_uuid, disk_uuid), self.key)


class PortManager(base.ResourceManager):
    collection = 'ports'
    key = 'ports'


class EthernetPortManager(base.ResourceManager):
    collection = 'ethernet_ports'
    key = 'ethernet_ports'


class PciDeviceManager(base.ResourceManager):
    collection = 'pci_devices'
    key = 'pci_devices'
