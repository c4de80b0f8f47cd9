"""sysinv's other vocabularies: personalities, system types and modes,
network types, board management types, well-known host names."""

# -- personalities and subfunctions -------------------------------------------
CONTROLLER = 'controller'
WORKER = 'worker'
STORAGE = 'storage'
EDGEWORKER = 'edgeworker'
NETWORK = 'network'
LOWLATENCY = 'lowlatency'
PERSONALITIES = (CONTROLLER, WORKER, STORAGE, EDGEWORKER)

CONTROLLER_0_HOSTNAME = 'controller-0'
CONTROLLER_1_HOSTNAME = 'controller-1'
CONTROLLER_HOSTNAMES = (CONTROLLER_0_HOSTNAME, CONTROLLER_1_HOSTNAME)
STORAGE_HOSTNAME = 'storage'
STORAGE_0_HOSTNAME = 'storage-0'

# -- the system ---------------------------------------------------------------
TIS_AIO_BUILD = 'All-in-one'
TIS_STD_BUILD = 'Standard'
SYSTEM_TYPES = (TIS_AIO_BUILD, TIS_STD_BUILD)

SYSTEM_MODE_SIMPLEX = 'simplex'
SYSTEM_MODE_DUPLEX = 'duplex'
SYSTEM_MODE_DUPLEX_DIRECT = 'duplex-direct'
SYSTEM_MODES = (SYSTEM_MODE_SIMPLEX, SYSTEM_MODE_DUPLEX,
                SYSTEM_MODE_DUPLEX_DIRECT)

DISTRIBUTED_CLOUD_ROLE_SYSTEMCONTROLLER = 'systemcontroller'
DISTRIBUTED_CLOUD_ROLE_SUBCLOUD = 'subcloud'
DISTRIBUTED_CLOUD_ROLES = (DISTRIBUTED_CLOUD_ROLE_SYSTEMCONTROLLER,
                           DISTRIBUTED_CLOUD_ROLE_SUBCLOUD)

VSWITCH_TYPE_NONE = 'none'
VSWITCH_TYPE_OVS_DPDK = 'ovs-dpdk'
VSWITCH_TYPES = (VSWITCH_TYPE_NONE, VSWITCH_TYPE_OVS_DPDK)

# security_feature: the user's value -> kernel options stored.
SECURITY_FEATURE_SPECTRE_MELTDOWN_V1 = 'spectre_meltdown_v1'
SECURITY_FEATURE_SPECTRE_MELTDOWN_ALL = 'spectre_meltdown_all'
SECURITY_FEATURE_OPTS = {
    SECURITY_FEATURE_SPECTRE_MELTDOWN_V1: 'nopti nospectre_v2 nospectre_v1',
    SECURITY_FEATURE_SPECTRE_MELTDOWN_ALL: ' ',
}

DEFAULT_REGION_NAME = 'RegionOne'
DEFAULT_SERVICE_PROJECT_NAME = 'services'
DEFAULT_SYSTEM_NAME = 'StarlingX'
DEFAULT_TIMEZONE = 'UTC'
SYSTEM_SERVICES_DEFAULT = 72

# -- networks -----------------------------------------------------------------
NETWORK_TYPE_MGMT = 'mgmt'
NETWORK_TYPE_PXEBOOT = 'pxeboot'
NETWORK_TYPE_OAM = 'oam'
NETWORK_TYPE_MULTICAST = 'multicast'
NETWORK_TYPE_CLUSTER_HOST = 'cluster-host'
NETWORK_TYPE_CLUSTER_POD = 'cluster-pod'
NETWORK_TYPE_CLUSTER_SERVICE = 'cluster-service'
NETWORK_TYPE_SYSTEM_CONTROLLER = 'system-controller'
NETWORK_TYPE_SYSTEM_CONTROLLER_OAM = 'system-controller-oam'
NETWORK_TYPE_IRONIC = 'ironic'
NETWORK_TYPE_STORAGE = 'storage'
NETWORK_TYPE_ADMIN = 'admin'
NETWORK_TYPES = (
    NETWORK_TYPE_MGMT, NETWORK_TYPE_PXEBOOT, NETWORK_TYPE_OAM,
    NETWORK_TYPE_MULTICAST, NETWORK_TYPE_SYSTEM_CONTROLLER,
    NETWORK_TYPE_SYSTEM_CONTROLLER_OAM, NETWORK_TYPE_CLUSTER_HOST,
    NETWORK_TYPE_CLUSTER_POD, NETWORK_TYPE_CLUSTER_SERVICE,
    NETWORK_TYPE_IRONIC, NETWORK_TYPE_STORAGE, NETWORK_TYPE_ADMIN)

IPV4_FAMILY = 4
IPV6_FAMILY = 6
IP_FAMILIES = {IPV4_FAMILY: 'IPv4', IPV6_FAMILY: 'IPv6'}

# Reserved address names: controller-<type> (floating), controller-0-<type>,
# controller-1-<type>, controller-gateway-<type>; a host's own address is
# <hostname>-<type>.
CONTROLLER_HOSTNAME = 'controller'
CONTROLLER_GATEWAY = 'controller-gateway'

# -- board management ---------------------------------------------------------
BM_TYPE_NONE = 'none'
BM_TYPE_DYNAMIC = 'dynamic'
BM_TYPE_IPMI = 'ipmi'
BM_TYPE_REDFISH = 'redfish'
BM_TYPES = (BM_TYPE_NONE, BM_TYPE_DYNAMIC, BM_TYPE_IPMI, BM_TYPE_REDFISH)

# -- host defaults ------------------------------------------------------------
RECORDTYPE_STANDARD = 'standard'
CLOCK_SYNCHRONIZATION_NTP = 'ntp'
CLOCK_SYNCHRONIZATION_PTP = 'ptp'
CLOCK_SYNCHRONIZATIONS = (CLOCK_SYNCHRONIZATION_NTP,
                          CLOCK_SYNCHRONIZATION_PTP)
DEFAULT_BOOT_DEVICE = '/dev/sda'
DEFAULT_ROOTFS_DEVICE = '/dev/sda'
DEFAULT_HW_SETTLE = '0'
DEFAULT_INSTALL_OUTPUT = 'text'
DEFAULT_CONSOLE = 'ttyS0,115200'
INSTALL_OUTPUTS = ('text', 'graphical')
APPARMOR_ENABLED = 'enabled'
APPARMOR_DISABLED = 'disabled'

# Virtual capability the API adds to controllers.
CAPABILITY_PERSONALITY = 'Personality'
CONTROLLER_ACTIVE = 'Controller-Active'
CONTROLLER_STANDBY = 'Controller-Standby'
CAPABILITY_STOR_FUNCTION = 'stor_function'

# Who patches hosts besides users (StarlingX recognises them by the
# User-Agent prefix).
ORIGIN_MTCE = 'mtce'
ORIGIN_VIM = 'vim'
ORIGINS = (ORIGIN_MTCE, ORIGIN_VIM)
