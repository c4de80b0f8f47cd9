"""The logical-configuration collections mounted under ``/v1`` and under
``/v1/ihosts/<host>/``: interfaces, platform networks, address pools,
addresses, DNS/NTP, service parameters and labels."""
from sysinv.api.controllers.v1 import (
    address_pool,
    dns,
    interface,
    interface_network,
    label,
    network,
    service_parameter,
)

RESOURCES = ('iinterfaces', 'interface_networks', 'networks', 'addrpools',
             'network_addresspools', 'addresses', 'idns', 'intp',
             'service_parameter', 'labels')


def controllers():
    """{URL segment: controller} of the top-level collections."""
    return {
        'iinterfaces': interface.InterfaceController(),
        'interface_networks': interface_network.InterfaceNetworkController(),
        'networks': network.NetworkController(),
        'addrpools': address_pool.AddressPoolController(),
        'network_addresspools': network.NetworkAddressPoolController(),
        'addresses': address_pool.AddressController(),
        'idns': dns.DNSController(),
        'intp': dns.NTPController(),
        'service_parameter': service_parameter.ServiceParameterController(),
        'labels': label.LabelController(),
    }


def host_controllers():
    """{name: controller} of the read-only lists under a host."""
    return {
        'iinterfaces': interface.HostInterfaceController(),
        'interface_networks':
            interface_network.HostInterfaceNetworkController(),
        'addresses': address_pool.HostAddressController(),
        'labels': label.HostLabelController(),
    }
