"""/v1/ports and /v1/ethernet_ports: NIC ports found by the agent
(read-only; also under ``/v1/ihosts/<host>/``). ``ports`` shows the
generic port fields, ``ethernet_ports`` adds the Ethernet ones."""
from sysinv.api.controllers.v1 import inventory_base

PORT_FIELDS = (
    'uuid', 'type', 'name', 'namedisplay', 'pciaddr', 'dev_id', 'pclass',
    'pvendor', 'pdevice', 'psvendor', 'psdevice', 'numa_node',
    'dpdksupport', 'sriov_totalvfs', 'sriov_numvfs',
    'sriov_vfs_pci_address', 'sriov_vf_driver', 'sriov_vf_pdevice_id',
    'driver', 'capabilities', 'host_id', 'host_uuid', 'node_id',
    'node_uuid', 'interface_id', 'interface_uuid', 'created_at',
    'updated_at')
ETHERNET_FIELDS = PORT_FIELDS + (
    'mac', 'mtu', 'speed', 'link_mode', 'duplex', 'autoneg', 'bootp',
    'numchannels', 'maxchannels', 'sriov_vf_numchannels',
    'sriov_vf_maxchannels')
ETHERNET = {'type': 'ethernet'}


def port_view(row):
    values = inventory_base.view(row, PORT_FIELDS, 'ports')
    values['capabilities'] = row.get('capabilities') or {}
    return values


def ethernet_view(row):
    values = inventory_base.view(row, ETHERNET_FIELDS, 'ethernet_ports')
    values['capabilities'] = row.get('capabilities') or {}
    return values


class PortController(inventory_base.Collection):
    CATEGORY = 'ports'
    KEY = 'ports'

    def render_item(self, row):
        return port_view(row)


class HostPortController(inventory_base.HostCollection):
    CATEGORY = 'ports'
    KEY = 'ports'

    def render_item(self, row):
        return port_view(row)


class EthernetPortController(inventory_base.Collection):
    CATEGORY = 'ports'
    KEY = 'ethernet_ports'
    FILTERS = ETHERNET

    def render_item(self, row):
        return ethernet_view(row)


class HostEthernetPortController(inventory_base.HostCollection):
    CATEGORY = 'ports'
    KEY = 'ethernet_ports'
    FILTERS = ETHERNET

    def render_item(self, row):
        return ethernet_view(row)
