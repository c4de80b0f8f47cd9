"""``system show`` and ``system modify``."""
from __future__ import annotations

import argparse

from stx_common.client import exceptions as exc
from stx_common.client.commands import Command, arg
from sysinv.client import output
from sysinv.client.v1.client import Client

SHOW_FIELDS = ('name', 'system_type', 'system_mode', 'description',
               'location', 'latitude', 'longitude', 'contact', 'timezone',
               'software_version', 'uuid', 'created_at', 'updated_at',
               'region_name', 'service_project_name', 'security_feature')
MODIFIABLE = ('name', 'system_mode', 'description', 'location', 'latitude',
              'longitude', 'contact', 'timezone', 'sdn_enabled',
              'https_enabled', 'vswitch_type', 'security_feature')
AIO = 'All-in-one'
SIMPLEX = 'simplex'
MODE_TARGETS = ('duplex', 'duplex-direct')
BOOLEANS = ('true', 'false', 'True', 'False')


def show_record(system: dict) -> tuple[dict, list[str]]:
    """The record and rows of ``system show``: the system's fields and
    the capabilities StarlingX shows beside them."""
    record = dict(system)
    fields = list(SHOW_FIELDS)
    capabilities = system.get('capabilities') or {}
    if capabilities.get('region_config'):
        fields.append('shared_services')
        record['shared_services'] = capabilities.get('shared_services')
    for name in ('sdn_enabled', 'https_enabled'):
        if capabilities.get(name) is not None:
            fields.append(name)
            record[name] = capabilities.get(name)
    if system.get('distributed_cloud_role'):
        fields.append('distributed_cloud_role')
    if capabilities.get('vswitch_type') is not None:
        fields.append('vswitch_type')
        record['vswitch_type'] = capabilities.get('vswitch_type')
    return record, fields


def print_system(system: dict, args: argparse.Namespace | None = None
                 ) -> None:
    record, fields = show_record(system)
    output.print_show(record, fields, args)


def do_show(client: Client, args: argparse.Namespace) -> None:
    print_system(client.isystem.the_system(), args)


def _check_mode(system: dict, mode: str, assume_yes: bool) -> bool:
    """StarlingX's client-side rules for a new system_mode; False when
    the user does not confirm."""
    if system.get('system_type') != AIO:
        raise exc.CommandError('system_mode can only be modified on an AIO '
                               'system')
    if system.get('system_mode') == SIMPLEX:
        raise exc.CommandError("system_mode can not be modified if it is "
                               "currently set to '%s'" % SIMPLEX)
    if system.get('system_mode') == mode:
        raise exc.CommandError("system_mode value already set to '%s'"
                               % mode)
    if mode not in MODE_TARGETS:
        raise exc.CommandError("Invalid value for system_mode, it can only "
                               "be modified to '%s' or '%s'" % MODE_TARGETS)
    if assume_yes:
        return True
    text = 'direct connect' if mode == 'duplex-direct' else 'duplex'
    try:
        answer = input(
            '\nThe system will be reconfigured to AIO %s.\nThe controllers '
            'need to be physically accessed to reconnect network cables. '
            'Please check the admin guide for prerequisites before '
            'continue.\nAre you sure you want to continue [yes/N]: ' % text)
    except EOFError:
        answer = ''
    if answer.strip() != 'yes':
        print('Operation cancelled.')
        return False
    print('Please follow the admin guide to complete the reconfiguration.')
    return True


def do_modify(client: Client, args: argparse.Namespace) -> None:
    system = client.isystem.the_system()
    values = {k: v for k, v in vars(args).items()
              if k in MODIFIABLE and v is not None}
    if not values:
        raise exc.CommandError('No system attribute to modify was given '
                               '(see "system help modify")')
    if 'system_mode' in values and not _check_mode(
            system, values['system_mode'], args.yes):
        return
    patch = [{'op': 'replace', 'path': '/' + k, 'value': v}
             for k, v in values.items()]
    try:
        system = client.isystem.update(system['uuid'], patch)
    except exc.NotFound:
        raise exc.CommandError('system not found: %s'
                               % system['uuid']) from None
    print_system(system)
    if values.get('https_enabled') in ('true', 'True'):
        print("HTTPS enabled with a self-signed certificate.\nThis should "
              "be changed to a CA-signed certificate with 'system "
              "certificate-install'. ")


COMMANDS = (
    Command('show', do_show, 'Show system attributes.',
            (output.COLUMN, output.FORMAT)),
    Command('modify', do_modify, 'Modify system attributes.', (
        arg('-n', '--name', metavar='<name>',
            help='The name of the system.'),
        arg('-s', '--sdn_enabled', metavar='<sdn_enabled>',
            choices=BOOLEANS, help='The SDN enabled or disabled flag.'),
        arg('-t', '--timezone', metavar='<timezone>',
            help='The timezone of the system.'),
        arg('-m', '--system_mode', metavar='<system_mode>',
            help='The system mode of the system (duplex or '
                 'duplex-direct, from duplex on an AIO system).'),
        arg('-d', '--description', metavar='<description>',
            help='The description of the system.'),
        arg('-c', '--contact', metavar='<contact>',
            help='The contact of the system.'),
        arg('-l', '--location', metavar='<location>',
            help='The location of the system.'),
        arg('-la', '--latitude', metavar='<latitude>',
            help='The latitude GEO location coordinate of the system.'),
        arg('-lo', '--longitude', metavar='<longitude>',
            help='The longitude GEO location coordinate of the system.'),
        arg('-p', '--https_enabled', metavar='<https_enabled>',
            choices=BOOLEANS, help='The HTTPS enabled or disabled flag.'),
        arg('-v', '--vswitch_type', metavar='<vswitch_type>',
            help='The vswitch type for the system.'),
        arg('-S', '--security_feature', metavar='<security_feature>',
            choices=['spectre_meltdown_v1', 'spectre_meltdown_all'],
            help='Use spectre_meltdown_v1 to add linux bootargs "nopti '
                 'nospectre_v2 nospectre_v1", or spectre_meltdown_all to '
                 'not add any mitigation disabling bootargs.'),
        arg('--yes', action='store_true',
            help='Do not ask for a confirmation of a system_mode change.'),
    )),
)
