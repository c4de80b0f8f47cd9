"""What the ``system`` subcommands share: the host argument, ``key=value``
arguments, and the confirmation of service-impacting commands."""
from __future__ import annotations

import argparse
from collections.abc import Sequence
import os
from typing import Any

from stx_common.client import exceptions as exc
from stx_common.client.commands import Command, arg

HOST = arg('hostnameorid', metavar='<hostname or id>',
           help='Name or ID of host.')
YES = arg('--yes', action='store_true',
          help='Automatically confirm the action (when '
               'CLI_CONFIRMATIONS=enabled asks for confirmations).')

# Commands that ask for a confirmation when CLI_CONFIRMATIONS=enabled
# (besides every *-delete and *-remove), as StarlingX's client does.
IMPACTING = ('host-lock', 'host-power-off', 'host-reboot', 'host-reinstall',
             'host-reset', 'host-swact')
WARNING = ('WARNING: This is a high-risk operation that may cause a service '
           'interruption or remove critical resources\n'
           'Do you want to continue? (yes/No): ')


def is_impacting(name: str) -> bool:
    return name in IMPACTING or 'delete' in name or 'remove' in name


def confirmations_enabled() -> bool:
    return os.environ.get('CLI_CONFIRMATIONS', 'disabled') == 'enabled'


def confirmed(command: Command) -> Command:
    """``command`` with ``--yes`` and, when CLI_CONFIRMATIONS=enabled, a
    question before it runs."""
    handler = command.handler

    def ask_first(client: Any, args: argparse.Namespace) -> None:
        if confirmations_enabled() and not args.yes:
            try:
                answer = input(WARNING)
            except EOFError:
                answer = ''
            if answer.strip().lower() != 'yes':
                raise exc.CommandError('Operation cancelled by the user.')
        handler(client, args)

    return Command(command.name, ask_first, command.help,
                   command.arguments + (YES,), command.nowrap,
                   command.description)


def keypairs(items: Sequence[str], what: str = 'NAME=VALUE'
             ) -> dict[str, str]:
    """``a=b c=d`` -> ``{'a': 'b', 'c': 'd'}`` (values may hold ``=``).

    :raises CommandError: for an item without ``=``.
    """
    result: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition('=')
        if not sep or not name:
            raise exc.CommandError('Attributes must be a list of %s not '
                                   '"%s"' % (what, item))
        result[name] = value
    return result


def attributes_patch(items: Sequence[str],
                     op: str = 'replace') -> list[dict[str, Any]]:
    """``path=value`` items -> a JSON-Patch (StarlingX's
    ``args_array_to_patch``)."""
    patch = []
    for item in items:
        path = item if item.startswith('/') else '/' + item
        if op == 'remove':
            patch.append({'op': op, 'path': path})
            continue
        name, sep, value = path.partition('=')
        if not sep:
            raise exc.CommandError('Attributes must be a list of '
                                   'PATH=VALUE not "%s"' % item)
        patch.append({'op': op, 'path': name, 'value': value})
    return patch


def positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            'must be an integer, not %r' % text) from None
    if number < 0:
        raise argparse.ArgumentTypeError(
            'must not be negative, not %r' % text)
    return number
