"""Flows of the network resources: address pools, networks,
network_addresspools, interface_networks and the hosts' own addresses.

Rules are in :mod:`sysinv.conductor.network_rules`; these functions read
what the rules need, call them and write. Address allocation is
serialised by one lock (the conductor is the only writer).

Host flows call :func:`allocate_host_addresses` when a host is added or
provisioned (hostname and personality set) and
:func:`release_host_addresses` when it is deleted: the host gets an
address named ``<hostname>-<type>`` on every dynamic network among
mgmt, cluster-host, admin and storage (its ``mgmt_ip`` is the
``<hostname>-mgmt`` one), bound to its interface on that network when it
has one.
"""
import random
import threading

from sysinv import exception
from sysinv.common import constants as c
from sysinv.conductor import network_rules as rules
from sysinv.conductor.refusals import refuse

_ALLOCATION = threading.Lock()

# Networks whose address a host gets when it is provisioned.
PROVISIONED_TYPES = (c.NETWORK_TYPE_MGMT, c.NETWORK_TYPE_CLUSTER_HOST,
                     c.NETWORK_TYPE_ADMIN, c.NETWORK_TYPE_STORAGE)


def _chooser(free):
    return random.choice(free)  # noqa: S311 - not a secret


# -- addresses ----------------------------------------------------------------
def assign_pool_address(dbapi, pool, interface_id, name=None):
    """Allocate an address of ``pool`` (its order) to an interface."""
    with _ALLOCATION:
        used = [a['address'] for a in dbapi.list_pool_addresses(pool['id'])]
        address = rules.pick_address(pool, used, chooser=_chooser)
        return dbapi.create_address({
            'family': pool['family'], 'address': address,
            'prefix': pool['prefix'], 'name': name,
            'interface_id': interface_id, 'address_pool_id': pool['id']})


def _bind(dbapi, address, interface_id):
    if address is not None and address.get('interface_id') != interface_id:
        dbapi.update_address(address['id'], {'interface_id': interface_id})


def allocate_host_addresses(dbapi, host):
    """Give a provisioned host its addresses; returns {type: address}.

    For each network of :data:`PROVISIONED_TYPES` that exists and is
    dynamic, the address named ``<hostname>-<type>`` is found or
    allocated from the network's pool (lowest free address), and bound
    to the host's interface on that network if it has one. A host
    without hostname or personality gets nothing.

    :raises AddressPoolExhausted: (409) when a pool is full.
    """
    if not (host.get('hostname') and host.get('personality')):
        return {}
    by_type = {}
    for iface in dbapi.list_interfaces(host['id']):
        for ntype in iface['networktypelist']:
            by_type.setdefault(ntype, iface['id'])
    result = {}
    with _ALLOCATION:
        for ntype in PROVISIONED_TYPES:
            address = dbapi.allocate_host_address(host['hostname'], ntype)
            if address is None:
                continue
            if ntype in by_type:
                _bind(dbapi, address, by_type[ntype])
            result[ntype] = address['address']
    return result


def release_host_addresses(dbapi, host):
    """Free a deleted host's own addresses (reserved controller
    addresses stay with their pools)."""
    if host.get('hostname'):
        dbapi.release_host_addresses(host['hostname'])


# -- address pools ------------------------------------------------------------
def create_pool(dbapi, values):
    columns, ranges, reserved = rules.check_pool_create(
        values, dbapi.list_pools())
    return dbapi.create_pool(columns, ranges, reserved)


def _networks_of_pool(dbapi, pool_id):
    return [b for b in dbapi.list_network_addresspools()
            if b['address_pool_id'] == pool_id]


def update_pool(dbapi, ident, updates):
    pool = dbapi.get_pool(ident)
    columns, ranges, reserved = rules.check_pool_update(
        pool, updates, dbapi.list_pools(),
        dbapi.list_pool_addresses(pool['id']),
        _networks_of_pool(dbapi, pool['id']),
        rules.initial_config_complete(dbapi.list_hosts()))
    return dbapi.update_pool(pool['id'], columns, ranges, reserved)


def delete_pool(dbapi, ident):
    pool = dbapi.get_pool(ident)
    rules.check_pool_delete(pool, _networks_of_pool(dbapi, pool['id']),
                            dbapi.list_pool_addresses(pool['id']))
    dbapi.destroy_pool(pool['id'])


# -- networks -----------------------------------------------------------------
def _find_pool(dbapi, ident):
    if not ident:
        return None
    try:
        return dbapi.get_pool(ident)
    except exception.AddressPoolNotFound:
        refuse('Address pool %s not found' % ident)


def create_network(dbapi, values):
    """Add a network bound to its primary pool; its reserved addresses
    (``controller-<type>``, ``controller-0-<type>``...) are written."""
    values = dict(values)
    values.setdefault('name', values.get('type'))
    pool = _find_pool(dbapi, values.get('pool_uuid'))
    networks = dbapi.list_network_details()
    system = dbapi.find_system()
    rules.check_network_create(values, networks, pool, system)
    with _ALLOCATION:
        used = [a['address'] for a in dbapi.list_pool_addresses(pool['id'])]
        plan = rules.reserved_plan(values['type'], pool, system, used)
        network = dbapi.create_network_with_addresses({
            'type': values['type'], 'name': values['name'],
            'dynamic': bool(values.get('dynamic', True)),
            'primary_pool_family': c.IP_FAMILIES[pool['family']]},
            pool['id'], plan)
    return dbapi.get_network(network['id'])


def delete_network(dbapi, ident):
    network = dbapi.get_network(ident)
    rules.check_network_delete(
        network, rules.initial_config_complete(dbapi.list_hosts()))
    dbapi.destroy_network(network['id'], network['type'])


# -- network_addresspools -----------------------------------------------------
def create_network_addresspool(dbapi, network_ident, pool_ident):
    network = dbapi.get_network(network_ident)
    pool = _find_pool(dbapi, pool_ident)
    if pool is None:
        refuse('Address pool uuid must be specified (address_pool_uuid).')
    rules.check_network_addresspool(network, pool,
                                    dbapi.list_network_addresspools())
    with _ALLOCATION:
        used = [a['address'] for a in dbapi.list_pool_addresses(pool['id'])]
        plan = rules.reserved_plan(network['type'], pool,
                                   dbapi.find_system(), used)
        return dbapi.create_network_addresspool(network['id'], pool['id'],
                                                plan)


def delete_network_addresspool(dbapi, ident):
    binding = dbapi.get_network_addresspool(ident)
    network = dbapi.get_network(binding['network_id'])
    rules.check_network_addresspool_delete(binding, network)
    dbapi.destroy_network_addresspool(binding['id'], network['type'])


# -- interface_networks -------------------------------------------------------
def _pools_of(dbapi, network):
    return [b['address_pool_id'] for b in
            dbapi.list_network_addresspools(network['id'])]


def assign_interface_network(dbapi, interface_ident, network_ident):
    """Put a platform network on an interface: the interface becomes
    class 'platform' when it had none, gets static address modes for
    mgmt/oam/cluster-host/admin, and the host's address on that network
    is bound to it (allocated first on a dynamic network)."""
    if not interface_ident:
        refuse('Interface uuid must be specified (interface_uuid).')
    if not network_ident:
        refuse('Network uuid must be specified (network_uuid).')
    iface = dbapi.get_interface(interface_ident)
    network = dbapi.get_network(network_ident)
    host = dbapi.get_host(iface['forihostid'])
    system = dbapi.find_system()
    host_interfaces = dbapi.list_interfaces(host['id'])
    controllers = []
    for controller in dbapi.list_hosts(personality=c.CONTROLLER):
        controllers.extend(dbapi.list_interfaces(controller['id']))
    ifclass = rules.check_interface_network(
        host, iface, network, host_interfaces,
        dbapi.list_interface_networks(host_id=host['id']), controllers)
    changes = {}
    if ifclass != iface.get('ifclass'):
        changes['ifclass'] = ifclass
    modes = {}
    if network['type'] in rules.STATIC_MODE_TYPES and network['pool_uuid']:
        pool = dbapi.get_pool(network['pool_uuid'])
        other = 6 if pool['family'] == 4 else 4
        modes = {pool['family']: ('static', None), other: ('disabled', None)}
    if changes or modes:
        dbapi.update_interface(iface['id'], changes, modes=modes)
    row = dbapi.create_interface_network({'interface_id': iface['id'],
                                          'network_id': network['id']})
    _bind_host_address(dbapi, host, iface, network, system)
    return row


def _bind_host_address(dbapi, host, iface, network, system):
    name = rules.host_address_name(host, network['type'], system)
    if name is None:
        return
    address = dbapi.get_address_by_name(name)
    if address is None and network['type'] in rules.HOST_ADDRESS_TYPES:
        with _ALLOCATION:
            address = dbapi.allocate_host_address(host['hostname'],
                                                  network['type'])
    _bind(dbapi, address, iface['id'])


def remove_interface_network(dbapi, ident):
    row = dbapi.get_interface_network(ident)
    network = dbapi.get_network(row['network_id'])
    if network['type'] in rules.NONASSIGNABLE_TYPES:
        refuse("Cannot remove network with type '%s' from an interface."
               % network['type'])
    return dbapi.destroy_interface_network(
        row['id'], unbind_pool_ids=_pools_of(dbapi, network))
