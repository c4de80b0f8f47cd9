"""sysinv's tables, with StarlingX's table and column names.

Every table has an integer ``id``, a unique ``uuid`` and timestamps
(joined subtype tables share their parent's row). Unique constraints are
named ``uniq_<table>0<column>[0<column>...]`` (oslo.db's convention).
Dict-valued columns are JSON text (:class:`JSONEncodedDict`). Ports and
interfaces use joined-table inheritance as in StarlingX: ``ports`` +
``ethernet_ports`` (discriminator ``type``), ``interfaces`` +
``ethernet_interfaces`` / ``ae_interfaces`` / ``vlan_interfaces`` /
``virtual_interfaces`` / ``vf_interfaces`` (discriminator ``iftype``).
"""
import json

import sqlalchemy as sa
from sqlalchemy import orm

from stx_common.db import models
from sysinv.common import constants, states

Base = models.declarative_base()
new_uuid = models.new_uuid


class JSONEncodedDict(sa.types.TypeDecorator):
    """A dict stored as JSON text (StarlingX's JSONEncodedDict)."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else json.dumps(value)

    def process_result_value(self, value, dialect):
        return None if value is None else json.loads(value)


def _uniq(table, *columns):
    return sa.UniqueConstraint(
        *columns, name='uniq_%s0%s' % (table, '0'.join(columns)))


def _fk(target, ondelete='CASCADE'):
    return sa.ForeignKey(target, ondelete=ondelete)


def _str(length=255, **kwargs):
    return sa.Column(sa.String(length), **kwargs)


def _int(**kwargs):
    return sa.Column(sa.Integer, **kwargs)


def _bool(**kwargs):
    return sa.Column(sa.Boolean, **kwargs)


def _json(**kwargs):
    return sa.Column(JSONEncodedDict, **kwargs)


class _Row(models.TimestampMixin):
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, default=new_uuid)


# -- the system ---------------------------------------------------------------
class System(Base, _Row):
    __tablename__ = 'i_system'
    __table_args__ = (_uniq('i_system', 'uuid'), _uniq('i_system', 'name'))

    name = _str()
    system_type = _str()
    system_mode = _str()
    description = _str()
    capabilities = _json()
    contact = _str()
    location = _str()
    latitude = _str(30)
    longitude = _str(30)
    services = _int(default=constants.SYSTEM_SERVICES_DEFAULT)
    software_version = _str()
    timezone = _str()
    security_profile = _str()
    region_name = _str(default=constants.DEFAULT_REGION_NAME)
    service_project_name = _str(
        default=constants.DEFAULT_SERVICE_PROJECT_NAME)
    distributed_cloud_role = _str()
    security_feature = _str()


class DNS(Base, _Row):
    __tablename__ = 'i_dns'
    __table_args__ = (_uniq('i_dns', 'uuid'),)

    nameservers = _str()
    forisystemid = sa.Column(sa.Integer, _fk('i_system.id'), nullable=False)


class NTP(Base, _Row):
    __tablename__ = 'i_ntp'
    __table_args__ = (_uniq('i_ntp', 'uuid'),)

    ntpservers = _str()
    forisystemid = sa.Column(sa.Integer, _fk('i_system.id'), nullable=False)


class ServiceParameter(Base, _Row):
    __tablename__ = 'service_parameter'
    __table_args__ = (
        _uniq('service_parameter', 'uuid'),
        sa.UniqueConstraint('service', 'section', 'name', 'personality',
                            'resource',
                            name='uniq_service_parameter0service0section0'
                                 'name'),
    )

    service = _str(16, nullable=False)
    section = _str(nullable=False)
    name = _str(nullable=False)
    value = _str(4096)
    personality = _str()
    resource = _str()


# -- hosts --------------------------------------------------------------------
class Host(Base, _Row):
    __tablename__ = 'i_host'
    __table_args__ = (
        _uniq('i_host', 'uuid'), _uniq('i_host', 'hostname'),
        _uniq('i_host', 'mgmt_mac'),
        sa.Index('ix_i_host_personality', 'personality'),
    )

    hostname = _str()
    recordtype = _str(default=constants.RECORDTYPE_STANDARD)
    reserved = _bool(default=False)
    invprovision = _str()
    mgmt_mac = _str()
    personality = _str()
    subfunctions = _str()
    subfunction_oper = _str(default=states.OPERATIONAL_DISABLED)
    subfunction_avail = _str(default=states.AVAILABILITY_NOT_INSTALLED)
    serialid = _str()
    location = _json()
    administrative = _str(default=states.ADMIN_LOCKED)
    operational = _str(default=states.OPERATIONAL_DISABLED)
    availability = _str(default=states.AVAILABILITY_OFFLINE)
    action = _str(default=states.NONE_ACTION)
    ihost_action = _str()
    inv_state = _str()
    action_state = _str()
    mtce_info = _str()
    vim_progress_status = _str()
    task = _str(64)
    uptime = _int(default=0)
    capabilities = _json()
    config_status = _str()
    config_applied = _str()
    config_target = _str()
    install_state = _str()
    install_state_info = _str()
    iscsi_initiator_name = _str(64)
    nvme_host_id = _str(36)
    nvme_host_nqn = _str(224)
    bm_ip = _str()
    bm_mac = _str()
    bm_type = _str()
    bm_username = _str()
    boot_device = _str(default=constants.DEFAULT_BOOT_DEVICE)
    rootfs_device = _str(default=constants.DEFAULT_ROOTFS_DEVICE)
    hw_settle = _str(4, default=constants.DEFAULT_HW_SETTLE)
    install_output = _str(default=constants.DEFAULT_INSTALL_OUTPUT)
    console = _str(default=constants.DEFAULT_CONSOLE)
    tboot = _str(64)
    vsc_controllers = _str()
    ttys_dcd = _bool()
    sw_version = _str(128)
    clock_synchronization = _str(
        32, default=constants.CLOCK_SYNCHRONIZATION_NTP)
    device_image_update = _str(64)
    reboot_needed = _bool(default=False)
    max_cpu_mhz_configured = _str(64)
    min_cpu_mhz_allowed = _str(64)
    max_cpu_mhz_allowed = _str(64)
    cstates_available = _str()
    apparmor = _str(64, default=constants.APPARMOR_DISABLED)
    apparmor_config_status = _str(64)
    kernel_running = _str(64)
    kernel_config_status = _str(64)
    peer_id = _int()
    forisystemid = sa.Column(sa.Integer, _fk('i_system.id'))


class Label(Base, _Row):
    __tablename__ = 'label'
    __table_args__ = (_uniq('label', 'uuid'),
                      _uniq('label', 'host_id', 'label_key'))

    host_id = sa.Column(sa.Integer, _fk('i_host.id'), nullable=False)
    label_key = _str(384)
    label_value = _str(128)


# -- hardware inventory -------------------------------------------------------
class Node(Base, _Row):
    __tablename__ = 'i_node'
    __table_args__ = (_uniq('i_node', 'uuid'),
                      _uniq('i_node', 'numa_node', 'forihostid'))

    numa_node = _int()
    capabilities = _json()
    forihostid = sa.Column(sa.Integer, _fk('i_host.id'), nullable=False)


class CPU(Base, _Row):
    __tablename__ = 'i_icpu'
    __table_args__ = (_uniq('i_icpu', 'uuid'),
                      _uniq('i_icpu', 'cpu', 'forihostid'))

    cpu = _int()
    core = _int()
    thread = _int()
    cpu_family = _str()
    cpu_model = _str()
    allocated_function = _str()
    capabilities = _json()
    forihostid = sa.Column(sa.Integer, _fk('i_host.id'), nullable=False)
    forinodeid = sa.Column(sa.Integer, _fk('i_node.id'))


class Memory(Base, _Row):
    __tablename__ = 'i_imemory'
    __table_args__ = (_uniq('i_imemory', 'uuid'),
                      _uniq('i_imemory', 'forihostid', 'forinodeid'))

    memtotal_mib = _int()
    memavail_mib = _int()
    platform_reserved_mib = _int()
    node_memtotal_mib = _int()
    hugepages_configured = _bool(default=False)
    vswitch_hugepages_size_mib = _int()
    vswitch_hugepages_reqd = _int()
    vswitch_hugepages_nr = _int()
    vswitch_hugepages_avail = _int()
    vm_pending_as_percentage = _str(32)
    vm_hugepages_nr_2M_pending = _int()
    vm_hugepages_nr_1G_pending = _int()
    vm_hugepages_nr_2M = _int()
    vm_hugepages_nr_1G = _int()
    vm_hugepages_nr_4K = _int()
    vm_hugepages_avail_2M = _int()
    vm_hugepages_avail_1G = _int()
    vm_hugepages_2M_percentage = _int()
    vm_hugepages_1G_percentage = _int()
    vm_hugepages_use_1G = _bool()
    vm_hugepages_possible_2M = _int()
    vm_hugepages_possible_1G = _int()
    minimum_platform_reserved_mib = _int()
    capabilities = _json()
    forihostid = sa.Column(sa.Integer, _fk('i_host.id'), nullable=False)
    forinodeid = sa.Column(sa.Integer, _fk('i_node.id'))


class Disk(Base, _Row):
    __tablename__ = 'i_idisk'
    __table_args__ = (_uniq('i_idisk', 'uuid'),
                      _uniq('i_idisk', 'device_path', 'forihostid'))

    device_node = _str()
    device_num = _int()
    device_type = _str()
    device_id = _str()
    device_path = _str()
    device_wwn = _str()
    size_mib = _int()
    available_mib = _int()
    rpm = _str()
    serial_id = _str()
    capabilities = _json()
    forihostid = sa.Column(sa.Integer, _fk('i_host.id'), nullable=False)
    foristorid = _int()
    foripvid = _int()


class Partition(Base, _Row):
    __tablename__ = 'partition'
    __table_args__ = (_uniq('partition', 'uuid'),
                      _uniq('partition', 'device_path', 'forihostid'))

    start_mib = _int()
    end_mib = _int()
    size_mib = _int()
    device_node = _str(64)
    device_path = _str()
    type_guid = _str(36)
    type_name = _str(64)
    status = _int()
    capabilities = _json()
    idisk_id = sa.Column(sa.Integer, _fk('i_idisk.id'), nullable=False)
    idisk_uuid = _str(36)
    foripvid = _int()
    forihostid = sa.Column(sa.Integer, _fk('i_host.id'), nullable=False)


class Port(Base, _Row):
    __tablename__ = 'ports'
    __table_args__ = (_uniq('ports', 'uuid'),
                      _uniq('ports', 'pciaddr', 'dev_id', 'host_id'))

    host_id = sa.Column(sa.Integer, _fk('i_host.id'), nullable=False)
    node_id = sa.Column(sa.Integer, _fk('i_node.id', 'SET NULL'))
    interface_id = sa.Column(sa.Integer, _fk('interfaces.id', 'SET NULL'))
    type = _str()
    name = _str()
    namedisplay = _str()
    pciaddr = _str()
    dev_id = _int()
    pclass = _str()
    pvendor = _str()
    pdevice = _str()
    psvendor = _str()
    psdevice = _str()
    dpdksupport = _bool(default=False)
    numa_node = _int()
    sriov_totalvfs = _int()
    sriov_numvfs = _int()
    sriov_vfs_pci_address = _str(1020)
    sriov_vf_driver = _str()
    sriov_vf_pdevice_id = _str()
    driver = _str()
    capabilities = _json()

    __mapper_args__ = {'polymorphic_on': type,
                       'polymorphic_identity': 'port'}


class EthernetPort(Port):
    __tablename__ = 'ethernet_ports'

    id = sa.Column(sa.Integer, _fk('ports.id'), primary_key=True)
    mac = _str()
    mtu = _int()
    speed = _int()
    link_mode = _str()
    duplex = _str()
    autoneg = _str()
    bootp = _str()
    numchannels = _int()
    maxchannels = _int()
    sriov_vf_numchannels = _int()
    sriov_vf_maxchannels = _int()

    __mapper_args__ = {'polymorphic_identity': 'ethernet'}


class PciDevice(Base, _Row):
    __tablename__ = 'pci_devices'
    __table_args__ = (_uniq('pci_devices', 'uuid'),
                      _uniq('pci_devices', 'pciaddr', 'host_id'))

    host_id = sa.Column(sa.Integer, _fk('i_host.id'), nullable=False)
    name = _str()
    pciaddr = _str()
    pclass_id = _str(6)
    pvendor_id = _str(4)
    pdevice_id = _str(4)
    pclass = _str()
    pvendor = _str()
    pdevice = _str()
    psvendor = _str()
    psdevice = _str()
    numa_node = _int()
    sriov_totalvfs = _int()
    sriov_numvfs = _int()
    sriov_vfs_pci_address = _str(1020)
    sriov_vf_driver = _str()
    sriov_vf_pdevice_id = _str()
    driver = _str()
    enabled = _bool(default=True)
    extra_info = sa.Column(sa.Text)


# -- logical interfaces -------------------------------------------------------
interfaces_to_interfaces = sa.Table(
    'interfaces_to_interfaces', Base.metadata,
    sa.Column('used_by_id', sa.Integer, _fk('interfaces.id'),
              primary_key=True),
    sa.Column('uses_id', sa.Integer, _fk('interfaces.id'),
              primary_key=True),
)


class Interface(Base, _Row):
    __tablename__ = 'interfaces'
    __table_args__ = (_uniq('interfaces', 'uuid'),
                      _uniq('interfaces', 'ifname', 'forihostid'))

    forihostid = sa.Column(sa.Integer, _fk('i_host.id'), nullable=False)
    iftype = _str()
    ifname = _str()
    ifclass = _str()
    ifcapabilities = _json()
    farend = _json()
    sriov_numvfs = _int()
    sriov_vf_driver = _str()
    sriov_vf_pdevice_id = _str()
    ptp_role = _str(default='none')
    max_tx_rate = _int()
    max_rx_rate = _int()
    ovs_access = _str()
    channels = _int()
    sriov_vf_channels = _int()

    uses = orm.relationship(
        'Interface', secondary=interfaces_to_interfaces,
        primaryjoin=lambda: (Interface.id ==
                             interfaces_to_interfaces.c.used_by_id),
        secondaryjoin=lambda: (Interface.id ==
                               interfaces_to_interfaces.c.uses_id),
        backref='used_by', lazy='selectin')

    __mapper_args__ = {'polymorphic_on': iftype,
                       'polymorphic_identity': 'interface'}


class EthernetInterface(Interface):
    __tablename__ = 'ethernet_interfaces'

    id = sa.Column(sa.Integer, _fk('interfaces.id'), primary_key=True)
    imac = _str()
    imtu = _int()

    __mapper_args__ = {'polymorphic_identity': 'ethernet'}


class AeInterface(Interface):
    __tablename__ = 'ae_interfaces'

    id = sa.Column(sa.Integer, _fk('interfaces.id'), primary_key=True)
    aemode = _str()
    aedict = _json()
    txhashpolicy = _str()
    schedpolicy = _str()
    primary_reselect = _str()
    imac = _str()
    imtu = _int()

    __mapper_args__ = {'polymorphic_identity': 'ae'}


class VlanInterface(Interface):
    __tablename__ = 'vlan_interfaces'

    id = sa.Column(sa.Integer, _fk('interfaces.id'), primary_key=True)
    vlan_id = _int()
    vlan_type = _str()
    imac = _str()
    imtu = _int()

    __mapper_args__ = {'polymorphic_identity': 'vlan'}


class VirtualInterface(Interface):
    __tablename__ = 'virtual_interfaces'

    id = sa.Column(sa.Integer, _fk('interfaces.id'), primary_key=True)
    imac = _str()
    imtu = _int()

    __mapper_args__ = {'polymorphic_identity': 'virtual'}


class SriovVFInterface(Interface):
    __tablename__ = 'vf_interfaces'

    id = sa.Column(sa.Integer, _fk('interfaces.id'), primary_key=True)
    imac = _str()
    imtu = _int()

    __mapper_args__ = {'polymorphic_identity': 'vf'}


# -- networks and addresses ---------------------------------------------------
class AddressPool(Base, _Row):
    __tablename__ = 'address_pools'
    __table_args__ = (_uniq('address_pools', 'uuid'),
                      _uniq('address_pools', 'name'))

    name = _str(128, nullable=False)
    family = _int(nullable=False)
    network = _str(50, nullable=False)
    prefix = _int(nullable=False)
    order = _str(32, nullable=False, default='random')
    controller0_address_id = sa.Column(
        sa.Integer, sa.ForeignKey('addresses.id', ondelete='SET NULL',
                                  use_alter=True,
                                  name='fk_address_pools_controller0'))
    controller1_address_id = sa.Column(
        sa.Integer, sa.ForeignKey('addresses.id', ondelete='SET NULL',
                                  use_alter=True,
                                  name='fk_address_pools_controller1'))
    floating_address_id = sa.Column(
        sa.Integer, sa.ForeignKey('addresses.id', ondelete='SET NULL',
                                  use_alter=True,
                                  name='fk_address_pools_floating'))
    gateway_address_id = sa.Column(
        sa.Integer, sa.ForeignKey('addresses.id', ondelete='SET NULL',
                                  use_alter=True,
                                  name='fk_address_pools_gateway'))


class AddressPoolRange(Base, _Row):
    __tablename__ = 'address_pool_ranges'
    __table_args__ = (_uniq('address_pool_ranges', 'uuid'),)

    start = _str(50, nullable=False)
    end = _str(50, nullable=False)
    address_pool_id = sa.Column(sa.Integer, _fk('address_pools.id'),
                                nullable=False)


class Address(Base, _Row):
    __tablename__ = 'addresses'
    __table_args__ = (
        _uniq('addresses', 'uuid'),
        _uniq('addresses', 'family', 'address', 'interface_id'),
        sa.Index('ix_addresses_name', 'name'),
    )

    family = _int(nullable=False)
    address = _str(50, nullable=False)
    prefix = _int(nullable=False)
    enable_dad = _bool(default=True)
    name = _str()
    interface_id = sa.Column(sa.Integer, _fk('interfaces.id', 'SET NULL'))
    address_pool_id = sa.Column(sa.Integer, _fk('address_pools.id'))


class AddressMode(Base, _Row):
    __tablename__ = 'address_modes'
    __table_args__ = (_uniq('address_modes', 'uuid'),
                      _uniq('address_modes', 'family', 'interface_id'))

    family = _int(nullable=False)
    mode = _str(32, nullable=False)
    interface_id = sa.Column(sa.Integer, _fk('interfaces.id'),
                             nullable=False)
    address_pool_id = sa.Column(sa.Integer,
                                _fk('address_pools.id', 'SET NULL'))


class Network(Base, _Row):
    __tablename__ = 'networks'
    __table_args__ = (_uniq('networks', 'uuid'), _uniq('networks', 'type'),
                      _uniq('networks', 'name'))

    type = _str(nullable=False)
    name = _str(nullable=False)
    dynamic = _bool(nullable=False, default=True)
    address_pool_id = sa.Column(sa.Integer,
                                sa.ForeignKey('address_pools.id'))
    primary_pool_family = _str(4)


class NetworkAddressPool(Base, _Row):
    __tablename__ = 'network_addresspools'
    __table_args__ = (
        _uniq('network_addresspools', 'uuid'),
        _uniq('network_addresspools', 'network_id', 'address_pool_id'),
    )

    network_id = sa.Column(sa.Integer, _fk('networks.id'), nullable=False)
    address_pool_id = sa.Column(sa.Integer, _fk('address_pools.id'),
                                nullable=False)


class InterfaceNetwork(Base, _Row):
    __tablename__ = 'interface_networks'
    __table_args__ = (
        _uniq('interface_networks', 'uuid'),
        _uniq('interface_networks', 'interface_id', 'network_id'),
    )

    interface_id = sa.Column(sa.Integer, _fk('interfaces.id'),
                             nullable=False)
    network_id = sa.Column(sa.Integer, _fk('networks.id'), nullable=False)
