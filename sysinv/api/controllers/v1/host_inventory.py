"""The host's hardware sub-collections, as the host controller mounts
them (``/v1/ihosts/<host>/<name>``), and its ``state`` requests."""
from sysinv.api.controllers.v1.cpu import HostCPUController
from sysinv.api.controllers.v1.disk import HostDiskController
from sysinv.api.controllers.v1.host_state import HostStateController
from sysinv.api.controllers.v1.memory import HostMemoryController
from sysinv.api.controllers.v1.node import HostNodeController
from sysinv.api.controllers.v1.partition import HostPartitionController
from sysinv.api.controllers.v1.pci_device import HostPciDeviceController
from sysinv.api.controllers.v1.port import (
    HostEthernetPortController,
    HostPortController,
)

__all__ = ['HostCPUController', 'HostDiskController',
           'HostEthernetPortController', 'HostMemoryController',
           'HostNodeController', 'HostPartitionController',
           'HostPciDeviceController', 'HostPortController',
           'HostStateController']
