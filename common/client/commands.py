"""How subcommands are declared: a name, a handler, a help line and
argparse arguments, collected by :mod:`stx_common.client.shell`."""
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

    :ivar handler: called with the API client and the parsed arguments.
    :ivar nowrap: the command draws a list and takes ``--nowrap``.
    :ivar description: the longer text of ``help <command>`` (default:
        the help line).
    """

    name: str
    handler: Handler
    help: str
    arguments: tuple[Argument, ...] = ()
    nowrap: bool = False
    description: str | None = None


NOWRAP = arg('--nowrap', action='store_true',
             help='Do not wrap long text in the table (lines may be wider '
                  'than the terminal).')
