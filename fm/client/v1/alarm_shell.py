"""``fm alarm-list``, ``alarm-show``, ``alarm-delete``, ``alarm-summary``.
"""
from __future__ import annotations

import argparse

from fm.client import exceptions as exc
from fm.client import formatting as fmt
from fm.client import query
from fm.client.commands import (
    INCLUDE_SUPPRESS,
    UUID,
    Command,
    arg,
)
from fm.client.v1.client import Client

SHOW_FIELDS = ('uuid', 'alarm_id', 'alarm_state', 'entity_type_id',
               'entity_instance_id', 'timestamp', 'severity', 'reason_text',
               'alarm_type', 'probable_cause', 'proposed_repair_action',
               'service_affecting', 'suppression', 'suppression_status',
               'mgmt_affecting', 'degrade_affecting')
QUERY_HELP = ('key[op]data_type::value; list. data_type is optional, but if '
              'supplied must be string, integer, float, or boolean. Valid '
              'query fields: uuid, alarm_id, entity_type_id, '
              'entity_instance_id, severity, alarm_type. Example: fm '
              "alarm-list -q 'severity=major;entity_instance_id=host="
              "controller-0'")
SUMMARY_COLUMNS = (fmt.Column('Critical Alarms', 'critical'),
                   fmt.Column('Major Alarms', 'major'),
                   fmt.Column('Minor Alarms', 'minor'),
                   fmt.Column('Warnings', 'warnings'))


def list_columns(uuid: bool = False, mgmt_affecting: bool = False,
                 degrade_affecting: bool = False) -> list[fmt.Column]:
    """alarm-list's columns, placed where StarlingX's client puts them."""
    columns = [fmt.Column('Alarm ID', 'alarm_id',
                          render=fmt.marked('alarm_id')),
               fmt.Column('Reason Text', 'reason_text', wrap=.54),
               fmt.Column('Entity ID', 'entity_instance_id', wrap=.15),
               fmt.Column('Severity', 'severity'),
               fmt.time_column()]
    if uuid:
        columns.insert(0, fmt.Column('UUID', 'uuid'))
    if mgmt_affecting:
        columns.insert(4, fmt.Column('Management Affecting',
                                     'mgmt_affecting'))
    if degrade_affecting:
        columns.insert(5, fmt.Column('Degrade Affecting',
                                     'degrade_affecting'))
    return columns


def alarm_table(alarms: list[dict], args: argparse.Namespace) -> str:
    """The alarm-list table, newest alarm first."""
    columns = list_columns(args.uuid, args.mgmt_affecting,
                           args.degrade_affecting)
    return fmt.list_table(alarms, columns, sort_key=fmt.time_key(
        'timestamp'), reverse=True, nowrap=args.nowrap)


def do_alarm_list(client: Client, args: argparse.Namespace) -> None:
    alarms = client.alarm.list(q=query.parse(args.query),
                               include_suppress=args.include_suppress)
    fmt.emit(alarm_table(alarms, args))


def _get(client: Client, uuid: str) -> dict:
    try:
        return client.alarm.get(uuid)
    except exc.NotFound:
        raise exc.CommandError('Alarm not found: %s' % uuid) from None


def do_alarm_show(client: Client, args: argparse.Namespace) -> None:
    fmt.emit(fmt.property_table(_get(client, args.alarm), SHOW_FIELDS))


def do_alarm_delete(client: Client, args: argparse.Namespace) -> None:
    try:
        client.alarm.delete(args.alarm)
    except exc.NotFound:
        raise exc.CommandError('Alarm not found: %s' % args.alarm) \
            from None


def do_alarm_summary(client: Client, args: argparse.Namespace) -> None:
    summary = client.alarm.summary(include_suppress=args.include_suppress)
    fmt.emit(fmt.list_table([summary], SUMMARY_COLUMNS, nowrap=True))


UUID_ARG = arg('alarm', metavar='<uuid>', help='UUID of the alarm.')

COMMANDS = (
    Command('alarm-list', do_alarm_list, 'List all active alarms.', (
        arg('-q', '--query', metavar='<QUERY>', help=QUERY_HELP),
        UUID, INCLUDE_SUPPRESS,
        arg('--mgmt_affecting', action='store_true',
            help='Include the management affecting status in the output.'),
        arg('--degrade_affecting', action='store_true',
            help='Include the degrade affecting status in the output.'),
    ), nowrap=True),
    Command('alarm-show', do_alarm_show, 'Show an active alarm.',
            (UUID_ARG,)),
    Command('alarm-delete', do_alarm_delete,
            'Delete an active alarm (alarms normally clear themselves).',
            (UUID_ARG,)),
    Command('alarm-summary', do_alarm_summary,
            'Show a summary of active alarms.', (
                arg('--include_suppress', action='store_true',
                    help='Count alarms whose id is suppressed too.'),)),
)
