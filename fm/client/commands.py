"""How the ``fm`` subcommands are declared: a name, a handler, a help
line and argparse arguments, collected by :mod:`fm.client.shell`."""
from __future__ import annotations

import argparse
from collections.abc import Callable
import dataclasses
from typing import Any

Handler = Callable[[Any, argparse.Namespace], None]


@dataclasses.dataclass(frozen=True)
class Argument:
    flags: tuple[str, ...]
    options: dict[str, Any]


def arg(*flags: str, **options: Any) -> Argument:
    """One argument of a command, as ``add_argument`` takes it."""
    return Argument(flags, options)


@dataclasses.dataclass(frozen=True)
class Command:
    """One subcommand.

    :ivar handler: called with the v1 client and the parsed arguments.
    :ivar nowrap: the command draws a list and takes ``--nowrap``.
    """

    name: str
    handler: Handler
    help: str
    arguments: tuple[Argument, ...] = ()
    nowrap: bool = False


NOWRAP = arg('--nowrap', action='store_true',
             help='Do not wrap long text in the table (lines may be wider '
                  'than the terminal).')
NOPAGING = arg('--nopaging', action='store_true',
               help='Print the whole table at once instead of through a '
                    'pager when it is taller than the terminal.')
UUID = arg('--uuid', action='store_true',
           help='Include the UUID column in the output.')
INCLUDE_SUPPRESS = arg('--include_suppress', action='store_true',
                       help='Include alarms whose id is suppressed, marked '
                            'S(<id>).')
