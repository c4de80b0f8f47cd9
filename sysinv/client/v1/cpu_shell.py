"""``system host-cpu-list``, ``host-cpu-show`` and ``host-cpu-modify``."""
from __future__ import annotations

import argparse

from stx_common.client import exceptions as exc
from stx_common.client.commands import Command, arg
from sysinv.client import output
from sysinv.client.output import Column
from sysinv.client.v1 import host as host_api
from sysinv.client.v1.client import Client
from sysinv.client.v1.shell_common import HOST, positive_int

# How StarlingX's client shows the functions it knows.
FUNCTION_LABELS = {'Platform': 'Platform', 'Vswitch': 'vSwitch',
                   'Shared': 'Shared', 'Application': 'Application',
                   'Application-isolated': 'Application-isolated',
                   'None': 'None'}
FUNCTIONS = ('vswitch', 'shared', 'platform', 'application-isolated',
             'application')
SHOW_FIELDS = ('cpu', 'numa_node', 'core', 'thread', 'allocated_function',
               'cpu_model', 'cpu_family', 'capabilities', 'uuid',
               'ihost_uuid', 'inode_uuid', 'created_at', 'updated_at')
SHOW_LABELS = ('logical_core', 'processor (numa_node)', 'physical_core',
               'thread', 'assigned_function', 'processor_model',
               'processor_family', 'capabilities', 'uuid', 'ihost_uuid',
               'inode_uuid', 'created_at', 'updated_at')


def function_label(value) -> str:
    if value in FUNCTION_LABELS:
        return FUNCTION_LABELS[value]
    return 'unknown(%s)' % value


LIST_COLUMNS = (
    Column('uuid', 'uuid'), Column('log_core', 'cpu'),
    Column('processor', 'numa_node'), Column('phy_core', 'core'),
    Column('thread', 'thread'), Column('processor_model', 'cpu_model'),
    Column('assigned_function', 'allocated_function',
           render=lambda r: function_label(r.get('allocated_function'))))


def print_cpus(cpus: list[dict], args: argparse.Namespace) -> None:
    output.print_list(cpus, LIST_COLUMNS, args, sortby=1)


def do_host_cpu_list(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    print_cpus(client.icpu.list_for_host(host['uuid']), args)


def find_cpu(client: Client, host: dict, ident: str) -> dict:
    """A CPU of ``host`` by logical core number or uuid."""
    for cpu in client.icpu.list_for_host(host['uuid']):
        if cpu.get('uuid') == ident or str(cpu.get('cpu')) == ident:
            return cpu
    raise exc.CommandError('CPU logical core not found: host %s cpu %s'
                           % (host.get('hostname'), ident))


def do_host_cpu_show(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    cpu = dict(find_cpu(client, host, args.cpulcoreoruuid))
    cpu['allocated_function'] = function_label(cpu.get('allocated_function'))
    output.print_show(cpu, SHOW_FIELDS, args, labels=SHOW_LABELS)


def cpu_functions(args: argparse.Namespace) -> list[dict]:
    """The body of ``host_cpus_modify``: one function, its cores per
    processor or its CPU list."""
    sockets = [{str(n): count} for n, count in enumerate(
        (args.num_cores_on_processor0, args.num_cores_on_processor1,
         args.num_cores_on_processor2, args.num_cores_on_processor3))
        if count is not None]
    if sockets and args.cpulist:
        raise exc.CommandError('Give the number of cores per processor or '
                               'a CPU list, not both.')
    if args.cpulist:
        return [{'function': args.function, 'cpulist': args.cpulist}]
    if not sockets:
        raise exc.CommandError('Number of cores on Processor (Socket) not '
                               'provided.')
    return [{'function': args.function, 'sockets': sockets}]


def do_host_cpu_modify(client: Client, args: argparse.Namespace) -> None:
    functions = cpu_functions(args)
    host = host_api.find(client, args.hostnameorid)
    print_cpus(client.ihost.cpus_modify(host['uuid'], functions), args)


def _cores(number: int):
    return arg('-p%d' % number, '--num_cores_on_processor%d' % number,
               metavar='<num_cores_on_processor%d>' % number,
               type=positive_int,
               help='Number of cores on Processor %d.' % number)


COMMANDS = (
    Command('host-cpu-list', do_host_cpu_list, 'List cpu cores.',
            (HOST, output.COLUMN, output.FORMAT), nowrap=True),
    Command('host-cpu-show', do_host_cpu_show, 'Show cpu core attributes.', (
        HOST,
        arg('cpulcoreoruuid', metavar='<cpu l_core or uuid>',
            help='CPU logical core ID or UUID of cpu.'),
        output.COLUMN, output.FORMAT)),
    Command('host-cpu-modify', do_host_cpu_modify,
            'Modify cpu core assignments.', (
                HOST,
                arg('-f', '--function', metavar='<function>',
                    choices=FUNCTIONS, required=True,
                    help='The Core Function (%s).' % ', '.join(FUNCTIONS)),
                _cores(0), _cores(1), _cores(2), _cores(3),
                arg('-c', '--cpulist', metavar='<cpulist>',
                    help='The exact CPUs to assign, e.g. 2-3,8 (instead '
                         'of counts per processor).'),
            ), nowrap=True),
)
