"""``system``: the command line of sysinv (StarlingX's ``system``).

Talks to sysinv-api over REST, authenticated by Keystone (``OS_*``
variables or ``--os-*`` options; the endpoint is the catalogue's
``platform`` service named ``sysinv`` unless ``--system-url`` or
``SYSTEM_URL`` overrides it) or by ``--os-auth-token`` + ``--system-url``
without Keystone (``--system-url`` alone for a server without
authentication). Prints StarlingX's tables.

Every failure (bad input, an unknown host, a refused action, an
unreachable server, missing credentials) is one line on stderr and a
non-zero exit: a refusal prints the server's message alone, as
StarlingX's client does. ``--debug`` or ``SYSTEMCLIENT_DEBUG=1`` adds
the traceback and logs the requests.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
import sys
from typing import Any

from stx_common.client import shell as common
from sysinv.client import http
from sysinv.client.v1 import (
    config_shell,
    cpu_shell,
    disk_shell,
    host_shell,
    interface_shell,
    label_shell,
    memory_shell,
    network_shell,
    port_shell,
    service_parameter_shell,
    system_shell,
)
from sysinv.client.v1.client import Client
from sysinv.client.v1.shell_common import confirmed, is_impacting

PROG = 'system'
VERSION = '1.0'
DEFAULT_TIMEOUT = 600.0
COMMAND_MODULES = (system_shell, host_shell, cpu_shell, memory_shell,
                   disk_shell, port_shell, interface_shell, network_shell,
                   config_shell, service_parameter_shell, label_shell)


def all_commands() -> tuple:
    commands = []
    for module in COMMAND_MODULES:
        for command in module.COMMANDS:
            commands.append(confirmed(command) if is_impacting(command.name)
                            else command)
    return tuple(sorted(commands, key=lambda c: c.name))


SPEC = common.Spec(
    prog=PROG, version=VERSION,
    description='Command-line interface to the StarlingX System '
                'Inventory (sysinv) of the Flock.',
    service=http.SERVICE, commands=all_commands(), client=Client,
    url_help='URL of sysinv-api (http://<host>:%d); overrides the '
             'catalogue.' % http.DEFAULT_PORT,
    api_version_option='--system-api-version',
    api_version_variable='SYSTEM_API_VERSION',
    debug_variables=('SYSTEMCLIENT_DEBUG',),
    timeout_variable='SYSTEM_TIMEOUT',
    insecure_variable='SYSTEMCLIENT_INSECURE',
    insecure_flags=('-k', '--insecure'), default_timeout=DEFAULT_TIMEOUT,
    credentials_class=http.Credentials, client_class=http.HTTPClient,
    status_in_errors=False)
SHELL = common.Shell(SPEC)
EXIT_ERROR = common.EXIT_ERROR
EXIT_USAGE = common.EXIT_USAGE


def build_parser():
    """The full parser and each subcommand's own parser."""
    return SHELL.build_parser()


def credentials(args: argparse.Namespace) -> http.Credentials:
    return SHELL.credentials(args)


def main(argv: Sequence[str] | None = None,
         client_factory: Callable[[argparse.Namespace], Any] | None = None
         ) -> int:
    """Console script ``system``: returns the exit status."""
    return SHELL.main(argv, client_factory)


if __name__ == '__main__':
    sys.exit(main())
