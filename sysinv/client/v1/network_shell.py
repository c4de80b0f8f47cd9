"""``system network-*`` (platform networks), ``addrpool-*`` (address
pools) and ``host-addr-list``."""
from __future__ import annotations

import argparse

from stx_common.client import exceptions as exc
from stx_common.client.commands import Command, arg
from sysinv.client import output
from sysinv.client.output import Column
from sysinv.client.v1 import host as host_api
from sysinv.client.v1.client import Client
from sysinv.client.v1.shell_common import HOST

NETWORK_FIELDS = ('id', 'uuid', 'name', 'type', 'dynamic', 'pool_uuid',
                  'primary_pool_family')
NETWORK_COLUMNS = tuple(Column(f, f) for f in NETWORK_FIELDS)
POOL_FIELDS = ('uuid', 'name', 'network', 'prefix', 'order', 'ranges',
               'floating_address', 'controller0_address',
               'controller1_address', 'gateway_address')
POOL_ADDRESSES = ('floating_address', 'controller0_address',
                  'controller1_address', 'gateway_address')
ADDRESS_COLUMNS = (Column('uuid', 'uuid'), Column('ifname', 'ifname'),
                   Column('address', 'address'), Column('prefix', 'prefix'))


def ranges_text(ranges) -> list[str] | None:
    """``[[start, end], ...]`` -> ``['start-end', ...]``."""
    if not isinstance(ranges, list):
        return ranges
    return ['%s-%s' % tuple(r) for r in ranges
            if isinstance(r, list | tuple) and len(r) == 2]


POOL_COLUMNS = tuple(
    Column(f, f, render=(lambda r: ranges_text(r.get('ranges')))
           if f == 'ranges' else None)
    for f in POOL_FIELDS)


def parse_ranges(text: str) -> list[list[str]]:
    """``a-b[,c-d...]`` -> ``[[a, b], [c, d]]``."""
    ranges = []
    for item in text.split(','):
        start, sep, end = item.strip().partition('-')
        if not sep or not start or not end:
            raise exc.CommandError('Invalid address range %r: expected '
                                   '<startaddr>-<endaddr>' % item)
        ranges.append([start.strip(), end.strip()])
    return ranges


# -- networks ---------------------------------------------------------------

def print_network(network: dict,
                  args: argparse.Namespace | None = None) -> None:
    output.print_show(network, NETWORK_FIELDS, args, labels=NETWORK_FIELDS)


def do_network_list(client: Client, args: argparse.Namespace) -> None:
    output.print_list(client.network.list(), NETWORK_COLUMNS, args,
                      sortby=1)


def do_network_show(client: Client, args: argparse.Namespace) -> None:
    print_network(client.network.find(args.network_uuid), args)


def do_network_add(client: Client, args: argparse.Namespace) -> None:
    body = {'name': args.name, 'type': args.type,
            'dynamic': args.dynamic.lower(), 'pool_uuid': args.pool_uuid}
    created = client.network.create(body)
    try:
        network = client.network.get(created.get('uuid', ''))
    except exc.NotFound:
        raise exc.CommandError('Created network UUID not found: %s'
                               % created.get('uuid', '')) from None
    print_network(network)


def do_network_delete(client: Client, args: argparse.Namespace) -> None:
    client.network.delete(args.network_uuid)
    print('Deleted Network: %s' % args.network_uuid)


# -- address pools ----------------------------------------------------------

def print_pool(pool: dict, args: argparse.Namespace | None = None) -> None:
    record = dict(pool, ranges=ranges_text(pool.get('ranges')))
    output.print_show(record, POOL_FIELDS, args, labels=POOL_FIELDS)


def find_pool(client: Client, ident: str) -> dict:
    """A pool by uuid (or, for convenience, by name)."""
    try:
        return client.address_pool.get(ident)
    except exc.NotFound:
        for pool in client.address_pool.list():
            if pool.get('name') == ident:
                return pool
        raise exc.CommandError('Address pool not found: %s' % ident) \
            from None


def do_addrpool_list(client: Client, args: argparse.Namespace) -> None:
    output.print_list(client.address_pool.list(), POOL_COLUMNS, args,
                      sortby=1)


def do_addrpool_show(client: Client, args: argparse.Namespace) -> None:
    print_pool(find_pool(client, args.address_pool_uuid), args)


def _pool_values(args: argparse.Namespace, names) -> dict:
    values = {k: v for k, v in vars(args).items()
              if k in names and v is not None}
    if 'ranges' in values:
        values['ranges'] = parse_ranges(values['ranges'])
    return values


def do_addrpool_add(client: Client, args: argparse.Namespace) -> None:
    body = _pool_values(args, ('name', 'network', 'prefix', 'order',
                               'ranges') + POOL_ADDRESSES)
    created = client.address_pool.create(body)
    try:
        pool = client.address_pool.get(created.get('uuid', ''))
    except exc.NotFound:
        raise exc.CommandError('Created address pool UUID not found: %s'
                               % created.get('uuid', '')) from None
    print_pool(pool)


def do_addrpool_modify(client: Client, args: argparse.Namespace) -> None:
    values = _pool_values(args, ('name', 'ranges', 'order', 'prefix') +
                          POOL_ADDRESSES)
    if not values:
        raise exc.CommandError('No address pool attribute to modify was '
                               'given (see "system help addrpool-modify")')
    patch = [{'op': 'replace', 'path': '/' + k, 'value': v}
             for k, v in values.items()]
    pool = find_pool(client, args.address_pool_uuid)
    print_pool(client.address_pool.update(pool['uuid'], patch))


def do_addrpool_delete(client: Client, args: argparse.Namespace) -> None:
    client.address_pool.delete(args.address_pool_uuid)
    print('Deleted address pool: %s' % args.address_pool_uuid)


# -- host addresses ---------------------------------------------------------

def do_host_addr_list(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    output.print_list(client.address.list_for_host(host['uuid']),
                      ADDRESS_COLUMNS, args, sortby=1)


NETWORK_UUID = arg('network_uuid', metavar='<network_uuid>',
                   help='UUID (or name) of IP network.')
POOL_UUID = arg('address_pool_uuid', metavar='<address_pool uuid>',
                help='UUID of IP address pool.')
RANGES = arg('--ranges', metavar='<ranges>',
             help='The inclusive range of addresses to allocate '
                  '<startaddr1-endaddr1>[,<startaddr2-endaddr2>,...].')
ORDER = arg('--order', metavar='<sequential | random>',
            choices=['sequential', 'random'],
            help='The allocation order within the start/end range.')
ADDRESS_OPTIONS = (
    arg('--floating-address', dest='floating_address',
        metavar='<floating address>',
        help='The floating address of the pool.'),
    arg('--controller0-address', dest='controller0_address',
        metavar='<controller0 address>',
        help="controller-0's address in the pool."),
    arg('--controller1-address', dest='controller1_address',
        metavar='<controller1 address>',
        help="controller-1's address in the pool."),
    arg('--gateway-address', dest='gateway_address',
        metavar='<gateway address>',
        help='The gateway address of the pool.'),
)

COMMANDS = (
    Command('network-list', do_network_list, 'List IP networks.',
            (output.COLUMN, output.FORMAT), nowrap=True),
    Command('network-show', do_network_show, 'Show IP network details.',
            (NETWORK_UUID, output.COLUMN, output.FORMAT)),
    Command('network-add', do_network_add, 'Add a network.', (
        arg('name', metavar='<network_name>',
            help='Name of network [REQUIRED].'),
        arg('type', metavar='<network type>',
            help='Type of network [REQUIRED] (mgmt, oam, cluster-host, '
                 'pxeboot, ...).'),
        arg('dynamic', metavar='<dynamic>',
            choices=['true', 'false', 'True', 'False'],
            help='Addresses are allocated by the system [REQUIRED].'),
        arg('pool_uuid', metavar='<pool_uuid>',
            help='The uuid of the address pool [REQUIRED].'))),
    Command('network-delete', do_network_delete, 'Delete a network.',
            (NETWORK_UUID,)),
    Command('addrpool-list', do_addrpool_list, 'List IP address pools.',
            (output.COLUMN, output.FORMAT), nowrap=True),
    Command('addrpool-show', do_addrpool_show,
            'Show IP address pool attributes.',
            (POOL_UUID, output.COLUMN, output.FORMAT)),
    Command('addrpool-add', do_addrpool_add, 'Add an IP address pool.', (
        arg('name', metavar='<name>',
            help='Name of the Address Pool [REQUIRED].'),
        arg('network', metavar='<network address>',
            help='Network IP address [REQUIRED].'),
        arg('prefix', metavar='<network prefix>',
            help='Network IP address prefix length [REQUIRED].'),
        RANGES, ORDER) + ADDRESS_OPTIONS),
    Command('addrpool-modify', do_addrpool_modify,
            'Modify IP address pool attributes.', (
                POOL_UUID,
                arg('--name', metavar='<name>',
                    help='Name of the Address Pool.'),
                RANGES, ORDER,
                arg('--prefix', metavar='<prefix>',
                    help='CIDR prefix, only modifiable during bootstrap '
                         'phase.')) + ADDRESS_OPTIONS),
    Command('addrpool-delete', do_addrpool_delete,
            'Delete an IP address pool.', (POOL_UUID,)),
    Command('host-addr-list', do_host_addr_list,
            'List IP addresses on host.',
            (HOST, output.COLUMN, output.FORMAT), nowrap=True),
)
