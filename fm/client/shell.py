"""``fm``: the Fault Management command line.

Talks to fm-api over REST, authenticated by Keystone (``OS_*`` variables
or ``--os-*`` options; ``--fm-url`` overrides the catalogue's endpoint) or
by ``--os-auth-token`` + ``--fm-url`` without Keystone (``--fm-url`` alone
for a server without authentication). Prints StarlingX's tables.

Every failure (bad input, unknown uuid, an error answer, an unreachable
server, missing credentials) is one line on stderr and a non-zero exit;
``--debug`` or ``FM_DEBUG=1`` adds the traceback. The machinery is
:mod:`stx_common.client.shell`'s.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
import sys
from typing import Any

from fm.client import http
from fm.client.v1 import alarm_shell, event_log_shell, event_suppression_shell
from fm.client.v1.client import Client
from stx_common.client import shell as common
from stx_common.client.shell import EXIT_ERROR, EXIT_USAGE, Parser, UsageError

__all__ = ['EXIT_ERROR', 'EXIT_USAGE', 'SHELL', 'Parser', 'UsageError',
           'build_parser', 'credentials', 'main', 'make_client', 'run']

PROG = 'fm'
VERSION = '1.0'
COMMAND_MODULES = (alarm_shell, event_log_shell, event_suppression_shell)

SPEC = common.Spec(
    prog=PROG, version=VERSION,
    description='Command-line interface for Fault Management.',
    service=http.SERVICE,
    commands=tuple(c for m in COMMAND_MODULES for c in m.COMMANDS),
    client=Client,
    url_help='URL of fm-api (http://<host>:18002); overrides the '
             'catalogue.',
    api_version_option='--fm-api-version',
    api_version_variable='FM_API_VERSION',
    debug_variables=('FM_DEBUG', 'FMCLIENT_DEBUG'),
    timeout_variable='FM_TIMEOUT', insecure_variable='FMCLIENT_INSECURE',
    credentials_class=http.Credentials, client_class=http.HTTPClient)
SHELL = common.Shell(SPEC)


def build_parser() -> tuple[Parser, dict[str, Parser]]:
    """The full parser and each subcommand's own parser."""
    return SHELL.build_parser()


def credentials(args: argparse.Namespace) -> http.Credentials:
    return SHELL.credentials(args)


def make_client(args: argparse.Namespace) -> Client:
    return SHELL.make_client(args)


def run(argv: Sequence[str],
        client_factory: Callable[[argparse.Namespace], Any] | None = None
        ) -> int:
    """Parse ``argv`` and run the command; errors raise ClientError."""
    return SHELL.run(argv, client_factory)


def main(argv: Sequence[str] | None = None,
         client_factory: Callable[[argparse.Namespace], Any] | None = None
         ) -> int:
    """Console script ``fm``: returns the exit status."""
    return SHELL.main(argv, client_factory)


if __name__ == '__main__':
    sys.exit(main())
