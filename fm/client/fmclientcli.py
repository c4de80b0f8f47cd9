"""``fmClientCli``: raise, clear and look up alarms from shell scripts.

The options are StarlingX's::

    fmClientCli -c "<uuid>###<alarm_id>###set###<entity_type_id>###
                    <entity_instance_id>###<timestamp>###<severity>###
                    <reason>###<alarm_type>###<probable_cause>###<repair>###
                    <service_affecting>###<suppression>###<inhibit>###"
    fmClientCli -d "<alarm_id>###<entity_instance_id>"   # clear one
    fmClientCli -D "<entity_instance_id>"                # clear all of it
    fmClientCli -g "<alarm_id>###<entity_instance_id>"   # get one
    fmClientCli -G "<entity_instance_id>"                # get an entity's
    fmClientCli -A "<alarm_id>"                          # get by alarm id

and so is the output: ``Ok`` on the first line, then the new alarm's uuid
(``-c``) or the matching alarms in the ``###`` form, one per line.

``-c``/``-d``/``-D`` go through :class:`stx_common.alarms.AlarmClient`:
the event is checked against the alarm catalogue, spooled locally and
published to fm-manager's durable queue. Before exiting the tool waits a
little (``--timeout``) for the broker to confirm it; if the broker is away
the event stays in the spool, the tool says so and still succeeds: the
next alarm client started on the same spool directory (the next
``fmClientCli`` run) sends it. The queries read FM's database directly.

The configuration is FM's (``--config-file``, by default oslo.config's
search for ``fm.conf``): ``transport_url``, ``state_path``, ``[alarms]``
and ``[database]``. Bad input is one line on stderr and exit status 1.
"""
from __future__ import annotations

import argparse
from collections.abc import Sequence
import logging
import os
import re
import sys
import traceback
from typing import Any, NoReturn

from oslo_config import cfg

from stx_common.contracts import alarm as contract

NAME = 'fmClientCli'
PROJECT = 'fm'
SEP = contract.SEPARATOR
EXIT_OK = 0
EXIT_ERROR = 1
DEFAULT_FLUSH_TIMEOUT = 5.0
CONF = cfg.CONF

_ALARM_ID = re.compile(r'^\d{3}\.\d{3}$')


class CliError(Exception):
    """Bad input or a failed operation: one line for stderr."""

    def __init__(self, message: str) -> None:
        super().__init__(' '.join(str(message).split()))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CliError('%s (see "%s --help")' % (message, NAME))


# -- parsing the arguments ---------------------------------------------------

def _strip_separators(text: str) -> str:
    text = text.strip()
    if text.startswith(SEP):
        text = text[len(SEP):]
    if text.endswith(SEP):
        text = text[:-len(SEP)]
    return text


def alarm_id_of(text: str) -> str:
    value = text.strip()
    if not _ALARM_ID.match(value):
        raise CliError('invalid alarm id %r: expected <group>.<event>, '
                       'e.g. 100.101' % text)
    return value


def parse_filter(text: str) -> tuple[str, str]:
    """``<alarm_id>###<entity_instance_id>`` -> (alarm_id, entity)."""
    parts = _strip_separators(text).split(SEP)
    if len(parts) != 2:
        raise CliError('invalid alarm filter %r: expected '
                       '"<alarm_id>###<entity_instance_id>"' % text)
    return alarm_id_of(parts[0]), parts[1].strip()


def parse_entity(text: str) -> str:
    entity = _strip_separators(text).strip()
    if not entity or SEP in entity:
        raise CliError('invalid entity instance id %r' % text)
    return entity


def parse_alarm(text: str) -> contract.Fault:
    """The ``-c`` string -> a validated Fault (state ``set`` or ``msg``).

    The uuid in the string is ignored: a new one is made for every raise
    (as StarlingX's tool does).
    """
    try:
        fault = contract.from_wire(text)
    except contract.InvalidFault as error:
        raise CliError('invalid alarm string: %s' % _reason(error)) \
            from None
    if fault.alarm_state not in ('set', 'msg'):
        raise CliError("invalid alarm string: alarm state %r: -c takes "
                       "'set' (an alarm) or 'msg' (a customer log); clear "
                       "with -d or -D" % fault.alarm_state)
    alarm_id_of(fault.alarm_id or '')
    fault.uuid = None
    try:
        fault.validate()
    except contract.InvalidFault as error:
        raise CliError('invalid alarm string: %s' % _reason(error)) \
            from None
    return fault


def _reason(error: Exception) -> str:
    text = getattr(error, 'message', None) or str(error)
    return text.removeprefix('Invalid alarm: ')


def build_parser() -> _Parser:
    parser = _Parser(
        prog=NAME, description='Raise, clear and look up FM alarms.',
        epilog='Prints "Ok" then the result; errors go to stderr with exit '
               'status 1.')
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument('-c', dest='create', metavar='<alarm>',
                        help='Raise an alarm (or log a customer log) given '
                             'as "<uuid>###<alarm_id>###set###'
                             '<entity_type_id>###<entity_instance_id>###'
                             '<timestamp>###<severity>###<reason_text>###'
                             '<alarm_type>###<probable_cause>###'
                             '<proposed_repair_action>###'
                             '<service_affecting>###<suppression>###'
                             '<inhibit_alarms>###"; prints the new uuid.')
    action.add_argument('-d', dest='clear', metavar='<filter>',
                        help='Clear an alarm: "<alarm_id>###'
                             '<entity_instance_id>" (children of the '
                             'entity too).')
    action.add_argument('-D', dest='clear_all', metavar='<entity>',
                        help='Clear every alarm of an entity instance id '
                             'and of its children.')
    action.add_argument('-g', dest='get', metavar='<filter>',
                        help='Print the alarm "<alarm_id>###'
                             '<entity_instance_id>".')
    action.add_argument('-G', dest='get_entity', metavar='<entity>',
                        help='Print the alarms of an entity instance id and '
                             'of its children.')
    action.add_argument('-A', dest='get_id', metavar='<alarm_id>',
                        help='Print the alarms with this alarm id.')
    parser.add_argument('--config-file', action='append', default=[],
                        metavar='<path>',
                        help="FM's configuration file (repeatable); "
                             'default: the first fm.conf of oslo.config\'s '
                             'search (/etc/fm/fm.conf ...).')
    parser.add_argument('--config-dir', action='append', default=[],
                        metavar='<dir>',
                        help='A directory of *.conf files read after the '
                             'config files.')
    parser.add_argument('--timeout', type=float,
                        default=DEFAULT_FLUSH_TIMEOUT, metavar='<seconds>',
                        help='How long to wait for the broker to confirm a '
                             'raise or clear (default %(default)s).')
    parser.add_argument('--debug', action='store_true',
                        default=bool(os.environ.get('FM_DEBUG')),
                        help='Log what happens and show tracebacks.')
    return parser


# -- configuration -----------------------------------------------------------

def load_config(files: Sequence[str], dirs: Sequence[str]) -> cfg.ConfigOpts:
    """Parse FM's configuration the way FM's services do."""
    from fm import conf as fm_conf  # noqa: F401  (FM's options)
    from stx_common import config, rpc

    config.register_logging(CONF)
    rpc.register_messaging_opts(CONF)
    config.set_service_defaults(PROJECT, CONF)
    for path in files:
        if not os.path.isfile(path):
            raise CliError('config file %s not found' % path)
    try:
        CONF([], project=PROJECT, default_config_files=list(files) or None,
             default_config_dirs=list(dirs) or None)
    except cfg.Error as error:
        raise CliError('bad configuration: %s' % error) from None
    config.database_default(PROJECT, CONF)
    # A script must not wait for a database that is down.
    CONF.set_override('max_retries', 0, group='database')
    return CONF


# -- the actions -------------------------------------------------------------

def _alarm_client() -> Any:
    from stx_common.alarms import client

    try:
        return client.AlarmClient(name=NAME, conf=CONF)
    except OSError as error:
        raise CliError('cannot open the alarm spool: %s' % error) from None


def _send(action: str, argument: Any, timeout: float) -> str | None:
    """Queue one event; wait up to ``timeout`` for the broker."""
    from stx_common.alarms import catalogue

    if action in ('set_fault', 'log_event'):
        try:
            catalogue.check(argument)
        except contract.InvalidFault as error:
            raise CliError(_reason(error)) from None
    alarms = _alarm_client()
    try:
        if action == 'clear_fault':
            result = alarms.clear_fault(*argument)
        else:
            result = getattr(alarms, action)(argument)
        delivered = alarms.flush(timeout)
        pending = alarms.pending()
    except contract.InvalidFault as error:
        raise CliError(_reason(error)) from None
    finally:
        alarms.close(flush_timeout=0)
    if not delivered and pending:
        spool = (CONF.alarms.spool_dir or
                 os.path.join(CONF.state_path, 'alarm-spool'))
        print('%s: the message broker did not confirm the event within '
              '%gs; it is spooled in %s and will be delivered when the '
              'broker is back (by the next %s run on this host)'
              % (NAME, timeout, spool, NAME), file=sys.stderr)
    return result


def _check_clearable(alarm_id: str) -> None:
    from fm import catalog

    entry = catalog.default().get(alarm_id)
    if entry is None:
        raise CliError('alarm id %s is not in the alarm catalogue'
                       % alarm_id)
    if entry.is_log:
        raise CliError('%s is a customer log, not an alarm: there is '
                       'nothing to clear' % alarm_id)


def wire(row: dict) -> str:
    """An alarm row of FM's database in the ``###`` form."""
    fault = contract.Fault(
        uuid=row['uuid'], alarm_id=row['alarm_id'],
        alarm_state=row.get('alarm_state') or 'set',
        entity_type_id=row.get('entity_type_id') or '',
        entity_instance_id=row['entity_instance_id'],
        timestamp=row.get('timestamp'), severity=row['severity'],
        reason_text=row.get('reason_text') or '',
        alarm_type=row['alarm_type'], probable_cause=row['probable_cause'],
        proposed_repair_action=row.get('proposed_repair_action') or '',
        service_affecting=bool(row.get('service_affecting')),
        suppression=bool(row.get('suppression')),
        inhibit_alarms=bool(row.get('inhibit_alarms')))
    return contract.to_wire(fault)


def _database() -> Any:
    from fm.db import api as db_api

    return db_api.Connection()


def _read(query: Any) -> list[dict]:
    """Run ``query(connection)``; database failures as one line."""
    connection = _database()
    try:
        rows = query(connection)
    except Exception as error:  # noqa: BLE001 - any driver error
        first = (str(error).strip().splitlines() or [''])[0]
        raise CliError("cannot read FM's database: %s: %s"
                       % (type(error).__name__, first[:300])) from None
    finally:
        connection.dispose()
    return [r for r in rows if r]


def lookup(args: argparse.Namespace) -> list[str]:
    """The ``###`` lines of a query action (CliError if none match)."""
    if args.get is not None:
        alarm_id, entity = parse_filter(args.get)
        rows = _read(lambda c: [c.find_alarm(alarm_id, entity)])
        what = 'alarm %s on %s' % (alarm_id, entity or "''")
    elif args.get_entity is not None:
        entity = parse_entity(args.get_entity)
        rows = _read(lambda c: c.list_alarms_of(entity_instance_id=entity))
        what = 'alarms of %s' % entity
    else:
        alarm_id = alarm_id_of(args.get_id)
        rows = _read(lambda c: c.list_alarms_of(alarm_id=alarm_id))
        what = 'alarms with id %s' % alarm_id
    if not rows:
        raise CliError('no %s (FM_ERR_ENTITY_NOT_FOUND)' % what)
    return [wire(row) for row in rows]


def run(args: argparse.Namespace) -> list[str]:
    """Carry out the action; the lines to print after ``Ok``."""
    if args.timeout < 0:
        raise CliError('--timeout must not be negative')
    if args.create is not None:
        fault = parse_alarm(args.create)
        load_config(args.config_file, args.config_dir)
        action = 'set_fault' if fault.alarm_state == 'set' else 'log_event'
        return [_send(action, fault, args.timeout)]
    if args.clear is not None:
        alarm_id, entity = parse_filter(args.clear)
        load_config(args.config_file, args.config_dir)
        _check_clearable(alarm_id)
        _send('clear_fault', (alarm_id, entity), args.timeout)
        return []
    if args.clear_all is not None:
        entity = parse_entity(args.clear_all)
        load_config(args.config_file, args.config_dir)
        _send('clear_all', entity, args.timeout)
        return []
    load_config(args.config_file, args.config_dir)
    return lookup(args)


def _setup_logging(debug: bool) -> None:
    """Log everything with ``--debug``; otherwise nothing (the tool says
    what matters itself)."""
    root = logging.getLogger()
    if debug:
        logging.basicConfig(level=logging.DEBUG,
                            format='%(levelname)s %(name)s %(message)s')
    elif not root.handlers:
        root.addHandler(logging.NullHandler())


def main(argv: Sequence[str] | None = None) -> int:
    """Console script ``fmClientCli``: returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = '--debug' in argv or bool(os.environ.get('FM_DEBUG'))
    _setup_logging(debug)
    try:
        args = build_parser().parse_args(argv)
        lines = run(args)
    except CliError as error:
        if debug:
            traceback.print_exc()
        print('%s: %s' % (NAME, error), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print('%s: interrupted' % NAME, file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - never a bare traceback
        if debug:
            traceback.print_exc()
        print('%s: %s: %s' % (NAME, type(error).__name__,
                              ' '.join(str(error).split())[:500]),
              file=sys.stderr)
        return EXIT_ERROR
    print('Ok')
    for line in lines:
        print(line)
    return EXIT_OK


if __name__ == '__main__':
    sys.exit(main())
