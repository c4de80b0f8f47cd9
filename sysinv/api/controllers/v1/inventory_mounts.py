"""The top-level hardware collections mounted under ``/v1``."""
from sysinv.api.controllers.v1 import (
    cpu,
    disk,
    memory,
    node,
    partition,
    pci_device,
    port,
)

RESOURCES = ('inodes', 'icpus', 'imemorys', 'idisks', 'partitions',
             'ethernet_ports', 'ports', 'pci_devices')


def controllers():
    """{URL segment: controller} of the hardware resources."""
    return {
        'inodes': node.NodeController(),
        'icpus': cpu.CPUController(),
        'imemorys': memory.MemoryController(),
        'idisks': disk.DiskController(),
        'partitions': partition.PartitionController(),
        'ethernet_ports': port.EthernetPortController(),
        'ports': port.PortController(),
        'pci_devices': pci_device.PciDeviceController(),
    }
