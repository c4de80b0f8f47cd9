"""``system service-parameter-list/-show/-add/-modify/-delete/-apply``."""
from __future__ import annotations

import argparse

from stx_common.client import exceptions as exc
from stx_common.client import query
from stx_common.client.commands import Command, arg
from sysinv.client import output
from sysinv.client.output import Column
from sysinv.client.v1.client import Client
from sysinv.client.v1.shell_common import keypairs

FIELDS = ('uuid', 'service', 'section', 'name', 'value', 'personality',
          'resource')
COLUMNS = tuple(Column(f, f) for f in FIELDS)
SHOW_WRAP = 72
NOT_AUTHORIZED = 'The requested action is not authorized'


def print_parameter(parameter: dict,
                    args: argparse.Namespace | None = None) -> None:
    output.print_show(parameter, FIELDS, args, wrap=SHOW_WRAP)


def filters(args: argparse.Namespace) -> list[query.QueryItem]:
    return [{'field': name, 'op': 'eq', 'value': getattr(args, name),
             'type': ''}
            for name in ('service', 'section', 'name')
            if getattr(args, name) is not None]


def do_service_parameter_list(client: Client,
                              args: argparse.Namespace) -> None:
    parameters = client.service_parameter.list(q=filters(args))
    output.print_list(parameters, COLUMNS, args, sortby=None)


def do_service_parameter_show(client: Client,
                              args: argparse.Namespace) -> None:
    print_parameter(client.service_parameter.get(args.uuid), args)


def _one_with_resource(parameters: dict, args: argparse.Namespace) -> None:
    if len(parameters) > 1 and (args.resource is not None or
                                args.personality is not None):
        raise exc.CommandError('Cannot specify multiple parameters with '
                               'custom resource.')


def do_service_parameter_add(client: Client,
                             args: argparse.Namespace) -> None:
    parameters = keypairs(args.attributes)
    _one_with_resource(parameters, args)
    created = client.service_parameter.create(
        args.service, args.section, parameters, args.personality,
        args.resource)
    for item in created:
        if item.get('uuid') is None:
            continue
        try:
            parameter = client.service_parameter.get(item['uuid'])
        except exc.NotFound:
            raise exc.CommandError('Service parameter not found: %s'
                                   % item['uuid']) from None
        print_parameter(parameter)


def find_parameter(client: Client, service: str, section: str,
                   name: str) -> dict:
    wanted = [{'field': 'service', 'op': 'eq', 'value': service,
               'type': ''}]
    for parameter in client.service_parameter.list(q=wanted):
        if (parameter.get('service'), parameter.get('section'),
                parameter.get('name')) == (service, section, name):
            return parameter
    raise exc.CommandError('Service Parameter not found: service %s, '
                           'section %s, name %s' % (service, section, name))


def do_service_parameter_modify(client: Client,
                                args: argparse.Namespace) -> None:
    parameters = keypairs(args.attributes)
    _one_with_resource(parameters, args)
    for name, value in parameters.items():
        parameter = find_parameter(client, args.service, args.section, name)
        patch = [{'op': 'replace', 'path': '/name', 'value': name},
                 {'op': 'replace', 'path': '/value', 'value': value}]
        if args.personality:
            patch.append({'op': 'replace', 'path': '/personality',
                          'value': args.personality})
        if args.resource:
            patch.append({'op': 'replace', 'path': '/resource',
                          'value': args.resource})
        try:
            updated = client.service_parameter.update(parameter['uuid'],
                                                      patch)
        except exc.NotFound:
            raise exc.CommandError('Service parameter not found: %s'
                                   % parameter['uuid']) from None
        print_parameter(updated, args)


def do_service_parameter_delete(client: Client,
                                args: argparse.Namespace) -> None:
    try:
        client.service_parameter.delete(args.uuid)
    except exc.NotFound:
        raise exc.CommandError('Failed to delete service parameters') \
            from None
    print('Deleted service parameter: %s' % args.uuid)


def do_service_parameter_apply(client: Client,
                               args: argparse.Namespace) -> None:
    try:
        client.service_parameter.apply(args.service, args.section)
    except exc.NotFound:
        raise exc.CommandError('Failed to apply service parameters') \
            from None
    if args.section is not None:
        print('Applying %s service parameters for section %s'
              % (args.service, args.section))
    else:
        print('Applying %s service parameters' % args.service)


SERVICE = arg('service', metavar='<service>',
              help='Name of service [REQUIRED].')
SECTION = arg('section', metavar='<section>',
              help='Name of section [REQUIRED].')
UUID = arg('uuid', metavar='<uuid>', help='UUID of service parameter.')
CUSTOM = (
    arg('--personality', metavar='<personality>', default=None,
        help='Restrict resource update to hosts of given personality.'),
    arg('--resource', metavar='<resource>', default=None,
        help='Custom resource to be updated.'),
)

COMMANDS = (
    Command('service-parameter-list', do_service_parameter_list,
            'List Service parameters.', (
                arg('--service', metavar='<service>',
                    help='Search by service name.'),
                arg('--section', metavar='<section>',
                    help='Search by section name.'),
                arg('--name', metavar='<name>',
                    help='Search by parameter name.'),
                output.COLUMN, output.FORMAT), nowrap=True),
    Command('service-parameter-show', do_service_parameter_show,
            'Show Service parameter.', (UUID, output.COLUMN, output.FORMAT)),
    Command('service-parameter-add', do_service_parameter_add,
            'Add Service Parameter.', (
                SERVICE, SECTION,
                arg('attributes', metavar='<name=value>', nargs='+',
                    help='Service Parameter attributes to add.'),
            ) + CUSTOM),
    Command('service-parameter-modify', do_service_parameter_modify,
            'Modify Service Parameter attributes.', (
                SERVICE, SECTION,
                arg('attributes', metavar='<name=value>', nargs='+',
                    help='Service Parameter attributes to modify.'),
            ) + CUSTOM + (output.FORMAT,)),
    Command('service-parameter-delete', do_service_parameter_delete,
            'Delete a Service Parameter.', (UUID,)),
    Command('service-parameter-apply', do_service_parameter_apply,
            'Apply the Service Parameters.', (
                arg('service', metavar='<service>',
                    help='Name of service [REQUIRED].'),
                arg('--section', metavar='<section>', default=None,
                    help='Name of section.'))),
)
