"""``system dns-show``/``dns-modify`` and ``ntp-show``/``ntp-modify``.

A modify is a JSON-Patch of ``path=value`` items; StarlingX's client adds
``action=apply`` (push the change to the hosts now) unless an action is
given, and sends an emptied server list as ``NC`` (not configured).
"""
from __future__ import annotations

import argparse

from stx_common.client import exceptions as exc
from stx_common.client.commands import Command, arg
from sysinv.client import output
from sysinv.client.v1.client import Client
from sysinv.client.v1.shell_common import attributes_patch

DNS_FIELDS = ('uuid', 'nameservers', 'isystem_uuid', 'created_at',
              'updated_at')
NTP_FIELDS = ('uuid', 'ntpservers', 'isystem_uuid', 'created_at',
              'updated_at')
NOT_CONFIGURED = 'NC'


def servers_patch(items: list[str], servers: str) -> list[dict]:
    """The JSON-Patch of dns-modify/ntp-modify."""
    items = list(items)
    for index, item in enumerate(items):
        name, sep, value = item.partition('=')
        if sep and name.lstrip('/') == servers and not value.strip():
            items[index] = '%s=%s' % (servers, NOT_CONFIGURED)
    if not any(i.partition('=')[0].lstrip('/') == 'action' for i in items):
        items.append('action=apply')
    return attributes_patch(items)


def _modify(manager, items: list[str], servers: str, what: str) -> dict:
    row = manager.the_row()
    try:
        return manager.update(row['uuid'], servers_patch(items, servers))
    except exc.NotFound:
        raise exc.CommandError('%s not found: %s'
                               % (what, row['uuid'])) from None


def do_dns_show(client: Client, args: argparse.Namespace) -> None:
    output.print_show(client.idns.the_row(), DNS_FIELDS, args,
                      labels=DNS_FIELDS)


def do_dns_modify(client: Client, args: argparse.Namespace) -> None:
    output.print_show(_modify(client.idns, args.attributes, 'nameservers',
                              'DNS'), DNS_FIELDS, labels=DNS_FIELDS)


def do_ntp_show(client: Client, args: argparse.Namespace) -> None:
    output.print_show(client.intp.the_row(), NTP_FIELDS, args,
                      labels=NTP_FIELDS)


def do_ntp_modify(client: Client, args: argparse.Namespace) -> None:
    output.print_show(_modify(client.intp, args.attributes, 'ntpservers',
                              'NTP'), NTP_FIELDS, labels=NTP_FIELDS)


COMMANDS = (
    Command('dns-show', do_dns_show,
            'Show DNS (Domain Name Server) attributes.',
            (output.COLUMN, output.FORMAT)),
    Command('dns-modify', do_dns_modify, 'Modify DNS attributes.', (
        arg('attributes', metavar='<path=value>', nargs='+',
            help='DNS attributes to modify, e.g. '
                 'nameservers=8.8.8.8,8.8.4.4.'),)),
    Command('ntp-show', do_ntp_show,
            'Show NTP (Network Time Protocol) attributes.',
            (output.COLUMN, output.FORMAT)),
    Command('ntp-modify', do_ntp_modify, 'Modify NTP attributes.', (
        arg('attributes', metavar='<path=value>', nargs='+',
            help='NTP attributes to modify, e.g. '
                 'ntpservers=0.pool.ntp.org,1.pool.ntp.org.'),)),
)
