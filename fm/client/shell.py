"""``fm``: the Fault Management command line.

Talks to fm-api over REST, authenticated by Keystone (``OS_*`` variables
or ``--os-*`` options; ``--fm-url`` overrides the catalogue's endpoint) or
by ``--os-auth-token`` + ``--fm-url`` without Keystone (``--fm-url`` alone
for a server without authentication). Prints StarlingX's tables.

Every failure (bad input, unknown uuid, an error answer, an unreachable
server, missing credentials) is one line on stderr and a non-zero exit;
``--debug`` or ``FM_DEBUG=1`` adds the traceback.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
import logging
import os
import sys
import traceback
from typing import Any, NoReturn

from fm.client import commands, http
from fm.client import exceptions as exc
from fm.client.v1 import alarm_shell, event_log_shell, event_suppression_shell
from fm.client.v1.client import Client

PROG = 'fm'
VERSION = '1.0'
API_VERSIONS = ('1',)
EXIT_ERROR = 1
EXIT_USAGE = 2
DEBUG_VARIABLES = ('FM_DEBUG', 'FMCLIENT_DEBUG')
COMMAND_MODULES = (alarm_shell, event_log_shell, event_suppression_shell)


class UsageError(exc.CommandError):
    """The command line does not parse."""


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError('%s: %s (see "%s help%s")' % (
            self.prog, message, PROG,
            self.prog[len(PROG):] if self.prog != PROG else ''))


def env(*names: str, default: str | None = None) -> str | None:
    """The first of the variables ``names`` that is set and not empty."""
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    return default


# (option, variables, help) of the connection options; each also takes
# its StarlingX underscore spelling (--os_username ...), not shown.
_CONNECTION = (
    ('--os-username', ('OS_USERNAME',), 'Keystone user name.'),
    ('--os-password', ('OS_PASSWORD',), 'Keystone password.'),
    ('--os-project-name', ('OS_PROJECT_NAME', 'OS_TENANT_NAME'),
     'Project to scope the token to.'),
    ('--os-project-id', ('OS_PROJECT_ID', 'OS_TENANT_ID'),
     'Project to scope the token to, by id.'),
    ('--os-user-domain-name', ('OS_USER_DOMAIN_NAME',),
     "Domain of the user, by name."),
    ('--os-user-domain-id', ('OS_USER_DOMAIN_ID',),
     'Domain of the user, by id.'),
    ('--os-project-domain-name', ('OS_PROJECT_DOMAIN_NAME',),
     'Domain of the project, by name.'),
    ('--os-project-domain-id', ('OS_PROJECT_DOMAIN_ID',),
     'Domain of the project, by id.'),
    ('--os-auth-url', ('OS_AUTH_URL',), 'Keystone URL (identity v3).'),
    ('--os-region-name', ('OS_REGION_NAME',),
     "Region of fm-api's endpoint in the catalogue."),
    ('--os-interface', ('OS_INTERFACE', 'OS_ENDPOINT_TYPE'),
     "Interface of fm-api's endpoint in the catalogue: public, internal "
     'or admin (default public).'),
    ('--os-auth-token', ('OS_AUTH_TOKEN',),
     'A token to send as is: with --fm-url, Keystone is not asked; '
     'without it, the token is used to read the catalogue.'),
    ('--fm-url', ('FM_URL',),
     'URL of fm-api (http://<host>:18002); overrides the catalogue.'),
    ('--os-service-type', ('OS_SERVICE_TYPE',),
     "Service type of fm-api in the catalogue (default "
     "faultmanagement)."),
    ('--os-cacert', ('OS_CACERT',),
     'CA bundle to verify fm-api and Keystone with.'),
)


def _timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            'must be a number of seconds, not %r' % text) from None
    if value <= 0:
        raise argparse.ArgumentTypeError('must be positive, not %r' % text)
    return value


def base_parser() -> Parser:
    parser = Parser(prog=PROG, add_help=False,
                    description='Command-line interface for Fault '
                                'Management.',
                    epilog='See "fm help COMMAND" for help on a specific '
                           'command.')
    parser.add_argument('-h', '--help', action='store_true',
                        help='Show this help and exit.')
    parser.add_argument('--version', action='version',
                        version='%(prog)s ' + VERSION,
                        help='Show the version and exit.')
    parser.add_argument('--debug', action='store_true',
                        default=bool(env(*DEBUG_VARIABLES)),
                        help='Show tracebacks and HTTP debugging output '
                             '(env[FM_DEBUG]).')
    parser.add_argument('--timeout', type=_timeout,
                        default=env('FM_TIMEOUT',
                                    default=str(http.DEFAULT_TIMEOUT)),
                        help='Seconds to wait for each answer '
                             '(env[FM_TIMEOUT], default %(default)s).')
    parser.add_argument('--insecure', action='store_true',
                        default=bool(env('FMCLIENT_INSECURE')),
                        help='Do not verify TLS certificates '
                             '(env[FMCLIENT_INSECURE]).')
    parser.add_argument('--fm-api-version', '--fm_api_version',
                        default=env('FM_API_VERSION', default='1'),
                        choices=API_VERSIONS,
                        help='API version (env[FM_API_VERSION], 1).')
    for option, variables, text in _CONNECTION:
        dest = option[2:].replace('-', '_')
        parser.add_argument(option, dest=dest, metavar='<%s>' % dest[3:]
                            if dest.startswith('os_') else '<url>',
                            default=env(*variables),
                            help='%s Defaults to env[%s].'
                                 % (text, variables[0]))
        parser.add_argument('--' + dest, dest=dest,
                            default=argparse.SUPPRESS,
                            help=argparse.SUPPRESS)
    parser.add_argument('--os-endpoint-type', dest='os_interface',
                        default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def _add_command(subparsers: Any, command: commands.Command) -> Parser:
    sub = subparsers.add_parser(command.name, help=command.help,
                                description=command.help)
    for argument in command.arguments:
        sub.add_argument(*argument.flags, **argument.options)
    if command.nowrap:
        sub.add_argument(*commands.NOWRAP.flags, **commands.NOWRAP.options)
    sub.set_defaults(handler=command.handler)
    return sub


def build_parser() -> tuple[Parser, dict[str, Parser]]:
    """The full parser and each subcommand's own parser."""
    parser = base_parser()
    subparsers = parser.add_subparsers(
        metavar='<subcommand>', dest='subcommand',
        help='The command to run (see "fm help <subcommand>").')
    parsers: dict[str, Parser] = {}
    for module in COMMAND_MODULES:
        for command in module.COMMANDS:
            parsers[command.name] = _add_command(subparsers, command)
    help_parser = subparsers.add_parser(
        'help', help='Display help about fm or one of its subcommands.')
    help_parser.add_argument('topic', metavar='<subcommand>', nargs='?',
                             help='The subcommand to explain.')
    help_parser.set_defaults(handler=None)
    parsers['help'] = help_parser
    return parser, parsers


def credentials(args: argparse.Namespace) -> http.Credentials:
    return http.Credentials(
        auth_url=args.os_auth_url, username=args.os_username,
        password=args.os_password, project_name=args.os_project_name,
        project_id=args.os_project_id,
        user_domain_name=args.os_user_domain_name,
        user_domain_id=args.os_user_domain_id,
        project_domain_name=args.os_project_domain_name,
        project_domain_id=args.os_project_domain_id,
        region_name=args.os_region_name, interface=args.os_interface,
        auth_token=args.os_auth_token, fm_url=args.fm_url,
        service_type=args.os_service_type or http.SERVICE_TYPE,
        timeout=args.timeout, insecure=args.insecure,
        cacert=args.os_cacert)


def make_client(args: argparse.Namespace) -> Client:
    return Client(http.make_client(credentials(args)))


def _help(parser: Parser, parsers: dict[str, Parser],
          topic: str | None) -> int:
    if topic is None:
        parser.print_help()
    elif topic in parsers:
        parsers[topic].print_help()
    else:
        raise UsageError("'%s' is not a valid subcommand (see \"fm help\")"
                         % topic)
    return 0


def run(argv: Sequence[str],
        client_factory: Callable[[argparse.Namespace], Any] | None = None
        ) -> int:
    """Parse ``argv`` and run the command; errors raise ClientError.

    :param client_factory: makes the v1 client from the parsed options
        (default :func:`make_client`).
    """
    parser, parsers = build_parser()
    if not argv:
        parser.print_help()
        return 0
    args = parser.parse_args(list(argv))
    if args.debug:
        logging.basicConfig(level=logging.DEBUG,
                            format='%(levelname)s %(name)s %(message)s')
    elif not logging.getLogger().handlers:
        logging.getLogger().addHandler(logging.NullHandler())
    if args.help:
        topic = args.subcommand if args.subcommand != 'help' else None
        return _help(parser, parsers, topic)
    if args.subcommand == 'help':
        return _help(parser, parsers, args.topic)
    if args.subcommand is None:
        raise UsageError('%s: no subcommand given (see "fm help")' % PROG)
    args.handler((client_factory or make_client)(args), args)
    return 0


def _debugging(argv: Sequence[str]) -> bool:
    return '--debug' in argv or bool(env(*DEBUG_VARIABLES))


def _quiet_stdout() -> None:
    """After a closed pipe (``fm event-list | head``), exit quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None,
         client_factory: Callable[[argparse.Namespace], Any] | None = None
         ) -> int:
    """Console script ``fm``: returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = _debugging(argv)
    try:
        return run(argv, client_factory)
    except exc.ClientError as error:
        if debug:
            traceback.print_exc()
        print(error, file=sys.stderr)
        return EXIT_USAGE if isinstance(error, UsageError) else EXIT_ERROR
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        print('Interrupted.', file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - never a bare traceback
        if debug:
            traceback.print_exc()
        print('Unexpected error: %s: %s (run with --debug for details)'
              % (type(error).__name__, ' '.join(str(error).split())),
              file=sys.stderr)
        return EXIT_ERROR


if __name__ == '__main__':
    sys.exit(main())
