"""An argparse command line over one REST API.

A service's CLI is a :class:`Spec` (its name, API, commands, variables)
given to :class:`Shell`; the shell parses the connection options (the
``OS_*`` variables and their ``--os-*`` options, the API URL, a token),
builds the client, runs the command and turns every failure (bad input,
an error answer, an unreachable server, missing credentials, even a bug)
into one line on stderr and a non-zero exit. ``--debug`` (or the spec's
debug variables) adds the traceback and logs the requests.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
import dataclasses
import logging
import os
import sys
import traceback
from typing import Any, NoReturn

from stx_common.client import commands, http
from stx_common.client import exceptions as exc

EXIT_ERROR = 1
EXIT_USAGE = 2


class UsageError(exc.CommandError):
    """The command line does not parse."""


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        root = self.prog.split(' ')[0]
        raise UsageError('%s: %s (see "%s help%s")' % (
            self.prog, message, root, self.prog[len(root):]))


def env(*names: str, default: str | None = None) -> str | None:
    """The first of the variables ``names`` that is set and not empty."""
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    return default


# (option, variables, help) of the Keystone options; each also takes its
# StarlingX underscore spelling (--os_username ...), not shown.
KEYSTONE_OPTIONS = (
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
)


@dataclasses.dataclass(frozen=True)
class Spec:
    """What makes one service's command line.

    :ivar client: makes the API client (managers) out of an
        :class:`~stx_common.client.http.HTTPClient`.
    :ivar url_help: help of the URL option (``--fm-url``, ...).
    :ivar status_in_errors: an error answer is printed with its HTTP
        status (``... (HTTP 400)``); else as the server's message alone,
        as StarlingX's ``system`` prints it.
    """

    prog: str
    version: str
    description: str
    service: http.Service
    commands: tuple[commands.Command, ...]
    client: Callable[[http.HTTPClient], Any]
    url_help: str
    api_version_option: str
    api_version_variable: str
    debug_variables: tuple[str, ...]
    timeout_variable: str
    insecure_variable: str
    api_versions: tuple[str, ...] = ('1',)
    insecure_flags: tuple[str, ...] = ('--insecure',)
    default_timeout: float = http.DEFAULT_TIMEOUT
    credentials_class: type[http.Credentials] = http.Credentials
    client_class: type[http.HTTPClient] = http.HTTPClient
    status_in_errors: bool = True


def _timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            'must be a number of seconds, not %r' % text) from None
    if value <= 0:
        raise argparse.ArgumentTypeError('must be positive, not %r' % text)
    return value


def _dest(option: str) -> str:
    return option.lstrip('-').replace('-', '_')


class Shell:
    """The command line of one :class:`Spec`."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.url_dest = _dest(spec.service.url_option)

    # -- parsing -------------------------------------------------------------
    def connection_options(self) -> tuple[tuple[str, tuple[str, ...], str],
                                          ...]:
        api = self.spec.service.api
        service = self.spec.service
        return KEYSTONE_OPTIONS + (
            ('--os-region-name', ('OS_REGION_NAME',),
             "Region of %s's endpoint in the catalogue." % api),
            ('--os-interface', ('OS_INTERFACE', 'OS_ENDPOINT_TYPE'),
             "Interface of %s's endpoint in the catalogue: public, "
             'internal or admin (default public).' % api),
            ('--os-auth-token', ('OS_AUTH_TOKEN',),
             'A token to send as is: with %s, Keystone is not asked; '
             'without it, the token is used to read the catalogue.'
             % service.url_option),
            (service.url_option, (service.url_variable,),
             self.spec.url_help),
            ('--os-service-type', ('OS_SERVICE_TYPE',),
             'Service type of %s in the catalogue (default %s).'
             % (api, service.service_type)),
            ('--os-cacert', ('OS_CACERT',),
             'CA bundle to verify %s and Keystone with.' % api),
        )

    def base_parser(self) -> Parser:
        spec = self.spec
        parser = Parser(prog=spec.prog, add_help=False,
                        description=spec.description,
                        epilog='See "%s help COMMAND" for help on a '
                               'specific command.' % spec.prog)
        parser.add_argument('-h', '--help', action='store_true',
                            help='Show this help and exit.')
        parser.add_argument('--version', action='version',
                            version='%(prog)s ' + spec.version,
                            help='Show the version and exit.')
        parser.add_argument('--debug', action='store_true',
                            default=bool(env(*spec.debug_variables)),
                            help='Show tracebacks and HTTP debugging '
                                 'output (env[%s]).'
                                 % spec.debug_variables[0])
        parser.add_argument('--timeout', type=_timeout,
                            default=env(spec.timeout_variable,
                                        default=str(spec.default_timeout)),
                            help='Seconds to wait for each answer '
                                 '(env[%s], default %%(default)s).'
                                 % spec.timeout_variable)
        parser.add_argument(*spec.insecure_flags, dest='insecure',
                            action='store_true',
                            default=bool(env(spec.insecure_variable)),
                            help='Do not verify TLS certificates '
                                 '(env[%s]).' % spec.insecure_variable)
        version_dest = _dest(spec.api_version_option)
        parser.add_argument(spec.api_version_option,
                            '--' + version_dest, dest=version_dest,
                            default=env(spec.api_version_variable,
                                        default=spec.api_versions[0]),
                            choices=spec.api_versions,
                            help='API version (env[%s], %s).'
                                 % (spec.api_version_variable,
                                    spec.api_versions[0]))
        for option, variables, text in self.connection_options():
            dest = _dest(option)
            parser.add_argument(option, dest=dest, metavar='<%s>' % dest[3:]
                                if dest.startswith('os_') else '<url>',
                                default=env(*variables),
                                help='%s Defaults to env[%s].'
                                     % (text, variables[0]))
            parser.add_argument('--' + dest, dest=dest,
                                default=argparse.SUPPRESS,
                                help=argparse.SUPPRESS)
        parser.add_argument('--os-endpoint-type', dest='os_interface',
                            default=argparse.SUPPRESS,
                            help=argparse.SUPPRESS)
        parser.add_argument('--ca-file', dest='os_cacert',
                            default=argparse.SUPPRESS,
                            help=argparse.SUPPRESS)
        parser.add_argument('--cert-file', dest='cert_file',
                            metavar='<file>', default=env('OS_CERT'),
                            help='Client certificate for TLS (env[OS_CERT]).')
        parser.add_argument('--key-file', dest='key_file', metavar='<file>',
                            default=env('OS_KEY'),
                            help='Private key of --cert-file, if it is not '
                                 'in it (env[OS_KEY]).')
        return parser

    def _add_command(self, subparsers: Any,
                     command: commands.Command) -> Parser:
        sub = subparsers.add_parser(
            command.name, help=command.help,
            description=command.description or command.help)
        for argument in command.arguments:
            sub.add_argument(*argument.flags, **argument.options)
        if command.nowrap:
            sub.add_argument(*commands.NOWRAP.flags,
                             **commands.NOWRAP.options)
        sub.set_defaults(handler=command.handler)
        return sub

    def build_parser(self) -> tuple[Parser, dict[str, Parser]]:
        """The full parser and each subcommand's own parser."""
        parser = self.base_parser()
        subparsers = parser.add_subparsers(
            metavar='<subcommand>', dest='subcommand',
            help='The command to run (see "%s help <subcommand>").'
                 % self.spec.prog)
        parsers: dict[str, Parser] = {}
        for command in self.spec.commands:
            parsers[command.name] = self._add_command(subparsers, command)
        help_parser = subparsers.add_parser(
            'help', help='Display help about %s or one of its subcommands.'
                         % self.spec.prog)
        help_parser.add_argument('topic', metavar='<subcommand>',
                                 nargs='?',
                                 help='The subcommand to explain.')
        help_parser.set_defaults(handler=None)
        parsers['help'] = help_parser
        return parser, parsers

    # -- connecting ----------------------------------------------------------
    def credentials(self, args: argparse.Namespace) -> http.Credentials:
        return self.spec.credentials_class(
            auth_url=args.os_auth_url, username=args.os_username,
            password=args.os_password, project_name=args.os_project_name,
            project_id=args.os_project_id,
            user_domain_name=args.os_user_domain_name,
            user_domain_id=args.os_user_domain_id,
            project_domain_name=args.os_project_domain_name,
            project_domain_id=args.os_project_domain_id,
            region_name=args.os_region_name, interface=args.os_interface,
            auth_token=args.os_auth_token,
            url=getattr(args, self.url_dest),
            service_type=args.os_service_type or
            self.spec.service.service_type,
            timeout=args.timeout, insecure=args.insecure,
            cacert=args.os_cacert, cert=getattr(args, 'cert_file', None),
            key=getattr(args, 'key_file', None))

    def make_client(self, args: argparse.Namespace) -> Any:
        api = http.make_client(self.credentials(args), self.spec.service,
                               self.spec.client_class)
        return self.spec.client(api)

    # -- running -------------------------------------------------------------
    def _help(self, parser: Parser, parsers: dict[str, Parser],
              topic: str | None) -> int:
        if topic is None:
            parser.print_help()
        elif topic in parsers:
            parsers[topic].print_help()
        else:
            raise UsageError("'%s' is not a valid subcommand (see \"%s "
                             "help\")" % (topic, self.spec.prog))
        return 0

    def run(self, argv: Sequence[str],
            client_factory: Callable[[argparse.Namespace], Any] | None = None
            ) -> int:
        """Parse ``argv`` and run the command; errors raise ClientError.

        :param client_factory: makes the API client from the parsed
            options (default :meth:`make_client`).
        """
        parser, parsers = self.build_parser()
        if not argv:
            parser.print_help()
            return 0
        try:
            args = parser.parse_args(list(argv))
        except SystemExit as done:     # --version, <command> --help
            return done.code if isinstance(done.code, int) else 0
        if args.debug:
            logging.basicConfig(level=logging.DEBUG,
                                format='%(levelname)s %(name)s %(message)s')
        elif not logging.getLogger().handlers:
            logging.getLogger().addHandler(logging.NullHandler())
        if args.help:
            topic = args.subcommand if args.subcommand != 'help' else None
            return self._help(parser, parsers, topic)
        if args.subcommand == 'help':
            return self._help(parser, parsers, args.topic)
        if args.subcommand is None:
            raise UsageError('%s: no subcommand given (see "%s help")'
                             % (self.spec.prog, self.spec.prog))
        args.handler((client_factory or self.make_client)(args), args)
        return 0

    def message(self, error: exc.ClientError) -> str:
        """The line printed for ``error``."""
        if (isinstance(error, exc.HTTPError) and error.detail and
                not self.spec.status_in_errors):
            return error.detail
        return str(error)

    def debugging(self, argv: Sequence[str]) -> bool:
        return '--debug' in argv or bool(env(*self.spec.debug_variables))

    def main(self, argv: Sequence[str] | None = None,
             client_factory: Callable[[argparse.Namespace], Any] | None = None
             ) -> int:
        """The console script: returns the exit status."""
        argv = list(sys.argv[1:] if argv is None else argv)
        debug = self.debugging(argv)
        try:
            return self.run(argv, client_factory)
        except exc.ClientError as error:
            if debug:
                traceback.print_exc()
            print(self.message(error), file=sys.stderr)
            return EXIT_USAGE if isinstance(error, UsageError) \
                else EXIT_ERROR
        except BrokenPipeError:
            quiet_stdout()
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


def quiet_stdout() -> None:
    """After a closed pipe (``... | head``), exit quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
