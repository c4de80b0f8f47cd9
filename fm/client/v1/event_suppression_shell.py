"""``fm event-suppress-list``, ``event-suppress``, ``event-unsuppress``
and ``event-unsuppress-all``."""
from __future__ import annotations

import argparse

from fm.client import exceptions as exc
from fm.client import formatting as fmt
from fm.client import query
from fm.client.commands import NOPAGING, UUID, Command, arg
from fm.client.v1 import event_suppression as es
from fm.client.v1.client import Client

SUPPRESSED_ONLY = 'suppression_status=string::suppressed'


def list_columns(uuid: bool = False) -> list[fmt.Column]:
    columns = [fmt.Column('Event ID', 'alarm_id'),
               fmt.Column('Status', 'suppression_status')]
    if uuid:
        columns.insert(0, fmt.Column('UUID', 'uuid'))
    return columns


def suppression_table(records: list[dict], uuid: bool = False,
                      nowrap: bool = False) -> str:
    """The Event ID / Status table, sorted on its second column (as
    StarlingX's client sorts it)."""
    columns = list_columns(uuid)
    second = columns[1]
    return fmt.list_table(records, columns, sort_key=second.text,
                          nowrap=nowrap)


def fetch(client: Client, include_unsuppressed: bool = False) -> list:
    q = None if include_unsuppressed else query.parse(SUPPRESSED_ONLY)
    return client.event_suppression.list(q=q)


def _print_suppressed(client: Client, args: argparse.Namespace) -> None:
    fmt.emit(suppression_table(fetch(client), args.uuid, args.nowrap),
             paging=not args.nopaging)


def alarm_ids(text: str) -> list[str]:
    """``a,b,c`` -> ids (blanks dropped, order kept, no repeats)."""
    ids: list[str] = []
    for item in text.split(','):
        item = item.strip()
        if item and item not in ids:
            ids.append(item)
    if not ids:
        raise argparse.ArgumentTypeError('no alarm id given')
    return ids


def change(client: Client, ids: list[str], status: str) -> None:
    """Set ``status`` on each of ``ids``; refuse unknown ids first."""
    records = {r['alarm_id']: r for r in fetch(client, True)}
    unknown = [i for i in ids if i not in records]
    if unknown:
        raise exc.CommandError(
            'Alarm ID(s) not in the event suppression list: %s (see fm '
            'event-suppress-list --include-unsuppressed)'
            % ', '.join(unknown))
    for alarm_id in ids:
        client.event_suppression.set_status(records[alarm_id]['uuid'],
                                            status)
        print('Alarm ID: %s %s.' % (alarm_id, status))


def do_event_suppress_list(client: Client,
                           args: argparse.Namespace) -> None:
    records = fetch(client, args.include_unsuppressed)
    fmt.emit(suppression_table(records, args.uuid, args.nowrap),
             paging=not args.nopaging)


def do_event_suppress(client: Client, args: argparse.Namespace) -> None:
    if args.alarm_id:
        change(client, args.alarm_id, es.SUPPRESSED)
    _print_suppressed(client, args)


def do_event_unsuppress(client: Client, args: argparse.Namespace) -> None:
    if args.alarm_id:
        change(client, args.alarm_id, es.UNSUPPRESSED)
    _print_suppressed(client, args)


def do_event_unsuppress_all(client: Client,
                            args: argparse.Namespace) -> None:
    for record in sorted(fetch(client), key=lambda r: r['alarm_id']):
        client.event_suppression.set_status(record['uuid'],
                                            es.UNSUPPRESSED)
        print('Alarm ID: %s %s.' % (record['alarm_id'], es.UNSUPPRESSED))
    _print_suppressed(client, args)


def _ids_arg(verb: str):
    return arg('--alarm_id', metavar='<alarm_id>,...', type=alarm_ids,
               help="The alarm_id list (comma separated) of alarm ID's to "
                    '%s.' % verb)


COMMANDS = (
    Command('event-suppress-list', do_event_suppress_list,
            "List suppressed Event ID's.", (
                arg('--include-unsuppressed', action='store_true',
                    help="Include unsuppressed Event ID's."),
                UUID, NOPAGING), nowrap=True),
    Command('event-suppress', do_event_suppress,
            "Suppress specified Event ID's.",
            (_ids_arg('suppress'), NOPAGING, UUID), nowrap=True),
    Command('event-unsuppress', do_event_unsuppress,
            "Unsuppress specified Event ID's.",
            (_ids_arg('unsuppress'), NOPAGING, UUID), nowrap=True),
    Command('event-unsuppress-all', do_event_unsuppress_all,
            "Unsuppress all Event ID's.", (NOPAGING, UUID), nowrap=True),
)
