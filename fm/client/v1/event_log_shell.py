"""``fm event-list`` and ``fm event-show``."""
from __future__ import annotations

import argparse

from fm.client import exceptions as exc
from fm.client import formatting as fmt
from fm.client import query
from fm.client.commands import (
    INCLUDE_SUPPRESS,
    NOPAGING,
    UUID,
    Command,
    arg,
)
from fm.client.v1.client import Client

SHOW_FIELDS = ('uuid', 'event_log_id', 'state', 'entity_type_id',
               'entity_instance_id', 'timestamp', 'severity', 'reason_text',
               'event_log_type', 'probable_cause', 'proposed_repair_action',
               'service_affecting', 'suppression', 'suppression_status')
QUERY_HELP = ('key[op]data_type::value; list. data_type is optional, but if '
              'supplied must be string, integer, float, or boolean. Valid '
              'query fields: event_log_id, entity_type_id, '
              'entity_instance_id, severity, start, end (start and end '
              'bound the timestamp). Example: fm event-list -q '
              "'start=2024-01-31T10:23:45;end=2024-12-25'")


def list_columns(uuid: bool = False) -> list[fmt.Column]:
    columns = [fmt.time_column(),
               fmt.Column('State', 'state'),
               fmt.Column('Event Log ID', 'event_log_id',
                          render=fmt.marked('event_log_id')),
               fmt.Column('Reason Text', 'reason_text', wrap=.52),
               fmt.Column('Entity Instance ID', 'entity_instance_id',
                          wrap=.13),
               fmt.Column('Severity', 'severity')]
    if uuid:
        columns.insert(0, fmt.Column('UUID', 'uuid'))
    return columns


def event_table(events: list[dict], args: argparse.Namespace) -> str:
    """The event-list table, newest record first."""
    return fmt.list_table(events, list_columns(args.uuid),
                          sort_key=fmt.time_key('timestamp'), reverse=True,
                          nowrap=args.nowrap)


def positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            'must be a positive integer, not %r' % text) from None
    if number <= 0:
        raise argparse.ArgumentTypeError(
            'must be a positive integer, not %r' % text)
    return number


def do_event_list(client: Client, args: argparse.Namespace) -> None:
    events = client.event_log.list(
        q=query.parse(args.query), limit=args.limit, alarms=args.alarms,
        logs=args.logs, include_suppress=args.include_suppress)
    fmt.emit(event_table(events, args), paging=not args.nopaging)


def do_event_show(client: Client, args: argparse.Namespace) -> None:
    try:
        record = client.event_log.get(args.event_log)
    except exc.NotFound:
        raise exc.CommandError('Event log not found: %s'
                               % args.event_log) from None
    fmt.emit(fmt.property_table(record, SHOW_FIELDS))


COMMANDS = (
    Command('event-list', do_event_list,
            'List event logs (alarm history and customer logs).', (
                arg('-q', '--query', metavar='<QUERY>', help=QUERY_HELP),
                arg('-l', '--limit', metavar='<NUMBER>', type=positive,
                    help='Maximum number of event logs to return (the '
                         'newest ones); all of them by default.'),
                arg('--alarms', action='store_true',
                    help='Show alarm set/clear records only.'),
                arg('--logs', action='store_true',
                    help='Show customer logs only.'),
                UUID, INCLUDE_SUPPRESS, NOPAGING,
            ), nowrap=True),
    Command('event-show', do_event_show, 'Show an event log record.', (
        arg('event_log', metavar='<uuid>',
            help='UUID of the event log record.'),)),
)
