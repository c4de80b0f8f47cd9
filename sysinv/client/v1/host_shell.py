"""``system host-*``: list, show, add, update, delete, and the actions
(lock, unlock, swact, reboot, reset, reinstall, power-on, power-off)."""
from __future__ import annotations

import argparse

from stx_common.client import exceptions as exc
from stx_common.client.commands import Command, arg
from sysinv.client import output
from sysinv.client.output import Column
from sysinv.client.v1 import host as host_api
from sysinv.client.v1.client import Client
from sysinv.client.v1.shell_common import HOST, attributes_patch

LIST_COLUMNS = (Column('id', 'id'), Column('hostname', 'hostname'),
                Column('personality', 'personality'),
                Column('administrative', 'administrative'),
                Column('operational', 'operational'),
                Column('availability', 'availability'))
SHOW_FIELDS = (
    'id', 'uuid', 'personality', 'hostname', 'invprovision',
    'administrative', 'operational', 'availability', 'task', 'action',
    'mgmt_mac', 'serialid', 'capabilities', 'bm_type', 'bm_username',
    'bm_ip', 'config_applied', 'config_target', 'config_status',
    'location', 'uptime', 'reserved', 'created_at', 'updated_at',
    'boot_device', 'rootfs_device', 'hw_settle', 'install_output',
    'console', 'tboot', 'vim_progress_status', 'install_state',
    'install_state_info', 'inv_state', 'clock_synchronization',
    'device_image_update', 'reboot_needed', 'max_cpu_mhz_configured',
    'min_cpu_mhz_allowed', 'max_cpu_mhz_allowed', 'cstates_available',
    'apparmor', 'iscsi_initiator_name', 'nvme_host_id', 'nvme_host_nqn',
    'sw_version')
OPTIONAL_FIELDS = ('vsc_controllers', 'ttys_dcd')
SHOW_WRAP = 72
PERSONALITIES = ('controller', 'worker', 'storage', 'edgeworker')
ADD_FIELDS = ('hostname', 'personality', 'subfunctions', 'mgmt_mac',
              'mgmt_ip', 'bm_ip', 'bm_type', 'bm_username', 'bm_password',
              'boot_device', 'rootfs_device', 'hw_settle', 'install_output',
              'console', 'vsc_controllers', 'location', 'ttys_dcd',
              'clock_synchronization')


def show_fields(host: dict) -> list[str]:
    """The rows of host-show for ``host`` (StarlingX adds subfunctions,
    peers and a few optional fields only when they mean something)."""
    fields = list(SHOW_FIELDS)
    subfunctions = host.get('subfunctions')
    if subfunctions != host.get('personality'):
        fields.append('subfunctions')
        if subfunctions and 'controller' in subfunctions:
            fields += ['subfunction_oper', 'subfunction_avail']
    if host.get('peers'):
        fields.append('peers')
    fields += [f for f in OPTIONAL_FIELDS if f in host]
    return fields


def print_host(host: dict, args: argparse.Namespace | None = None) -> None:
    record = dict(host)
    for name in ('install_state', 'install_state_info'):
        # a trailing '+' counts the installer's audits: not shown
        if isinstance(record.get(name), str):
            record[name] = record[name].rstrip('+')
    output.print_show(record, show_fields(record), args, wrap=SHOW_WRAP)


def do_host_list(client: Client, args: argparse.Namespace) -> None:
    output.print_list(client.ihost.list(), LIST_COLUMNS, args, sortby=0)


def do_host_show(client: Client, args: argparse.Namespace) -> None:
    print_host(host_api.find(client, args.hostnameorid), args)


def do_host_add(client: Client, args: argparse.Namespace) -> None:
    body = {k: v for k, v in vars(args).items()
            if k in ADD_FIELDS and v is not None}
    if 'location' in body:
        body['location'] = {'locn': body['location']}
    created = client.ihost.create(body)
    try:
        host = client.ihost.get(created.get('uuid', ''))
    except exc.NotFound:
        raise exc.CommandError('Host not found: %s'
                               % created.get('uuid', '')) from None
    print_host(host)


def do_host_update(client: Client, args: argparse.Namespace) -> None:
    patch = attributes_patch(args.attributes)
    host = host_api.find(client, args.hostnameorid)
    try:
        host = client.ihost.update(host['id'], patch)
    except exc.NotFound:
        raise exc.CommandError('host not found: %s'
                               % args.hostnameorid) from None
    print_host(host)


def do_host_delete(client: Client, args: argparse.Namespace) -> None:
    for ident in args.hostnameorid:
        try:
            client.ihost.delete(ident)
        except exc.NotFound:
            raise exc.CommandError('host not found: %s' % ident) from None
        print('Deleted host %s' % ident)


def _act(client: Client, ident: str, action: str) -> None:
    """Find the host, PATCH its ``/action`` and show the answer."""
    host = host_api.find(client, ident)
    try:
        host = client.ihost.action(host['id'], action)
    except exc.NotFound:
        raise exc.CommandError('host not found: %s' % ident) from None
    print_host(host)


def do_host_lock(client: Client, args: argparse.Namespace) -> None:
    if args.unsafe and not args.force:
        raise exc.CommandError('--unsafe is only valid with --force')
    if args.force:
        action = 'force-unsafe-lock' if args.unsafe else 'force-lock'
    else:
        action = 'lock'
    _act(client, args.hostnameorid, action)


def do_host_unlock(client: Client, args: argparse.Namespace) -> None:
    _act(client, args.hostnameorid,
         'force-unlock' if args.force else 'unlock')


def do_host_swact(client: Client, args: argparse.Namespace) -> None:
    _act(client, args.hostnameorid, 'force-swact' if args.force else 'swact')


def _simple_action(action: str):
    def handler(client: Client, args: argparse.Namespace) -> None:
        _act(client, args.hostnameorid, action)

    handler.__name__ = 'do_host_' + action.replace('-', '_')
    return handler


do_host_reset = _simple_action('reset')
do_host_reboot = _simple_action('reboot')
do_host_reinstall = _simple_action('reinstall')
do_host_power_on = _simple_action('power-on')
do_host_power_off = _simple_action('power-off')


def _force(what: str):
    return arg('-f', '--force', action='store_true', default=False,
               help='Force %s operation.' % what)


ADD_ARGUMENTS = (
    arg('-n', '--hostname', metavar='<hostname>',
        help='Hostname of the host.'),
    arg('-p', '--personality', metavar='<personality>',
        choices=PERSONALITIES,
        help='Personality or type of host [REQUIRED].'),
    arg('-s', '--subfunctions', metavar='<subfunctions>',
        choices=['lowlatency'],
        help='Performance profile or subfunctions of host [Optional].'),
    arg('-m', '--mgmt_mac', metavar='<mgmt_mac>',
        help='MAC Address of the host mgmt interface [REQUIRED].'),
    arg('-i', '--mgmt_ip', metavar='<mgmt_ip>',
        help='IP Address of the host mgmt interface (when using static '
             'address allocation).'),
    arg('-I', '--bm_ip', metavar='<bm_ip>',
        help='IP Address of the host board management interface, only '
             "necessary if this host's board management controller is not "
             'in the primary region.'),
    arg('-T', '--bm_type', metavar='<bm_type>',
        help='Type of the host board management interface.'),
    arg('-U', '--bm_username', metavar='<bm_username>',
        help='Username for the host board management interface.'),
    arg('-P', '--bm_password', metavar='<bm_password>',
        help='Password for the host board management interface.'),
    arg('-b', '--boot_device', metavar='<boot_device>',
        help='Device for boot partition, relative to /dev. Default: sda.'),
    arg('-r', '--rootfs_device', metavar='<rootfs_device>',
        help='Device for rootfs partition, relative to /dev. Default: '
             'sda.'),
    arg('-R', '--hw_settle', metavar='<hw_settle>',
        help='Seconds to wait for the hardware to settle during install. '
             'Default: 0.'),
    arg('-o', '--install_output', metavar='<install_output>',
        choices=['text', 'graphical'],
        help='Installation output format, text or graphical. Default: '
             'text.'),
    arg('-c', '--console', metavar='<console>',
        help='Serial console. Default: ttyS0,115200.'),
    arg('-v', '--vsc_controllers', metavar='<vsc_controllers>',
        help='Comma separated active/standby VSC Controller IP '
             'addresses.'),
    arg('-l', '--location', metavar='<location>',
        help='Physical location of the host.'),
    arg('-D', '--ttys_dcd', metavar='<true/false>',
        help='Enable/disable serial console data carrier detection.'),
    arg('-C', '--clock_synchronization', metavar='<clock_synchronization>',
        choices=['ntp', 'ptp'],
        help='Clock synchronization, ntp or ptp. Default: ntp.'),
)

COMMANDS = (
    Command('host-list', do_host_list, 'List hosts.',
            (output.COLUMN, output.FORMAT), nowrap=True),
    Command('host-show', do_host_show, 'Show host attributes.',
            (HOST, output.COLUMN, output.FORMAT)),
    Command('host-add', do_host_add, 'Add a new host.', ADD_ARGUMENTS),
    Command('host-update', do_host_update, 'Update host attributes.', (
        HOST,
        arg('attributes', metavar='<path=value>', nargs='+',
            help='Attributes to update.'))),
    Command('host-delete', do_host_delete, 'Delete a host.', (
        arg('hostnameorid', metavar='<hostname or id>', nargs='+',
            help='Name or ID of host.'),)),
    Command('host-lock', do_host_lock, 'Lock a host.', (
        HOST, _force('a lock'),
        arg('-u', '--unsafe', action='store_true', default=False,
            help='With --force: skip even the quorum checks of a force '
                 'lock (force-unsafe-lock).'))),
    Command('host-unlock', do_host_unlock, 'Unlock a host.',
            (HOST, _force('an unlock'))),
    Command('host-swact', do_host_swact,
            'Switch activity away from this active host.',
            (HOST, _force('a host swact'))),
    Command('host-reset', do_host_reset, 'Reset a host.', (HOST,)),
    Command('host-reboot', do_host_reboot, 'Reboot a host.', (HOST,)),
    Command('host-reinstall', do_host_reinstall, 'Reinstall a host.',
            (HOST,)),
    Command('host-power-on', do_host_power_on, 'Power on a host.',
            (HOST,)),
    Command('host-power-off', do_host_power_off, 'Power off a host.',
            (HOST,)),
)
