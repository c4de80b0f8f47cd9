"""Semantic rules of networks, address pools, network_addresspools and
interface_networks: pure functions, StarlingX's messages and statuses
(``network.py``, ``address_pool.py``, ``network_addrpool.py``,
``interface_network.py`` and the ``Conflict`` errors of its
``exception.py``, which answer 409).

Inputs are plain dicts (rows of :mod:`sysinv.db.api.addressing` and
:mod:`sysinv.db.api.interfaces`); refusals go through
:mod:`sysinv.conductor.refusals`.
"""
import netaddr

from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.conductor import interface_rules as ifrules
from sysinv.conductor.refusals import conflict, refuse

SEQUENTIAL = 'sequential'
RANDOM = 'random'
ORDERS = (SEQUENTIAL, RANDOM)
RESERVED_KINDS = ('floating', 'controller0', 'controller1', 'gateway')
KIND_LABELS = {'floating': 'Floating', 'controller0': 'Controller-0',
               'controller1': 'Controller-1', 'gateway': 'Gateway'}

# Types whose network gets floating/controller-0/controller-1 addresses.
CONTROLLER_ADDRESS_TYPES = (
    c.NETWORK_TYPE_MGMT, c.NETWORK_TYPE_PXEBOOT,
    c.NETWORK_TYPE_CLUSTER_HOST, c.NETWORK_TYPE_IRONIC,
    c.NETWORK_TYPE_STORAGE, c.NETWORK_TYPE_ADMIN)
GATEWAY_TYPES = (c.NETWORK_TYPE_MGMT, c.NETWORK_TYPE_ADMIN,
                 c.NETWORK_TYPE_OAM)
MULTICAST_NAMES = ('sm-mgmt', 'mtce-mgmt', 'patch-controller',
                   'patch-agent')
# Not deletable once the first controller is provisioned.
PROTECTED_TYPES = (
    c.NETWORK_TYPE_MGMT, c.NETWORK_TYPE_OAM, c.NETWORK_TYPE_CLUSTER_HOST,
    c.NETWORK_TYPE_PXEBOOT, c.NETWORK_TYPE_CLUSTER_POD,
    c.NETWORK_TYPE_CLUSTER_SERVICE, c.NETWORK_TYPE_STORAGE,
    c.NETWORK_TYPE_ADMIN)
# One interface per host for each of these.
NONDUPLICATE_TYPES = (
    c.NETWORK_TYPE_MGMT, c.NETWORK_TYPE_OAM, c.NETWORK_TYPE_CLUSTER_HOST,
    c.NETWORK_TYPE_PXEBOOT, c.NETWORK_TYPE_STORAGE, c.NETWORK_TYPE_ADMIN)
# Networks no interface carries (Kubernetes' virtual networks, routes).
NONASSIGNABLE_TYPES = (
    c.NETWORK_TYPE_CLUSTER_POD, c.NETWORK_TYPE_CLUSTER_SERVICE,
    c.NETWORK_TYPE_MULTICAST, c.NETWORK_TYPE_SYSTEM_CONTROLLER,
    c.NETWORK_TYPE_SYSTEM_CONTROLLER_OAM)
# Assigning these gives the interface a static address of the pool.
STATIC_MODE_TYPES = (c.NETWORK_TYPE_MGMT, c.NETWORK_TYPE_OAM,
                     c.NETWORK_TYPE_CLUSTER_HOST, c.NETWORK_TYPE_ADMIN)
# A host's own address is bound (allocated when the network is dynamic).
HOST_ADDRESS_TYPES = (c.NETWORK_TYPE_MGMT, c.NETWORK_TYPE_CLUSTER_HOST,
                      c.NETWORK_TYPE_ADMIN, c.NETWORK_TYPE_STORAGE,
                      c.NETWORK_TYPE_IRONIC)
CONTROLLER_ONLY_ADDRESS_TYPES = (c.NETWORK_TYPE_OAM, c.NETWORK_TYPE_PXEBOOT)


def initial_config_complete(hosts):
    """StarlingX's ``.initial_config_complete`` flag: here, a controller
    has been provisioned (unlocked and enabled once)."""
    return any(h.get('personality') == c.CONTROLLER and
               h.get('invprovision') == s.PROVISIONED for h in hosts)


def address_name(name, network_type):
    return '%s-%s' % (name, network_type)


def ip_network(pool):
    return netaddr.IPNetwork('%s/%s' % (pool['network'], pool['prefix']))


# -- address pools ------------------------------------------------------------
def _prefix(value):
    try:
        prefix = int(value)
    except (TypeError, ValueError):
        refuse('Invalid IP address and prefix')
    if prefix < 1:
        refuse('Address prefix must be greater than 1')
    return prefix


def check_name(name):
    if not isinstance(name, str) or len(name) < 1:
        refuse('Name must not be an empty string')


def check_order(order):
    if order and order not in ORDERS:
        refuse('Network address allocation order must be one of: %s'
               % ', '.join(ORDERS))


def check_subnet(network, prefix):
    """The pool's subnet (netaddr) after StarlingX's syntax checks."""
    try:
        subnet = netaddr.IPNetwork('%s/%s' % (network, prefix))
        address = netaddr.IPAddress(network)
    except (netaddr.AddrFormatError, ValueError, TypeError):
        refuse('Invalid IP address and prefix')
    if subnet.network.value == 0:
        refuse('Network must not be null')
    if (address & subnet.hostmask).value != 0:
        refuse('Host bits must be zero')
    if not address.is_unicast() and not address.is_multicast():
        refuse('Network address must be a unicast address or a multicast '
               'address')
    return subnet


def default_range(subnet):
    if subnet.size < 4:
        conflict('Address pool network prefix must be at least /%d'
                 % (30 if subnet.version == 4 else 126))
    return [[str(subnet[1]), str(subnet[-2])]]


def check_ranges(subnet, ranges):
    """Ranges sorted by start; each inside the subnet, not transposed,
    clear of the network and broadcast addresses, not overlapping."""
    seen = netaddr.IPSet()
    checked = []
    for item in ranges:
        if not isinstance(item, list | tuple) or len(item) != 2:
            refuse('Each address range is a [start, end] pair')
        try:
            start, end = (netaddr.IPAddress(a) for a in item)
        except (netaddr.AddrFormatError, ValueError, TypeError):
            refuse('Invalid address range %s-%s' % tuple(item))
        if start.version != end.version or start.version != subnet.version:
            conflict('Address pool range IP version must match network IP '
                     'version')
        for address in (start, end):
            if address not in subnet:
                conflict('Address %s is not within network %s'
                         % (address, subnet.cidr))
        if start > end:
            conflict('start address must be less than end address')
        if start == subnet.network:
            conflict('Address pool range cannot include network address')
        if subnet.version == 4 and end == subnet.broadcast:
            conflict('Address pool range cannot include broadcast address')
        block = netaddr.IPSet(netaddr.IPRange(start, end))
        if (seen & block).size:
            conflict('Addresses from %s-%s already contained in range'
                     % (start, end))
        seen |= block
        checked.append([str(start), str(end)])
    return sorted(checked, key=lambda r: netaddr.IPAddress(r[0]))


def check_reserved(subnet, reserved):
    """Floating, controller and gateway addresses: valid, inside the
    subnet, not its network/broadcast address, all different."""
    taken = {}
    result = {}
    for kind in RESERVED_KINDS:
        text = reserved.get(kind)
        if not text:
            continue
        label = KIND_LABELS[kind]
        try:
            address = netaddr.IPAddress(text)
        except (netaddr.AddrFormatError, ValueError, TypeError):
            refuse('%s address %s is not a valid IP address' % (label, text))
        if address.version != subnet.version:
            conflict('Address pool range IP version must match network IP '
                     'version')
        if address not in subnet:
            conflict('Address %s is not within network %s'
                     % (address, subnet.cidr))
        if address == subnet.network or (subnet.version == 4 and
                                         address == subnet.broadcast):
            refuse('%s address %s cannot be the network or broadcast '
                   'address of %s' % (label, address, subnet.cidr))
        if str(address) in taken:
            refuse('%s address %s is already the %s address of the pool'
                   % (label, address, taken[str(address)].lower()))
        taken[str(address)] = label
        result[kind] = str(address)
    return result


def check_pool_create(values, pools):
    """A new pool's columns, ranges and reserved addresses.

    :returns: (columns, ranges, reserved)
    """
    check_name(values.get('name'))
    prefix = _prefix(values.get('prefix'))
    subnet = check_subnet(values.get('network'), prefix)
    order = values.get('order') or RANDOM
    check_order(order)
    if any(p['name'] == values['name'] for p in pools):
        conflict('Address pool %s already exists' % values['name'])
    ranges = values.get('ranges') or default_range(subnet)
    ranges = check_ranges(subnet, ranges)
    reserved = check_reserved(subnet, {
        k: values.get('%s_address' % k) for k in RESERVED_KINDS})
    columns = {'name': values['name'], 'network': str(subnet.network),
               'prefix': prefix, 'family': subnet.version, 'order': order}
    return columns, ranges, reserved


READONLY_POOL_FIELDS = ('network', 'prefix')
POOL_FIELDS = ('name', 'order', 'ranges') + tuple(
    '%s_address' % k for k in RESERVED_KINDS)


def check_pool_update(pool, updates, pools, addresses, networks,
                      config_complete):
    """(columns, ranges or None, reserved) a PATCH of ``pool`` leads to.

    :param addresses: every address of the pool.
    :param networks: networks whose pools include this one.
    """
    for field in updates:
        if field in READONLY_POOL_FIELDS:
            refuse("'/%s' is a read-only attribute and can not be updated"
                   % field)
        if field not in POOL_FIELDS:
            refuse("'/%s' cannot be changed" % field)
    if networks and config_complete:
        conflict('Address pool is read-only and cannot be modified or '
                 'removed')
    subnet = ip_network(pool)
    columns = {}
    if 'name' in updates:
        check_name(updates['name'])
        if any(p['name'] == updates['name'] and p['id'] != pool['id']
               for p in pools):
            conflict('Address pool %s already exists' % updates['name'])
        columns['name'] = updates['name']
    if 'order' in updates:
        check_order(updates['order'])
        columns['order'] = updates['order']
    ranges = None
    if 'ranges' in updates:
        if not isinstance(updates['ranges'], list):
            refuse('Address pool ranges must be a list of [start, end] '
                   'pairs')
        ranges = check_ranges(subnet, updates['ranges'])
        old = netaddr.IPSet()
        for start, end in pool['ranges']:
            old.add(netaddr.IPRange(start, end))
        new = netaddr.IPSet()
        for start, end in ranges:
            new.add(netaddr.IPRange(start, end))
        removed = old - new
        if any(netaddr.IPAddress(a['address']) in removed
               for a in addresses):
            conflict('The new address pool ranges excludes addresses that '
                     'have already been allocated.')
    wanted = {k: pool.get('%s_address' % k) for k in RESERVED_KINDS}
    given = {k: updates['%s_address' % k] for k in RESERVED_KINDS
             if '%s_address' % k in updates}
    wanted.update(given)
    checked = check_reserved(subnet, wanted)
    reserved = {k: checked.get(k) for k in given}
    return columns, ranges, reserved


def check_pool_delete(pool, networks, addresses):
    """A pool bound to a network cannot go; nor one with addresses other
    than its own reserved ones."""
    if networks:
        conflict('Address pool is read-only and cannot be modified or '
                 'removed')
    own = {pool.get('%s_address_id' % k) for k in RESERVED_KINDS}
    if any(a['id'] not in own for a in addresses):
        conflict('Address pool still in use by one or more addresses')


def free_addresses(pool, used):
    """Addresses of the pool's ranges not in ``used``, in order."""
    taken = set(used)
    for start, end in pool['ranges']:
        for address in netaddr.iter_iprange(start, end):
            if str(address) not in taken:
                yield str(address)


def pick_address(pool, used, order=None, chooser=None):
    """One free address (sequential: the lowest; random: any)."""
    free = list(free_addresses(pool, used))
    if not free:
        conflict('Address pool %s has no available addresses'
                 % pool['name'])
    if (order or pool.get('order')) == SEQUENTIAL or chooser is None:
        return free[0]
    return chooser(free)


# -- networks -----------------------------------------------------------------
def check_network_create(values, networks, pool, system):
    ntype = values.get('type')
    if ntype not in c.NETWORK_TYPES:
        refuse('Network type %s not supported' % ntype)
    if any(n['type'] == ntype for n in networks):
        conflict('Network of type %s already exists.' % ntype)
    if any(n['name'] == values.get('name') for n in networks):
        conflict('Network %s already exists.' % values.get('name'))
    if ntype == c.NETWORK_TYPE_ADMIN and (system or {}).get(
            'distributed_cloud_role') != \
            c.DISTRIBUTED_CLOUD_ROLE_SUBCLOUD:
        refuse(f'Network of type {ntype} restricted to distributed cloud '
               f'role of {c.DISTRIBUTED_CLOUD_ROLE_SUBCLOUD}.')
    if pool is None:
        refuse('Address pool uuid must be specified (pool_uuid).')
    if any(n.get('address_pool_id') == pool['id'] for n in networks):
        conflict('Network address pool already in-use.')


def check_network_delete(network, config_complete):
    if config_complete and network['type'] in PROTECTED_TYPES:
        refuse('Cannot delete type {} network {} after initial '
               'configuration completion'.format(network['type'],
                                                 network['uuid']))


def reserved_plan(network_type, pool, system, used, addresses=None):
    """[{'name', 'address', 'kind'}] of the addresses a network reserves
    in ``pool`` (names ``<controller|controller-N|...>-<type>``).

    :param used: addresses of the pool already taken.
    """
    addresses = addresses if addresses is not None else {
        k: pool.get('%s_address' % k) for k in RESERVED_KINDS}
    taken = set(used)
    plan = []

    def add(name, kind, address=None, allocate=True):
        if address is None and allocate:
            address = next(free_addresses(pool, taken), None)
            if address is None:
                conflict('Address pool %s has no available addresses'
                         % pool['name'])
        if address is None:
            return
        taken.add(address)
        plan.append({'name': address_name(name, network_type),
                     'address': address, 'kind': kind})

    if network_type in CONTROLLER_ADDRESS_TYPES:
        add(c.CONTROLLER_HOSTNAME, 'floating', addresses.get('floating'))
        add(c.CONTROLLER_0_HOSTNAME, 'controller0',
            addresses.get('controller0'))
        add(c.CONTROLLER_1_HOSTNAME, 'controller1',
            addresses.get('controller1'))
    elif network_type == c.NETWORK_TYPE_OAM:
        add(c.CONTROLLER_HOSTNAME, 'floating', addresses.get('floating'),
            allocate=False)
        if (system or {}).get('system_mode') != c.SYSTEM_MODE_SIMPLEX:
            add(c.CONTROLLER_0_HOSTNAME, 'controller0',
                addresses.get('controller0'), allocate=False)
            add(c.CONTROLLER_1_HOSTNAME, 'controller1',
                addresses.get('controller1'), allocate=False)
    elif network_type == c.NETWORK_TYPE_MULTICAST:
        for name in MULTICAST_NAMES:
            add(name, None)
    if network_type in GATEWAY_TYPES and addresses.get('gateway'):
        add(c.CONTROLLER_GATEWAY, 'gateway', addresses['gateway'],
            allocate=False)
    return plan


# -- network_addresspools -----------------------------------------------------
def check_network_addresspool(network, pool, bindings):
    """``bindings``: every network_addresspool row."""
    for row in bindings:
        if row['network_id'] == network['id'] and \
                row['address_pool_id'] == pool['id']:
            conflict('Network address pool for network %s and pool %s '
                     'already exists.' % (network['name'], pool['name']))
    for row in bindings:
        if row['network_id'] == network['id'] and \
                row['address_pool_family'] == pool['family']:
            refuse('Network %s already has an address pool of family %s.'
                   % (network['name'], c.IP_FAMILIES[pool['family']]))
        if row['address_pool_id'] == pool['id']:
            conflict('Network address pool already in-use.')


def check_network_addresspool_delete(binding, network):
    if network.get('address_pool_id') == binding['address_pool_id']:
        refuse('Cannot remove the primary address pool %s of network %s.'
               % (binding['address_pool_name'], network['name']))


# -- interface_networks -------------------------------------------------------
def check_interface_network(host, iface, network, host_interfaces,
                            assignments, controller_interfaces):
    """Every rule of assigning ``network`` to ``iface``; returns the
    interface class to store (an unset class becomes 'platform').

    :param assignments: interface_network rows of the host.
    :param controller_interfaces: interfaces of every controller.
    """
    ntype = network['type']
    ifclass = iface.get('ifclass')
    if not ifclass or ifclass == ifrules.NONE:
        ifclass = ifrules.PLATFORM
    elif ifclass not in (ifrules.PLATFORM, ifrules.PCI_SRIOV):
        refuse("An interface with interface class '%s' cannot assign "
               'platform networks.' % ifclass)
    if ntype in NONASSIGNABLE_TYPES:
        conflict("Cannot assign network with type '%s' to an interface."
                 % ntype)
    mine = [a for a in assignments if a['interface_id'] == iface['id']]
    if any(a['network_id'] == network['id'] for a in mine):
        refuse("Interface network with interface ID '%s' and network ID "
               "'%s' already exists." % (iface['id'], network['id']))
    if ntype in NONDUPLICATE_TYPES:
        for other in host_interfaces:
            if other['id'] != iface['id'] and \
                    ntype in other['networktypelist']:
                refuse("An interface with '%s' network type is already "
                       'provisioned on this node' % ntype)
    _check_exclusive(ntype, mine)
    if ntype == c.NETWORK_TYPE_OAM and \
            host.get('personality') != c.CONTROLLER:
        refuse("The '%s' network type is only supported on controller "
               'nodes.' % c.NETWORK_TYPE_OAM)
    _check_ae_mode(iface, ntype)
    if ntype == c.NETWORK_TYPE_CLUSTER_HOST and \
            host.get('personality') != c.CONTROLLER:
        if not any(i.get('ifclass') == ifrules.PLATFORM and
                   c.NETWORK_TYPE_CLUSTER_HOST in i['networktypelist']
                   for i in controller_interfaces):
            refuse('Interface %s does not have associated cluster-host '
                   'interface on controller.' % iface['ifname'])
    return ifclass


def _check_exclusive(ntype, mine):
    """pxeboot shares its interface with nothing; oam not with mgmt,
    pxeboot or cluster-host."""
    with_oam = (c.NETWORK_TYPE_MGMT, c.NETWORK_TYPE_PXEBOOT,
                c.NETWORK_TYPE_CLUSTER_HOST)
    for a in mine:
        if ntype == c.NETWORK_TYPE_PXEBOOT:
            refuse("You cannot assign a network of type '%s' to an "
                   'interface which is already assigned with a different '
                   'network.' % ntype)
        if a['network_type'] == c.NETWORK_TYPE_PXEBOOT:
            refuse("An interface assigned with a network of type '%s' "
                   'cannot contain additional networks.'
                   % a['network_type'])
        if ntype == c.NETWORK_TYPE_OAM and a['network_type'] in with_oam:
            refuse("You cannot assign a network of type '%s' to an "
                   "interface which is already assigned with a network of "
                   "type '%s'." % (ntype, a['network_type']))
        if a['network_type'] == c.NETWORK_TYPE_OAM and ntype in with_oam:
            refuse("An interface assigned with a network of type '%s' "
                   "cannot assign a network of type '%s'."
                   % (a['network_type'], ntype))


def _check_ae_mode(iface, ntype):
    if iface['iftype'] != ifrules.AE:
        return
    aemode = iface.get('aemode')
    if ntype in (c.NETWORK_TYPE_MGMT, c.NETWORK_TYPE_ADMIN):
        valid = (ifrules.AE_LACP, ifrules.AE_ACTIVE_STANDBY)
        if aemode not in valid:
            refuse("Device interface with network type {}, and interface "
                   "type 'aggregated ethernet' must be in mode {}".format(
                       ntype, ', '.join(valid)))
    elif ntype in (c.NETWORK_TYPE_OAM, c.NETWORK_TYPE_CLUSTER_HOST) and \
            aemode not in ifrules.AE_MODES:
        refuse("Device interface with network type '%s', and interface "
               "type 'aggregated ethernet' must be in mode 'active_standby' "
               "or 'balanced' or '802.3ad'." % ntype)


def host_address_name(host, network_type, system):
    """The address an interface of ``host`` on ``network_type`` binds:
    ``<hostname>-<type>`` (a simplex controller's OAM is the floating
    ``controller-oam``); None when the type binds none on this host."""
    if network_type in CONTROLLER_ONLY_ADDRESS_TYPES:
        if host.get('personality') != c.CONTROLLER:
            return None
        if network_type == c.NETWORK_TYPE_OAM and \
                (system or {}).get('system_mode') == c.SYSTEM_MODE_SIMPLEX:
            return address_name(c.CONTROLLER_HOSTNAME, network_type)
        return address_name(host['hostname'], network_type)
    if network_type in HOST_ADDRESS_TYPES:
        return address_name(host['hostname'], network_type)
    return None
