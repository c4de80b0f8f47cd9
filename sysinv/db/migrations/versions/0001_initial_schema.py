"""sysinv's initial schema: the system, hosts, hardware inventory, logical
interfaces, networks and addresses, DNS/NTP, service parameters, labels.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def _row(table):
    """id, uuid (unique) and the timestamps every table has."""
    return [sa.Column('id', sa.Integer, primary_key=True),
            sa.Column('uuid', sa.String(36), nullable=False),
            sa.Column('created_at', sa.DateTime),
            sa.Column('updated_at', sa.DateTime),
            _uniq(table, 'uuid')]


def _uniq(table, *columns):
    return sa.UniqueConstraint(
        *columns, name='uniq_%s0%s' % (table, '0'.join(columns)))


def _fk(target, ondelete='CASCADE'):
    return sa.ForeignKey(target, ondelete=ondelete)


def _str(name, length=255, **kwargs):
    return sa.Column(name, sa.String(length), **kwargs)


def _int(name, **kwargs):
    return sa.Column(name, sa.Integer, **kwargs)


def _bool(name):
    return sa.Column(name, sa.Boolean)


def _json(name):
    return sa.Column(name, sa.Text)


def _host_fk(name='forihostid'):
    return sa.Column(name, sa.Integer, _fk('i_host.id'), nullable=False)


def _system_tables():
    op.create_table(
        'i_system', *_row('i_system'),
        _str('name'), _str('system_type'), _str('system_mode'),
        _str('description'), _json('capabilities'), _str('contact'),
        _str('location'), _str('latitude', 30), _str('longitude', 30),
        _int('services'), _str('software_version'), _str('timezone'),
        _str('security_profile'), _str('region_name'),
        _str('service_project_name'), _str('distributed_cloud_role'),
        _str('security_feature'),
        _uniq('i_system', 'name'))
    for table, column in (('i_dns', 'nameservers'), ('i_ntp', 'ntpservers')):
        op.create_table(
            table, *_row(table), _str(column),
            sa.Column('forisystemid', sa.Integer, _fk('i_system.id'),
                      nullable=False))
    op.create_table(
        'service_parameter', *_row('service_parameter'),
        _str('service', 16, nullable=False),
        _str('section', nullable=False), _str('name', nullable=False),
        _str('value', 4096), _str('personality'), _str('resource'),
        sa.UniqueConstraint('service', 'section', 'name', 'personality',
                            'resource',
                            name='uniq_service_parameter0service0section0'
                                 'name'))


def _host_tables():
    op.create_table(
        'i_host', *_row('i_host'),
        _str('hostname'), _str('recordtype'), _bool('reserved'),
        _str('invprovision'), _str('mgmt_mac'), _str('personality'),
        _str('subfunctions'), _str('subfunction_oper'),
        _str('subfunction_avail'), _str('serialid'), _json('location'),
        _str('administrative'), _str('operational'), _str('availability'),
        _str('action'), _str('ihost_action'), _str('inv_state'),
        _str('action_state'), _str('mtce_info'), _str('vim_progress_status'),
        _str('task', 64), _int('uptime'), _json('capabilities'),
        _str('config_status'), _str('config_applied'), _str('config_target'),
        _str('install_state'), _str('install_state_info'),
        _str('iscsi_initiator_name', 64), _str('nvme_host_id', 36),
        _str('nvme_host_nqn', 224), _str('bm_ip'), _str('bm_mac'),
        _str('bm_type'), _str('bm_username'), _str('boot_device'),
        _str('rootfs_device'), _str('hw_settle', 4), _str('install_output'),
        _str('console'), _str('tboot', 64), _str('vsc_controllers'),
        _bool('ttys_dcd'), _str('sw_version', 128),
        _str('clock_synchronization', 32), _str('device_image_update', 64),
        _bool('reboot_needed'), _str('max_cpu_mhz_configured', 64),
        _str('min_cpu_mhz_allowed', 64), _str('max_cpu_mhz_allowed', 64),
        _str('cstates_available'), _str('apparmor', 64),
        _str('apparmor_config_status', 64), _str('kernel_running', 64),
        _str('kernel_config_status', 64), _int('peer_id'),
        sa.Column('forisystemid', sa.Integer, _fk('i_system.id')),
        _uniq('i_host', 'hostname'), _uniq('i_host', 'mgmt_mac'))
    op.create_index('ix_i_host_personality', 'i_host', ['personality'])
    op.create_table(
        'label', *_row('label'), _host_fk('host_id'),
        _str('label_key', 384), _str('label_value', 128),
        _uniq('label', 'host_id', 'label_key'))


def _hardware_tables():
    op.create_table(
        'i_node', *_row('i_node'), _int('numa_node'),
        _json('capabilities'), _host_fk(),
        _uniq('i_node', 'numa_node', 'forihostid'))
    op.create_table(
        'i_icpu', *_row('i_icpu'), _int('cpu'), _int('core'),
        _int('thread'), _str('cpu_family'), _str('cpu_model'),
        _str('allocated_function'), _json('capabilities'), _host_fk(),
        sa.Column('forinodeid', sa.Integer, _fk('i_node.id')),
        _uniq('i_icpu', 'cpu', 'forihostid'))
    op.create_table(
        'i_imemory', *_row('i_imemory'),
        *[_int(name) for name in (
            'memtotal_mib', 'memavail_mib', 'platform_reserved_mib',
            'node_memtotal_mib')],
        _bool('hugepages_configured'),
        *[_int(name) for name in (
            'vswitch_hugepages_size_mib', 'vswitch_hugepages_reqd',
            'vswitch_hugepages_nr', 'vswitch_hugepages_avail')],
        _str('vm_pending_as_percentage', 32),
        *[_int(name) for name in (
            'vm_hugepages_nr_2M_pending', 'vm_hugepages_nr_1G_pending',
            'vm_hugepages_nr_2M', 'vm_hugepages_nr_1G', 'vm_hugepages_nr_4K',
            'vm_hugepages_avail_2M', 'vm_hugepages_avail_1G',
            'vm_hugepages_2M_percentage', 'vm_hugepages_1G_percentage')],
        _bool('vm_hugepages_use_1G'),
        _int('vm_hugepages_possible_2M'), _int('vm_hugepages_possible_1G'),
        _int('minimum_platform_reserved_mib'), _json('capabilities'),
        _host_fk(), sa.Column('forinodeid', sa.Integer, _fk('i_node.id')),
        _uniq('i_imemory', 'forihostid', 'forinodeid'))
    op.create_table(
        'i_idisk', *_row('i_idisk'), _str('device_node'),
        _int('device_num'), _str('device_type'), _str('device_id'),
        _str('device_path'), _str('device_wwn'), _int('size_mib'),
        _int('available_mib'), _str('rpm'), _str('serial_id'),
        _json('capabilities'), _host_fk(), _int('foristorid'),
        _int('foripvid'),
        _uniq('i_idisk', 'device_path', 'forihostid'))
    op.create_table(
        'partition', *_row('partition'), _int('start_mib'), _int('end_mib'),
        _int('size_mib'), _str('device_node', 64), _str('device_path'),
        _str('type_guid', 36), _str('type_name', 64), _int('status'),
        _json('capabilities'),
        sa.Column('idisk_id', sa.Integer, _fk('i_idisk.id'),
                  nullable=False),
        _str('idisk_uuid', 36), _int('foripvid'), _host_fk(),
        _uniq('partition', 'device_path', 'forihostid'))
    op.create_table(
        'pci_devices', *_row('pci_devices'), _host_fk('host_id'),
        _str('name'), _str('pciaddr'), _str('pclass_id', 6),
        _str('pvendor_id', 4), _str('pdevice_id', 4), _str('pclass'),
        _str('pvendor'), _str('pdevice'), _str('psvendor'), _str('psdevice'),
        _int('numa_node'), _int('sriov_totalvfs'), _int('sriov_numvfs'),
        _str('sriov_vfs_pci_address', 1020), _str('sriov_vf_driver'),
        _str('sriov_vf_pdevice_id'), _str('driver'), _bool('enabled'),
        sa.Column('extra_info', sa.Text),
        _uniq('pci_devices', 'pciaddr', 'host_id'))


def _subtype(table, parent, *columns):
    op.create_table(
        table,
        sa.Column('id', sa.Integer, _fk(parent + '.id'), primary_key=True),
        *columns)


def _interface_tables():
    op.create_table(
        'interfaces', *_row('interfaces'), _host_fk(), _str('iftype'),
        _str('ifname'), _str('ifclass'), _json('ifcapabilities'),
        _json('farend'), _int('sriov_numvfs'), _str('sriov_vf_driver'),
        _str('sriov_vf_pdevice_id'), _str('ptp_role'), _int('max_tx_rate'),
        _int('max_rx_rate'), _str('ovs_access'), _int('channels'),
        _int('sriov_vf_channels'),
        _uniq('interfaces', 'ifname', 'forihostid'))
    _subtype('ethernet_interfaces', 'interfaces', _str('imac'),
             _int('imtu'))
    _subtype('ae_interfaces', 'interfaces', _str('aemode'), _json('aedict'),
             _str('txhashpolicy'), _str('schedpolicy'),
             _str('primary_reselect'), _str('imac'), _int('imtu'))
    _subtype('vlan_interfaces', 'interfaces', _int('vlan_id'),
             _str('vlan_type'), _str('imac'), _int('imtu'))
    _subtype('virtual_interfaces', 'interfaces', _str('imac'), _int('imtu'))
    _subtype('vf_interfaces', 'interfaces', _str('imac'), _int('imtu'))
    op.create_table(
        'interfaces_to_interfaces',
        sa.Column('used_by_id', sa.Integer, _fk('interfaces.id'),
                  primary_key=True),
        sa.Column('uses_id', sa.Integer, _fk('interfaces.id'),
                  primary_key=True))
    op.create_table(
        'ports', *_row('ports'), _host_fk('host_id'),
        sa.Column('node_id', sa.Integer, _fk('i_node.id', 'SET NULL')),
        sa.Column('interface_id', sa.Integer,
                  _fk('interfaces.id', 'SET NULL')),
        _str('type'), _str('name'), _str('namedisplay'), _str('pciaddr'),
        _int('dev_id'), _str('pclass'), _str('pvendor'), _str('pdevice'),
        _str('psvendor'), _str('psdevice'), _bool('dpdksupport'),
        _int('numa_node'), _int('sriov_totalvfs'), _int('sriov_numvfs'),
        _str('sriov_vfs_pci_address', 1020), _str('sriov_vf_driver'),
        _str('sriov_vf_pdevice_id'), _str('driver'), _json('capabilities'),
        _uniq('ports', 'pciaddr', 'dev_id', 'host_id'))
    _subtype('ethernet_ports', 'ports', _str('mac'), _int('mtu'),
             _int('speed'), _str('link_mode'), _str('duplex'),
             _str('autoneg'), _str('bootp'), _int('numchannels'),
             _int('maxchannels'), _int('sriov_vf_numchannels'),
             _int('sriov_vf_maxchannels'))


_POOL_ADDRESSES = ('controller0', 'controller1', 'floating', 'gateway')


def _network_tables():
    # The pool -> reserved address references are added once addresses
    # exist (the two tables reference each other).
    op.create_table(
        'address_pools', *_row('address_pools'),
        _str('name', 128, nullable=False),
        _int('family', nullable=False), _str('network', 50, nullable=False),
        _int('prefix', nullable=False), _str('order', 32, nullable=False),
        *[_int('%s_address_id' % name) for name in _POOL_ADDRESSES],
        _uniq('address_pools', 'name'))
    op.create_table(
        'address_pool_ranges', *_row('address_pool_ranges'),
        _str('start', 50, nullable=False), _str('end', 50, nullable=False),
        sa.Column('address_pool_id', sa.Integer, _fk('address_pools.id'),
                  nullable=False))
    op.create_table(
        'addresses', *_row('addresses'), _int('family', nullable=False),
        _str('address', 50, nullable=False), _int('prefix', nullable=False),
        _bool('enable_dad'), _str('name'),
        sa.Column('interface_id', sa.Integer,
                  _fk('interfaces.id', 'SET NULL')),
        sa.Column('address_pool_id', sa.Integer, _fk('address_pools.id')),
        _uniq('addresses', 'family', 'address', 'interface_id'))
    op.create_index('ix_addresses_name', 'addresses', ['name'])
    with op.batch_alter_table('address_pools') as batch:
        for name in _POOL_ADDRESSES:
            batch.create_foreign_key(
                'fk_address_pools_%s' % name, 'addresses',
                ['%s_address_id' % name], ['id'], ondelete='SET NULL')
    op.create_table(
        'address_modes', *_row('address_modes'),
        _int('family', nullable=False), _str('mode', 32, nullable=False),
        sa.Column('interface_id', sa.Integer, _fk('interfaces.id'),
                  nullable=False),
        sa.Column('address_pool_id', sa.Integer,
                  _fk('address_pools.id', 'SET NULL')),
        _uniq('address_modes', 'family', 'interface_id'))
    op.create_table(
        'networks', *_row('networks'), _str('type', nullable=False),
        _str('name', nullable=False),
        sa.Column('dynamic', sa.Boolean, nullable=False),
        sa.Column('address_pool_id', sa.Integer,
                  sa.ForeignKey('address_pools.id')),
        _str('primary_pool_family', 4),
        _uniq('networks', 'type'), _uniq('networks', 'name'))
    op.create_table(
        'network_addresspools', *_row('network_addresspools'),
        sa.Column('network_id', sa.Integer, _fk('networks.id'),
                  nullable=False),
        sa.Column('address_pool_id', sa.Integer, _fk('address_pools.id'),
                  nullable=False),
        _uniq('network_addresspools', 'network_id', 'address_pool_id'))
    op.create_table(
        'interface_networks', *_row('interface_networks'),
        sa.Column('interface_id', sa.Integer, _fk('interfaces.id'),
                  nullable=False),
        sa.Column('network_id', sa.Integer, _fk('networks.id'),
                  nullable=False),
        _uniq('interface_networks', 'interface_id', 'network_id'))


def upgrade():
    _system_tables()
    _host_tables()
    _hardware_tables()
    _interface_tables()
    _network_tables()
