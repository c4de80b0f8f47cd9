"""``system host-if-*`` (interfaces) and ``interface-network-*`` (the
platform networks an interface carries)."""
from __future__ import annotations

import argparse

from stx_common.client import exceptions as exc
from stx_common.client.commands import Command, arg
from sysinv.client import output
from sysinv.client.output import Column
from sysinv.client.v1 import host as host_api
from sysinv.client.v1.client import Client
from sysinv.client.v1.shell_common import HOST

LIST_COLUMNS = (
    Column('uuid', 'uuid'), Column('name', 'ifname'),
    Column('class', 'ifclass'), Column('type', 'iftype'),
    Column('vlan id', 'vlan_id'), Column('ports', 'ports'),
    Column('uses i/f', 'uses'), Column('used by i/f', 'used_by'),
    Column('attributes', 'attrs'))
SHOW_FIELDS = ('ifname', 'iftype', 'ports', 'imac', 'imtu', 'ifclass',
               'ptp_role', 'aemode', 'schedpolicy', 'txhashpolicy', 'uuid',
               'ihost_uuid', 'vlan_id', 'uses', 'used_by', 'created_at',
               'updated_at', 'sriov_numvfs', 'sriov_vf_driver')
OPTIONAL_FIELDS = ('ipv4_mode', 'ipv6_mode', 'ipv4_pool', 'ipv6_pool')
ADD_FIELDS = ('ifname', 'iftype', 'imtu', 'ifclass', 'aemode',
              'txhashpolicy', 'vlan_id', 'ptp_role', 'ipv4_mode',
              'ipv6_mode', 'ipv4_pool', 'ipv6_pool', 'sriov_numvfs',
              'sriov_vf_driver')
MODIFY_FIELDS = ('ifname', 'imtu', 'aemode', 'txhashpolicy', 'ifclass',
                 'ptp_role', 'ipv4_mode', 'ipv6_mode', 'ipv4_pool',
                 'ipv6_pool', 'sriov_numvfs', 'sriov_vf_driver')
IFTYPES = ('ae', 'vlan', 'virtual', 'vf', 'ethernet')
IFCLASSES = ('platform', 'data', 'pci-passthrough', 'pci-sriov', 'none')
NETWORK_COLUMNS = (Column('hostname', 'hostname'), Column('uuid', 'uuid'),
                   Column('ifname', 'ifname'),
                   Column('network_name', 'network_name'))


def with_ports(client: Client, host: dict,
               interfaces: list[dict]) -> list[dict]:
    """Interfaces with ``ports`` (names) and ``dpdksupport`` (one flag
    per port) taken from the host's ports, as StarlingX's client shows
    them."""
    ports = client.port.list_for_host(host['uuid'])
    result = []
    for interface in interfaces:
        record = dict(interface)
        mine = [p for p in ports
                if p.get('interface_uuid') == record.get('uuid')]
        record['ports'] = [p.get('name') for p in mine]
        record['dpdksupport'] = [p.get('dpdksupport') for p in mine]
        result.append(record)
    return result


def attributes(interface: dict) -> str:
    """The ``attributes`` column: MTU, AE mode and policy, acceleration."""
    text = 'MTU=%s' % interface.get('imtu')
    if interface.get('iftype') == 'ae':
        text += ',AE_MODE=%s' % interface.get('aemode')
        if interface.get('aemode') in ('balanced', '802.3ad'):
            text += ',AE_XMIT_POLICY=%s' % interface.get('txhashpolicy')
    if interface.get('ifclass') == 'data':
        accelerated = False not in (interface.get('dpdksupport') or [])
        text += ',accelerated=%s' % accelerated
    return text


def _configured(interface: dict) -> bool:
    return (interface.get('ifclass') not in (None, 'none') or
            bool(interface.get('used_by')))


def do_host_if_list(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    interfaces = with_ports(client, host,
                            client.iinterface.list_for_host(host['uuid']))
    if not args.all:
        interfaces = [i for i in interfaces if _configured(i)]
    for interface in interfaces:
        interface['attrs'] = attributes(interface)
    output.print_list(interfaces, LIST_COLUMNS, args, sortby=0)


def find_interface(client: Client, host: dict, ident: str) -> dict:
    for interface in client.iinterface.list_for_host(host['uuid']):
        if ident in (interface.get('ifname'), interface.get('uuid')):
            return interface
    raise exc.CommandError('Interface not found: host %s if %s'
                           % (host.get('hostname'), ident))


def print_interface(interface: dict,
                    args: argparse.Namespace | None = None) -> None:
    fields = list(SHOW_FIELDS)
    fields += [f for f in OPTIONAL_FIELDS if f in interface]
    record = dict(interface)
    labels = list(fields)
    if 'dpdksupport' in record:
        fields.append('dpdksupport')
        labels.append('accelerated')
    output.print_show(record, fields, args, labels=labels)


def do_host_if_show(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    interface = find_interface(client, host, args.ifnameoruuid)
    print_interface(with_ports(client, host, [interface])[0], args)


def add_body(args: argparse.Namespace, host_uuid: str) -> dict:
    """The POST body of host-if-add: ports for an ethernet interface,
    ``uses`` for AE, VLAN and VF interfaces, neither for a virtual one."""
    body = {k: v for k, v in vars(args).items()
            if k in ADD_FIELDS and v is not None}
    members = args.portsorifaces
    iftype = args.iftype or 'ethernet'
    if iftype in ('ae', 'vlan', 'vf'):
        ports, uses = None, members
    elif iftype == 'virtual':
        ports, uses = [], None
    else:
        ports, uses = ','.join(members), None
    body.update(ihost_uuid=host_uuid, ports=ports, uses=uses)
    return body


def do_host_if_add(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    created = client.iinterface.create(add_body(args, host['uuid']))
    try:
        interface = client.iinterface.get(created.get('uuid', ''))
    except exc.NotFound:
        raise exc.CommandError('Created Interface UUID not found: %s'
                               % created.get('uuid', '')) from None
    print_interface(with_ports(client, host, [interface])[0])


def do_host_if_modify(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    values = {k: v for k, v in vars(args).items()
              if k in MODIFY_FIELDS and v is not None}
    if not values:
        raise exc.CommandError('No interface attribute to modify was given '
                               '(see "system help host-if-modify")')
    interface = find_interface(client, host, args.ifnameoruuid)
    if values.get('ifclass') == 'none' and interface.get('iftype') not in (
            'ae', 'vlan'):
        # back to an unconfigured port: it takes the port's name again
        ports = with_ports(client, host, [interface])[0]['ports']
        if ports:
            values['ifname'] = ports[0]
    patch = [{'op': 'replace', 'path': '/' + k, 'value': v}
             for k, v in values.items()]
    updated = client.iinterface.update(interface['uuid'], patch)
    print_interface(with_ports(client, host, [updated])[0])


def do_host_if_delete(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    interface = find_interface(client, host, args.ifnameoruuid)
    client.iinterface.delete(interface['uuid'])
    print('Deleted interface: host %s if %s' % (args.hostnameorid,
                                                args.ifnameoruuid))


def _hostnames(client: Client, records: list[dict],
               host: dict) -> list[dict]:
    """Each record with the ``hostname`` of its ``forihostid``."""
    names = {host.get('id'): host.get('hostname')}
    result = []
    for record in records:
        record = dict(record)
        host_id = record.get('forihostid')
        if host_id is not None and host_id not in names:
            names[host_id] = host_api.find(client, str(host_id)).get(
                'hostname')
        record['hostname'] = names.get(host_id, host.get('hostname'))
        result.append(record)
    return result


def do_interface_network_list(client: Client,
                              args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    if args.ifnameoruuid is None:
        records = client.interface_network.list_for_host(host['uuid'])
    else:
        interface = find_interface(client, host, args.ifnameoruuid)
        records = client.interface_network.list_for_interface(
            interface['uuid'])
    output.print_list(_hostnames(client, records, host), NETWORK_COLUMNS,
                      args, sortby=1)


def do_interface_network_assign(client: Client,
                                args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    interface = find_interface(client, host, args.ifnameoruuid)
    network = client.network.find(args.netnameoruuid)
    created = client.interface_network.assign(interface['uuid'],
                                              network['uuid'])
    try:
        record = client.interface_network.get(created.get('uuid', ''))
    except exc.NotFound:
        raise exc.CommandError('Created Network Interface UUID not found: '
                               '%s' % created.get('uuid', '')) from None
    record = _hostnames(client, [record], host)[0]
    output.print_show(record, [c.field for c in NETWORK_COLUMNS],
                      labels=[c.label for c in NETWORK_COLUMNS])


def do_interface_network_remove(client: Client,
                                args: argparse.Namespace) -> None:
    client.interface_network.delete(args.interface_network_uuid)
    print('Deleted Interface Network: %s' % args.interface_network_uuid)


IFNAME = arg('ifnameoruuid', metavar='<interface name or uuid>',
             help='Name or UUID of interface.')
COMMON_OPTIONS = (
    arg('-m', '--imtu', metavar='<mtu>', help='The MTU of the interface.'),
    arg('-a', '--aemode', metavar='<ae mode>',
        choices=['balanced', 'active_standby', '802.3ad'],
        help='The AE mode (balanced or active_standby or 802.3ad).'),
    arg('-x', '--txhashpolicy', metavar='<txhashpolicy>',
        choices=['layer2', 'layer2+3', 'layer3+4'],
        help='The balanced tx distribution hash policy.'),
    arg('--ipv4-mode', dest='ipv4_mode', metavar='<ipv4_mode>',
        choices=['disabled', 'static', 'pool'],
        help='The IPv4 address mode of the interface.'),
    arg('--ipv6-mode', dest='ipv6_mode', metavar='<ipv6_mode>',
        choices=['disabled', 'static', 'link-local', 'pool'],
        help='The IPv6 address mode of the interface.'),
    arg('--ipv4-pool', dest='ipv4_pool', metavar='<ipv4 pool uuid or name>',
        help="The IPv4 address pool name or uuid if mode is set to 'pool'."),
    arg('--ipv6-pool', dest='ipv6_pool', metavar='<ipv6 pool uuid or name>',
        help="The IPv6 address pool name or uuid if mode is set to 'pool'."),
    arg('-N', '--num-vfs', dest='sriov_numvfs', metavar='<sriov numvfs>',
        help='The number of SR-IOV VFs of the interface.'),
    arg('--vf-driver', dest='sriov_vf_driver',
        metavar='<sriov vf driver>', choices=['netdevice', 'vfio'],
        help='The SR-IOV VF driver for this device.'),
    arg('--ptp-role', dest='ptp_role', metavar='<ptp role>',
        choices=['master', 'slave', 'none'],
        help='The PTP role for this interface.'),
)

COMMANDS = (
    Command('host-if-list', do_host_if_list, 'List interfaces.', (
        HOST,
        arg('-a', '--all', action='store_true',
            help='List all interface, including those without a configured '
                 'network type.'),
        output.COLUMN, output.FORMAT), nowrap=True),
    Command('host-if-show', do_host_if_show, 'Show interface attributes.',
            (HOST, IFNAME, output.COLUMN, output.FORMAT)),
    Command('host-if-add', do_host_if_add, 'Add an interface.', (
        HOST,
        arg('ifname', metavar='<interface name>',
            help='Name of interface [REQUIRED].'),
        arg('iftype', metavar='<iftype>', choices=IFTYPES, nargs='?',
            help='Type of the interface (%s).' % ', '.join(IFTYPES)),
        arg('portsorifaces', metavar='<portsorifaces>', nargs='+',
            help='Name of port(s) or interface(s) [REQUIRED].'),
        arg('-V', '--vlan_id', metavar='<vlan_id>',
            help='The VLAN id of the interface.'),
        arg('-c', '--ifclass', metavar='<class>', choices=IFCLASSES,
            help='The class of the interface.'),
    ) + COMMON_OPTIONS),
    Command('host-if-modify', do_host_if_modify,
            'Modify interface attributes.', (
                HOST, IFNAME,
                arg('-n', '--ifname', metavar='<new interface name>',
                    help='The new name of the interface.'),
                arg('-c', '--ifclass', metavar='<class>',
                    help='The class of the interface.'),
            ) + COMMON_OPTIONS),
    Command('host-if-delete', do_host_if_delete, 'Delete an interface.',
            (HOST, IFNAME)),
    Command('interface-network-list', do_interface_network_list,
            'List network interfaces.', (
                HOST,
                arg('ifnameoruuid', metavar='<interface name or uuid>',
                    nargs='?', help='Name of interface.'),
                output.COLUMN, output.FORMAT), nowrap=True),
    Command('interface-network-assign', do_interface_network_assign,
            'Assign a network to an interface.', (
                HOST, IFNAME,
                arg('netnameoruuid', metavar='<network name or uuid>',
                    help='Name or UUID of IP network [REQUIRED].'))),
    Command('interface-network-remove', do_interface_network_remove,
            'Remove an assigned network from an interface.', (
                arg('interface_network_uuid',
                    metavar='<interface network uuid>',
                    help='UUID of interface network entry.'),)),
)
