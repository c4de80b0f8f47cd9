"""``system host-port-list``, ``host-port-show`` and ``host-device-list``.
"""
from __future__ import annotations

import argparse

from stx_common.client import exceptions as exc
from stx_common.client.commands import Command, arg
from sysinv.client import output
from sysinv.client.output import Column
from sysinv.client.v1 import host as host_api
from sysinv.client.v1.client import Client
from sysinv.client.v1.shell_common import HOST

PORT_COLUMNS = (
    Column('uuid', 'uuid'), Column('name', 'name'), Column('type', 'type'),
    Column('pci address', 'pciaddr'), Column('device', 'dev_id'),
    Column('processor', 'numa_node'), Column('accelerated', 'dpdksupport'),
    Column('device type', 'pdevice'))
PORT_FIELDS = ('name', 'namedisplay', 'type', 'pciaddr', 'dev_id',
               'numa_node', 'sriov_totalvfs', 'sriov_numvfs',
               'sriov_vfs_pci_address', 'sriov_vf_driver', 'driver',
               'pclass', 'pvendor', 'pdevice', 'capabilities', 'uuid',
               'host_uuid', 'interface_uuid', 'dpdksupport', 'created_at',
               'updated_at')
PORT_LABELS = ('name', 'namedisplay', 'type', 'pciaddr', 'dev_id',
               'processor', 'sriov_totalvfs', 'sriov_numvfs',
               'sriov_vfs_pci_address', 'sriov_vf_driver', 'driver',
               'pclass', 'pvendor', 'pdevice', 'capabilities', 'uuid',
               'host_uuid', 'interface_uuid', 'accelerated', 'created_at',
               'updated_at')
DEVICE = (('name', 'name'), ('address', 'pciaddr'),
          ('class id', 'pclass_id'), ('vendor id', 'pvendor_id'),
          ('device id', 'pdevice_id'), ('class name', 'pclass'),
          ('vendor name', 'pvendor'), ('device name', 'pdevice'),
          ('numa_node', 'numa_node'), ('enabled', 'enabled'))
DEVICE_COLUMNS = tuple(Column(label, field) for label, field in DEVICE)


def do_host_port_list(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    output.print_list(client.port.list_for_host(host['uuid']), PORT_COLUMNS,
                      args, sortby=1)


def find_port(client: Client, host: dict, ident: str) -> dict:
    for port in client.port.list_for_host(host['uuid']):
        if ident in (port.get('name'), port.get('uuid')):
            return port
    raise exc.CommandError('Port not found: host %s port %s'
                           % (host.get('id'), ident))


def do_host_port_show(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    port = find_port(client, host, args.pnameoruuid)
    output.print_show(port, PORT_FIELDS, args, labels=PORT_LABELS)


def do_host_device_list(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    devices = [d for d in client.pci_device.list_for_host(host['uuid'])
               if args.all or d.get('enabled')]
    output.print_list(devices, DEVICE_COLUMNS, args, sortby=1)


COMMANDS = (
    Command('host-port-list', do_host_port_list, 'List host ports.',
            (HOST, output.COLUMN, output.FORMAT), nowrap=True),
    Command('host-port-show', do_host_port_show, 'Show host port details.', (
        HOST,
        arg('pnameoruuid', metavar='<port name or uuid>',
            help='Name or UUID of port.'),
        output.COLUMN, output.FORMAT)),
    Command('host-device-list', do_host_device_list, 'List devices.', (
        HOST,
        arg('-a', '--all', action='store_true',
            help='List all devices, including those that are not '
                 'enabled.'),
        output.COLUMN, output.FORMAT), nowrap=True),
)
