"""/v1/pci_devices: PCI devices other than NICs found by the agent
(read-only; also ``/v1/ihosts/<host>/pci_devices``)."""
from sysinv.api.controllers.v1 import inventory_base

FIELDS = ('uuid', 'name', 'pciaddr', 'pclass_id', 'pvendor_id',
          'pdevice_id', 'pclass', 'pvendor', 'pdevice', 'psvendor',
          'psdevice', 'numa_node', 'sriov_totalvfs', 'sriov_numvfs',
          'sriov_vfs_pci_address', 'sriov_vf_driver', 'sriov_vf_pdevice_id',
          'driver', 'enabled', 'extra_info', 'host_id', 'host_uuid',
          'created_at', 'updated_at')
KEY = 'pci_devices'


def view(row):
    return inventory_base.view(row, FIELDS, KEY)


class PciDeviceController(inventory_base.Collection):
    CATEGORY = KEY
    KEY = KEY

    def render_item(self, row):
        return view(row)


class HostPciDeviceController(inventory_base.HostCollection):
    CATEGORY = KEY
    KEY = KEY

    def render_item(self, row):
        return view(row)
