"""``system host-memory-list``, ``host-memory-show`` and
``host-memory-modify`` (one memory record per processor)."""
from __future__ import annotations

import argparse

from stx_common.client import exceptions as exc
from stx_common.client.commands import Command, arg
from sysinv.client import output
from sysinv.client.output import Column
from sysinv.client.v1 import host as host_api
from sysinv.client.v1.client import Client
from sysinv.client.v1.shell_common import HOST

LIST = (
    ('processor', 'numa_node'),
    ('mem_total(MiB)', 'memtotal_mib'),
    ('mem_platform(MiB)', 'platform_reserved_mib'),
    ('mem_avail(MiB)', 'memavail_mib'),
    ('hugepages(hp)_configured', 'hugepages_configured'),
    ('vs_hp_size(MiB)', 'vswitch_hugepages_size_mib'),
    ('vs_hp_total', 'vswitch_hugepages_nr'),
    ('vs_hp_avail', 'vswitch_hugepages_avail'),
    ('vs_hp_reqd', 'vswitch_hugepages_reqd'),
    ('app_total_4K', 'vm_hugepages_nr_4K'),
    ('app_hp_as_percentage', 'vm_pending_as_percentage'),
    ('app_hp_total_2M', 'vm_hugepages_nr_2M'),
    ('app_hp_avail_2M', 'vm_hugepages_avail_2M'),
    ('app_hp_pending_2M', 'vm_hugepages_nr_2M_pending'),
    ('app_hp_total_1G', 'vm_hugepages_nr_1G'),
    ('app_hp_avail_1G', 'vm_hugepages_avail_1G'),
    ('app_hp_pending_1G', 'vm_hugepages_nr_1G_pending'),
    ('app_hp_use_1G', 'vm_hugepages_use_1G'),
)
LIST_COLUMNS = tuple(Column(label, field) for label, field in LIST)
PENDING = '                Total Pending'
SHOW = (
    ('memtotal_mib', 'Memory: Usable Total (MiB)'),
    ('platform_reserved_mib', '        Platform     (MiB)'),
    ('memavail_mib', '        Available    (MiB)'),
    ('hugepages_configured', 'Huge Pages Configured'),
    ('vswitch_hugepages_size_mib', 'vSwitch Huge Pages: Size (MiB)'),
    ('vswitch_hugepages_nr', '                    Total'),
    ('vswitch_hugepages_avail', '                    Available'),
    ('vswitch_hugepages_reqd', '                    Required'),
    ('vm_hugepages_nr_4K', 'Application  Pages (4K): Total'),
    ('vm_pending_as_percentage',
     'Application  Huge Pages Pending As Percentage'),
    ('vm_hugepages_nr_2M', 'Application  Huge Pages (2M): Total'),
    ('vm_hugepages_nr_2M_pending', PENDING),
    ('vm_hugepages_avail_2M', '                Available'),
    ('vm_hugepages_nr_1G', 'Application  Huge Pages (1G): Total'),
    ('vm_hugepages_nr_1G_pending', PENDING),
    ('vm_hugepages_avail_1G', '                Available'),
    ('uuid', 'uuid'), ('ihost_uuid', 'ihost_uuid'),
    ('inode_uuid', 'inode_uuid'), ('created_at', 'created_at'),
    ('updated_at', 'updated_at'),
)


def memories(client: Client, host: dict) -> list[dict]:
    """The host's memory records, each with its processor (from its NUMA
    node when the record does not carry it)."""
    records = [dict(m) for m in client.imemory.list_for_host(host['uuid'])]
    if any(r.get('numa_node') is None for r in records):
        nodes = {n.get('uuid'): n.get('numa_node')
                 for n in client.inode.list_for_host(host['uuid'])}
        for record in records:
            if record.get('numa_node') is None:
                record['numa_node'] = nodes.get(record.get('inode_uuid'))
    return records


def find_memory(client: Client, host: dict, processor: str) -> dict:
    for record in memories(client, host):
        if str(record.get('numa_node')) == str(processor).strip():
            return record
    raise exc.CommandError('Processor not found: host %s processor %s'
                           % (host.get('hostname'), processor))


def print_memory(record: dict, args: argparse.Namespace | None = None
                 ) -> None:
    rows = [(f, label) for f, label in SHOW
            if not (label == PENDING and record.get(f) is None)]
    output.print_show(record, [f for f, _ in rows], args,
                      labels=[label for _, label in rows])


def do_host_memory_list(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    output.print_list(memories(client, host), LIST_COLUMNS, args, sortby=1)


def do_host_memory_show(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    print_memory(find_memory(client, host, args.numa_node), args)


def _pages(value: str) -> tuple[int, bool]:
    """``N`` or ``N%`` -> (N, is a percentage)."""
    text = str(value).strip()
    percent = text.endswith('%')
    try:
        return int(text.rstrip('%')), percent
    except ValueError:
        raise exc.CommandError('Invalid number of huge pages: %s'
                               % value) from None


def memory_patch(args: argparse.Namespace) -> list[dict]:
    """The JSON-Patch of host-memory-modify, as StarlingX's client sends
    it (vswitch pages become the vswitch request and page size)."""
    patch = []
    if args.platform_reserved_mib is not None:
        patch.append({'op': 'replace', 'path': '/platform_reserved_mib',
                      'value': args.platform_reserved_mib})
    sizes = (('2M', args.hugepages_nr_2M_pending, 2),
             ('1G', args.hugepages_nr_1G_pending, 1024))
    percents = {}
    vswitch_size = None
    for size, value, mib in sizes:
        if value is None:
            continue
        if args.function == 'vswitch':
            vswitch_size = mib
            patch.append({'op': 'replace', 'path': '/vswitch_hugepages_reqd',
                          'value': value})
            continue
        number, percents[size] = _pages(value)
        patch.append({'op': 'replace',
                      'path': '/vm_hugepages_nr_%s_pending' % size,
                      'value': number})
    if len(set(percents.values())) > 1:
        raise exc.CommandError(
            '2MB hugepage and 1GB hugepage values must both be percent or '
            'not percent. (2M as percentage: %s, 1G as percentage: %s)'
            % (percents['2M'], percents['1G']))
    if vswitch_size:
        patch.append({'op': 'replace', 'path': '/vswitch_hugepages_size_mib',
                      'value': vswitch_size})
    if percents:
        patch.append({'op': 'replace', 'path': '/vm_pending_as_percentage',
                      'value': str(next(iter(percents.values())))})
    return patch


def do_host_memory_modify(client: Client, args: argparse.Namespace) -> None:
    patch = memory_patch(args)
    host = host_api.find(client, args.hostnameorid)
    record = find_memory(client, host, args.numa_node)
    if not patch:
        raise exc.CommandError('No memory attribute to modify was given '
                               '(see "system help host-memory-modify")')
    updated = dict(client.imemory.update(record['uuid'], patch))
    updated.setdefault('numa_node', record.get('numa_node'))
    print_memory(updated)


PROCESSOR = arg('numa_node', metavar='<processor>', help='Processor.')

COMMANDS = (
    Command('host-memory-list', do_host_memory_list, 'List memory nodes.',
            (HOST, output.COLUMN, output.FORMAT), nowrap=True),
    Command('host-memory-show', do_host_memory_show,
            'Show memory attributes.',
            (HOST, PROCESSOR, output.COLUMN, output.FORMAT)),
    Command('host-memory-modify', do_host_memory_modify,
            'Modify platform reserved and/or application huge page memory '
            'attributes for worker nodes.', (
                HOST, PROCESSOR,
                arg('-m', '--platform_reserved_mib',
                    metavar='<Platform Reserved MiB>',
                    help='The amount of platform memory (MiB) for the numa '
                         'node.'),
                arg('-2M', '--hugepages_nr_2M_pending',
                    metavar='<2M hugepages number>',
                    help='The number of 2M application huge pages for the '
                         'numa node (or a percentage: N%%).'),
                arg('-1G', '--hugepages_nr_1G_pending',
                    metavar='<1G hugepages number>',
                    help='The number of 1G application huge pages for the '
                         'numa node (or a percentage: N%%).'),
                arg('-f', '--function', metavar='<function>',
                    choices=['vswitch', 'application'],
                    default='application',
                    help='The Memory Function (vswitch or application).'),
            )),
)
