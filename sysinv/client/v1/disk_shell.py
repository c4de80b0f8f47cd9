"""``system host-disk-list``, ``host-disk-show`` and
``host-disk-partition-list``."""
from __future__ import annotations

import argparse
import math

from stx_common.client import exceptions as exc
from stx_common.client.commands import Command, arg
from sysinv.client import output
from sysinv.client.output import Column
from sysinv.client.v1 import host as host_api
from sysinv.client.v1.client import Client
from sysinv.client.v1.shell_common import HOST

DISK_FIELDS = ('device_node', 'device_num', 'device_type', 'device_path',
               'size_mib', 'available_mib', 'rpm', 'serial_id', 'uuid',
               'ihost_uuid', 'istor_uuid', 'ipv_uuid', 'created_at',
               'updated_at')
DISK_LABELS = ('device_node', 'device_num', 'device_type', 'device_path',
               'size_gib', 'available_gib', 'rpm', 'serial_id', 'uuid',
               'ihost_uuid', 'istor_uuid', 'ipv_uuid', 'created_at',
               'updated_at')
# Partition states (the API sends the number).
PARTITION_STATUS = {0: 'Ready', 1: 'In-Use', 2: 'Creating',
                    3: 'Creating (on unlock)', 4: 'Deleting',
                    5: 'Modifying', 6: 'Deleted', 10: 'Error',
                    11: 'Error: Internal script error',
                    12: 'Error: Missing GPT Table'}


def gib(mib) -> float | None:
    """MiB -> GiB, rounded down to 3 decimals (as StarlingX shows it)."""
    if mib in (None, ''):
        return mib
    return math.floor(float(mib) / 1024 * 1000) / 1000.0


def partition_status(value) -> str:
    try:
        return PARTITION_STATUS[int(value)]
    except (TypeError, ValueError, KeyError):
        return str(value)


DISK_COLUMNS = (
    Column('uuid', 'uuid'), Column('device_node', 'device_node'),
    Column('device_num', 'device_num'), Column('device_type', 'device_type'),
    Column('size_gib', 'size_mib', render=lambda r: gib(r.get('size_mib'))),
    Column('available_gib', 'available_mib',
           render=lambda r: gib(r.get('available_mib'))),
    Column('rpm', 'rpm'), Column('serial_id', 'serial_id'),
    Column('device_path', 'device_path'))
PARTITION_COLUMNS = (
    Column('uuid', 'uuid'), Column('device_path', 'device_path'),
    Column('device_node', 'device_node'), Column('type_guid', 'type_guid'),
    Column('type_name', 'type_name'),
    Column('size_gib', 'size_mib', render=lambda r: gib(r.get('size_mib'))),
    Column('status', 'status',
           render=lambda r: partition_status(r.get('status'))))


def do_host_disk_list(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    output.print_list(client.idisk.list_for_host(host['uuid']),
                      DISK_COLUMNS, args, sortby=1)


def find_disk(client: Client, host: dict, ident: str) -> dict:
    """A disk of ``host`` by device node, device path or uuid."""
    for disk in client.idisk.list_for_host(host['uuid']):
        if ident in (disk.get('device_node'), disk.get('uuid'),
                     disk.get('device_path')):
            return disk
    raise exc.CommandError('Disk not found: host %s disk %s'
                           % (host.get('id'), ident))


def do_host_disk_show(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    disk = dict(find_disk(client, host, args.device_nodeoruuid))
    disk['size_mib'] = gib(disk.get('size_mib'))
    disk['available_mib'] = gib(disk.get('available_mib'))
    output.print_show(disk, DISK_FIELDS, args, labels=DISK_LABELS)


def do_host_disk_partition_list(client: Client,
                                args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostname_or_id)
    if args.disk:
        disk = find_disk(client, host, args.disk)
        partitions = client.partition.list_for_disk(host['uuid'],
                                                    disk['uuid'])
    else:
        partitions = client.partition.list_for_host(host['uuid'])
    output.print_list(partitions, PARTITION_COLUMNS, args, sortby=1)


COMMANDS = (
    Command('host-disk-list', do_host_disk_list, 'List disks.',
            (HOST, output.COLUMN, output.FORMAT), nowrap=True),
    Command('host-disk-show', do_host_disk_show, 'Show disk attributes.', (
        HOST,
        arg('device_nodeoruuid', metavar='<disk name or uuid>',
            help='Name (device node or path) or UUID of disk.'),
        output.COLUMN, output.FORMAT)),
    Command('host-disk-partition-list', do_host_disk_partition_list,
            'List disk partitions.', (
                arg('hostname_or_id', metavar='<hostname or id>',
                    help='Name or ID of host.'),
                arg('--disk', metavar='<idisk_uuid>', default=None,
                    help='UUID (or device node) of the disk.'),
                output.COLUMN, output.FORMAT), nowrap=True),
)
