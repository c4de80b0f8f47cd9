"""Bootstrap of a site from its site file (``sysinv-bootstrap``).

The site file is YAML with StarlingX's bootstrap keys where they exist:
``system_mode``, ``system_type``, ``name``, ``description``, ``location``,
``contact``, ``latitude``, ``longitude``, ``timezone``, ``region_name``,
``distributed_cloud_role``, ``dns_servers``, ``ntp_servers``,
``<net>_subnet`` / ``<net>_start_address`` / ``<net>_end_address`` /
``<net>_floating_address`` / ``<net>_node_0_address`` /
``<net>_node_1_address`` / ``<net>_gateway_address`` for ``pxeboot``,
``management``, ``cluster_host``, ``external_oam``, plus
``management_multicast_subnet``, ``cluster_pod_subnet``,
``cluster_service_subnet`` and ``management_dynamic_address_allocation``
/ ``cluster_host_dynamic_address_allocation``. The first controller is
described by ``controller_0`` (``mgmt_mac``, ``bm_type``, ``bm_ip``,
``bm_username``, ``boot_device``, ``rootfs_device``, ``console``,
``install_output``) or found on this machine: the MAC of
``management_interface``, else of the interface of the default route.

:func:`plan` turns the site into the rows to write (pure);
:func:`bootstrap` writes them in one transaction.
"""
import ipaddress
import os

from sysinv import exception
from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.conductor import host_checks, provisioning_checks, system_checks

DEFAULT_DNS_SERVERS = ('8.8.8.8', '8.8.4.4')
DEFAULT_CAPABILITIES = {'sdn_enabled': False, 'shared_services': '[]',
                        'https_enabled': False, 'region_config': False,
                        'vswitch_type': c.VSWITCH_TYPE_NONE,
                        'cinder_backend': 'lvm'}
POOL_ORDER = 'sequential'


class SiteError(exception.ClientSideError):
    """A site file that cannot be bootstrapped."""


# (network type, site key prefix, pool name, default subnet,
#  reserves controller addresses, dynamic by default, index of the first
#  address of the range)
NETWORKS = (
    (c.NETWORK_TYPE_PXEBOOT, 'pxeboot', 'pxeboot', '169.254.202.0/24',
     True, True, 2),
    (c.NETWORK_TYPE_MGMT, 'management', 'management', '192.168.204.0/24',
     True, True, 2),
    (c.NETWORK_TYPE_MULTICAST, 'management_multicast', 'multicast-subnet',
     '239.1.1.0/28', False, False, 1),
    (c.NETWORK_TYPE_CLUSTER_HOST, 'cluster_host', 'cluster-host-subnet',
     '192.168.206.0/24', True, True, 2),
    (c.NETWORK_TYPE_CLUSTER_POD, 'cluster_pod', 'cluster-pod-subnet',
     '172.16.0.0/16', False, False, 1),
    (c.NETWORK_TYPE_CLUSTER_SERVICE, 'cluster_service',
     'cluster-service-subnet', '10.96.0.0/12', False, False, 1),
    (c.NETWORK_TYPE_OAM, 'external_oam', 'oam', '10.10.10.0/24', True,
     False, 1),
)


def _list(site, key, default=()):
    value = site.get(key, default)
    if value is None:
        return []
    if isinstance(value, str):
        value = [v.strip() for v in value.split(',')]
    return [str(v) for v in value if str(v).strip()]


def _address(site, key, subnet, default):
    value = site.get(key)
    if value is None:
        return default
    try:
        address = ipaddress.ip_address(str(value))
    except ValueError:
        raise SiteError(reason='%s: %r is not an IP address'
                        % (key, value)) from None
    if address not in subnet:
        raise SiteError(reason='%s %s is not in %s' % (key, address,
                                                       subnet))
    return address


def _subnet(site, prefix, default):
    key = '%s_subnet' % prefix
    try:
        subnet = ipaddress.ip_network(str(site.get(key) or default))
    except ValueError as exc:
        raise SiteError(reason='%s: %s' % (key, exc)) from None
    if subnet.num_addresses < 8:
        raise SiteError(reason='%s %s is too small' % (key, subnet))
    return subnet


def _network(site, spec, system_mode):
    network_type, prefix, pool_name, default, reserved, dynamic, first = spec
    subnet = _subnet(site, prefix, default)
    start = _address(site, '%s_start_address' % prefix, subnet,
                     subnet[first])
    end = _address(site, '%s_end_address' % prefix, subnet, subnet[-2])
    if start > end:
        raise SiteError(reason='%s_start_address %s is after '
                        '%s_end_address %s' % (prefix, start, prefix, end))
    addresses = {}
    if reserved:
        oam = network_type == c.NETWORK_TYPE_OAM
        floating = _address(site, '%s_floating_address' % prefix, subnet,
                            start + 1 if oam else start)
        names = {'floating': (c.CONTROLLER_HOSTNAME, floating)}
        if not (oam and system_mode == c.SYSTEM_MODE_SIMPLEX):
            names['controller0'] = (c.CONTROLLER_0_HOSTNAME, _address(
                site, '%s_node_0_address' % prefix, subnet, floating + 1))
            names['controller1'] = (c.CONTROLLER_1_HOSTNAME, _address(
                site, '%s_node_1_address' % prefix, subnet, floating + 2))
        gateway = _address(site, '%s_gateway_address' % prefix, subnet,
                           start if oam else None)
        if gateway is not None:
            names['gateway'] = (c.CONTROLLER_GATEWAY, gateway)
        seen = {}
        for kind, (owner, address) in names.items():
            if address in seen:
                raise SiteError(reason='%s: %s is both the %s and the %s '
                                'address' % (prefix, address, seen[address],
                                             kind))
            seen[address] = kind
            addresses[kind] = {'name': '%s-%s' % (owner, network_type),
                               'address': str(address)}
    dynamic_key = '%s_dynamic_address_allocation' % prefix
    return {
        'network': {'type': network_type, 'name': network_type,
                    'dynamic': bool(site.get(dynamic_key, dynamic))},
        'pool': {'name': pool_name, 'family': subnet.version,
                 'network': str(subnet.network_address),
                 'prefix': subnet.prefixlen, 'order': POOL_ORDER},
        'ranges': [[str(start), str(end)]],
        'addresses': addresses,
        'subnet': subnet,
    }


def _check_overlaps(networks):
    for index, first in enumerate(networks):
        for second in networks[index + 1:]:
            a, b = first['subnet'], second['subnet']
            if a.version == b.version and a.overlaps(b):
                raise SiteError(reason='the %s subnet %s overlaps the %s '
                                'subnet %s' % (first['network']['type'], a,
                                               second['network']['type'],
                                               b))


def machine_mac(interface=None, sys_class_net='/sys/class/net'):
    """The MAC of ``interface``, else of the default route's interface,
    else of the first interface with one (this machine's)."""
    def mac_of(name):
        try:
            with open(os.path.join(sys_class_net, name, 'address')) as f:
                value = f.read().strip().lower()
        except OSError:
            return None
        return value if value and value != '00:00:00:00:00:00' else None

    if interface:
        found = mac_of(interface)
        if not found:
            raise SiteError(reason='management_interface %s has no MAC '
                            'address' % interface)
        return found
    candidates = []
    try:
        with open('/proc/net/route') as routes:
            for line in list(routes)[1:]:
                fields = line.split()
                if len(fields) > 1 and fields[1] == '00000000':
                    candidates.append(fields[0])
    except OSError:
        pass
    try:
        candidates += sorted(os.listdir(sys_class_net))
    except OSError:
        pass
    for name in candidates:
        found = mac_of(name)
        if found:
            return found
    raise SiteError(reason='no network interface with a MAC address: give '
                    'controller_0: {mgmt_mac: ...} in the site file')


def _system(site, software_version):
    mode = site.get('system_mode', c.SYSTEM_MODE_SIMPLEX)
    if mode not in c.SYSTEM_MODES:
        raise SiteError(reason='system_mode must be one of %s, not %r'
                        % (', '.join(c.SYSTEM_MODES), mode))
    system_type = site.get('system_type') or (
        c.TIS_AIO_BUILD if mode == c.SYSTEM_MODE_SIMPLEX else
        c.TIS_STD_BUILD)
    if system_type not in c.SYSTEM_TYPES:
        raise SiteError(reason='system_type must be one of %s, not %r'
                        % (', '.join(c.SYSTEM_TYPES), system_type))
    role = site.get('distributed_cloud_role')
    if role not in c.DISTRIBUTED_CLOUD_ROLES + (None,):
        raise SiteError(reason='distributed_cloud_role must be one of %s'
                        % ', '.join(c.DISTRIBUTED_CLOUD_ROLES))
    return {
        'name': str(site.get('name') or c.DEFAULT_SYSTEM_NAME),
        'system_type': system_type, 'system_mode': mode,
        'description': site.get('description'),
        'location': site.get('location'), 'contact': site.get('contact'),
        'latitude': site.get('latitude'),
        'longitude': site.get('longitude'),
        'timezone': site.get('timezone') or c.DEFAULT_TIMEZONE,
        'software_version': str(site.get('software_version') or
                                software_version),
        'region_name': site.get('region_name') or c.DEFAULT_REGION_NAME,
        'service_project_name': c.DEFAULT_SERVICE_PROJECT_NAME,
        'distributed_cloud_role': role,
        'services': c.SYSTEM_SERVICES_DEFAULT,
        'capabilities': dict(DEFAULT_CAPABILITIES),
    }


def plan(site, software_version, mac_finder=machine_mac):
    """The rows a site file leads to (nothing is written).

    :returns: keyword arguments of ``Connection.create_bootstrap``.
    :raises SiteError:
    """
    if not isinstance(site, dict):
        raise SiteError(reason='the site file must be a YAML mapping')
    system = _system(site, software_version)
    system_checks.check_timezone(system['timezone'])
    networks = [_network(site, spec, system['system_mode'])
                for spec in NETWORKS]
    _check_overlaps(networks)
    for network in networks:
        network.pop('subnet')
    controller = dict(site.get('controller_0') or {})
    mac = controller.pop('mgmt_mac', None) or mac_finder(
        site.get('management_interface'))
    host = {
        'hostname': c.CONTROLLER_0_HOSTNAME, 'personality': c.CONTROLLER,
        'subfunctions': provisioning_checks.default_subfunctions(
            c.CONTROLLER, system),
        'mgmt_mac': host_checks.normalize_mac(mac),
        'administrative': s.ADMIN_LOCKED,
        'operational': s.OPERATIONAL_DISABLED,
        'availability': s.AVAILABILITY_OFFLINE,
        'sw_version': system['software_version'],
        'capabilities': {}, 'location': {},
    }
    for key in ('boot_device', 'rootfs_device', 'console', 'install_output'):
        if controller.get(key):
            host[key] = str(controller[key])
    bm = {k: controller.get(k) for k in ('bm_type', 'bm_ip', 'bm_username')}
    host.update(provisioning_checks.check_board_management(
        {}, dict(bm, hostname=c.CONTROLLER_0_HOSTNAME),
        {k for k, v in bm.items() if v}, []))
    return {'system': system,
            'dns': ','.join(_list(site, 'dns_servers',
                                  DEFAULT_DNS_SERVERS)),
            'ntp': ','.join(_list(site, 'ntp_servers')),
            'networks': networks, 'host': host}


def bootstrap(dbapi, site, software_version, mac_finder=machine_mac):
    """Write the site; {'system': row, 'host': row}.

    :raises AlreadyBootstrapped: a system row exists (nothing written).
    :raises SiteError: the site file is wrong (nothing written).
    """
    current = dbapi.find_system()
    if current is not None:
        raise exception.AlreadyBootstrapped(name=current['name'],
                                            uuid=current['uuid'])
    return dbapi.create_bootstrap(**plan(site, software_version,
                                         mac_finder))
