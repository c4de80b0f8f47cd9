"""``system host-label-list``, ``host-label-assign`` and
``host-label-remove`` (Kubernetes labels of a host)."""
from __future__ import annotations

import argparse

from stx_common.client import exceptions as exc
from stx_common.client.commands import Command, arg
from sysinv.client import output
from sysinv.client.output import Column
from sysinv.client.v1 import host as host_api
from sysinv.client.v1.client import Client
from sysinv.client.v1.shell_common import HOST

LIST_COLUMNS = (Column('hostname', 'hostname'),
                Column('label key', 'label_key'),
                Column('label value', 'label_value'))
SHOW_FIELDS = ('uuid', 'host_uuid', 'label_key', 'label_value')


def labels_of(client: Client, host: dict) -> list[dict]:
    return [dict(label, hostname=host.get('hostname'))
            for label in client.label.list_for_host(host['uuid'])]


def do_host_label_list(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    output.print_list(labels_of(client, host), LIST_COLUMNS, args, sortby=1)


def label_pairs(items: list[str]) -> dict:
    """``key=value`` items (a key alone has no value)."""
    pairs = {}
    for item in items:
        key, sep, value = item.partition('=')
        pairs[key] = value if sep else None
    return pairs


def do_host_label_assign(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    written = client.label.assign(host['uuid'], label_pairs(args.attributes),
                                  overwrite=args.overwrite)
    for label in written:
        if label.get('uuid') is None:
            continue
        if 'label_key' not in label:
            try:
                label = client.label.get(label['uuid'])
            except exc.NotFound:
                raise exc.CommandError('Host label not found: %s'
                                       % label['uuid']) from None
        output.print_show(label, SHOW_FIELDS, labels=SHOW_FIELDS)


def do_host_label_remove(client: Client, args: argparse.Namespace) -> None:
    host = host_api.find(client, args.hostnameorid)
    for key in args.attributes:
        found = [label for label in client.label.list_for_host(host['uuid'])
                 if label.get('label_key') == key]
        if not found:
            print('Host label not found: host %s, label key %s '
                  % (host.get('hostname'), key))
            continue
        client.label.delete(found[0]['uuid'])
        print('Deleted host label %s for host %s'
              % (key, host.get('hostname')))


COMMANDS = (
    Command('host-label-list', do_host_label_list,
            'List kubernetes labels assigned to a host.',
            (HOST, output.COLUMN, output.FORMAT), nowrap=True),
    Command('host-label-assign', do_host_label_assign,
            'Update the Kubernetes labels on a host.', (
                HOST,
                arg('attributes', metavar='<name=value>', nargs='+',
                    help='List of Kubernetes labels.'),
                arg('--overwrite', action='store_true',
                    help='Allow labels to be overwritten.'))),
    Command('host-label-remove', do_host_label_remove,
            'Remove Kubernetes label(s) from a host.', (
                HOST,
                arg('attributes', metavar='<name>', nargs='+',
                    help='List of Kubernetes label keys.'))),
)
