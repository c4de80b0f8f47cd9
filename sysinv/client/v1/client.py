"""The v1 client: one manager per collection over one HTTP client,
named as StarlingX's client names them (``client.ihost``, ...)."""
from __future__ import annotations

from stx_common.client import http
from sysinv.client.v1 import config, hardware, host, network, system


class Client:
    def __init__(self, api: http.HTTPClient) -> None:
        self.api = api
        self.isystem = system.SystemManager(api)
        self.ihost = host.HostManager(api)
        self.inode = hardware.NodeManager(api)
        self.icpu = hardware.CpuManager(api)
        self.imemory = hardware.MemoryManager(api)
        self.idisk = hardware.DiskManager(api)
        self.partition = hardware.PartitionManager(api)
        self.port = hardware.PortManager(api)
        self.ethernet_port = hardware.EthernetPortManager(api)
        self.pci_device = hardware.PciDeviceManager(api)
        self.iinterface = network.InterfaceManager(api)
        self.interface_network = network.InterfaceNetworkManager(api)
        self.network = network.NetworkManager(api)
        self.address_pool = network.AddressPoolManager(api)
        self.network_addrpool = network.NetworkAddressPoolManager(api)
        self.address = network.AddressManager(api)
        self.idns = config.DnsManager(api)
        self.intp = config.NtpManager(api)
        self.service_parameter = config.ServiceParameterManager(api)
        self.label = config.LabelManager(api)
