"""``system``: parsing, credentials, and every failure as one line."""
import pytest

from sysinv.client import http, shell
from sysinv.tests.unit.client import fakes
from sysinv.tests.unit.client.conftest import one_line_error

COMMANDS = {
    'show', 'modify', 'host-list', 'host-show', 'host-add', 'host-update',
    'host-delete', 'host-lock', 'host-unlock', 'host-swact', 'host-reboot',
    'host-reset', 'host-reinstall', 'host-power-on', 'host-power-off',
    'host-cpu-list', 'host-cpu-show', 'host-cpu-modify', 'host-memory-list',
    'host-memory-show', 'host-memory-modify', 'host-disk-list',
    'host-disk-show', 'host-disk-partition-list', 'host-port-list',
    'host-port-show', 'host-device-list', 'host-if-list', 'host-if-show',
    'host-if-add', 'host-if-modify', 'host-if-delete',
    'interface-network-list', 'interface-network-assign',
    'interface-network-remove', 'network-list', 'network-show',
    'network-add', 'network-delete', 'addrpool-list', 'addrpool-show',
    'addrpool-add', 'addrpool-modify', 'addrpool-delete', 'host-addr-list',
    'dns-show', 'dns-modify', 'ntp-show', 'ntp-modify',
    'service-parameter-list', 'service-parameter-show',
    'service-parameter-add', 'service-parameter-modify',
    'service-parameter-delete', 'service-parameter-apply',
    'host-label-list', 'host-label-assign', 'host-label-remove'}


def test_every_command_of_the_issue_exists_with_help():
    parser, parsers = shell.build_parser()
    assert set(parsers) - {'help'} == COMMANDS
    for name, sub in list(parsers.items()) + [('system', parser)]:
        assert sub.description or name in ('help', 'system')
        for action in sub._actions:
            assert action.help, (name, action.option_strings)


def test_lists_take_nowrap_column_and_format():
    _, parsers = shell.build_parser()
    for name, sub in parsers.items():
        options = {o for a in sub._actions for o in a.option_strings}
        if name.endswith('-list'):
            assert {'--nowrap', '--column', '--format'} <= options, name
        if name.endswith('-show'):
            assert '--format' in options, name


def test_no_arguments_prints_help(capsys):
    assert shell.main([]) == 0
    assert 'host-lock' in capsys.readouterr().out


def test_help_of_a_command(capsys):
    assert shell.main(['help', 'host-lock']) == 0
    out = capsys.readouterr().out
    assert '--force' in out and '<hostname or id>' in out
    assert shell.main(['host-add', '--help']) == 0
    assert '--mgmt_mac' in capsys.readouterr().out


@pytest.mark.parametrize('argv, text', [
    (['nosuch'], "invalid choice: 'nosuch'"),
    (['host-list', '--bogus'], 'unrecognized arguments: --bogus'),
    (['host-show'], 'the following arguments are required: <hostname or '
                    'id>'),
    (['host-list', '--format', 'json'], "invalid choice: 'json'"),
    (['host-add', '-p', 'router'], "invalid choice: 'router'"),
    (['host-cpu-modify', 'controller-0'], 'required: -f/--function'),
    (['host-cpu-modify', 'controller-0', '-f', 'platform', '-p0', 'x'],
     'must be an integer'),
    (['help', 'nosuch'], "'nosuch' is not a valid subcommand"),
    (['--system-api-version', '2', 'host-list'], 'invalid choice'),
    (['--timeout', '0', 'host-list'], 'must be positive'),
    (['-k'], 'no subcommand given'),
])
def test_usage_errors(capsys, argv, text):
    status = shell.main(argv)
    assert text in one_line_error(capsys, status, shell.EXIT_USAGE)


def test_missing_credentials(capsys):
    status = shell.main(['host-list'])
    err = one_line_error(capsys, status)
    assert '--os-auth-url' in err and '--system-url' in err


def test_missing_password_with_keystone(capsys, monkeypatch):
    monkeypatch.setenv('OS_AUTH_URL', 'http://127.0.0.1:1/v3')
    monkeypatch.setenv('OS_USERNAME', 'admin')
    status = shell.main(['host-list'])
    assert 'You must provide a password' in one_line_error(capsys, status)


def test_unreachable_server(capsys, free_port):
    status = shell.main(['--os-auth-token', 'x', '--system-url',
                         'http://127.0.0.1:%d' % free_port, 'host-list'])
    err = one_line_error(capsys, status)
    assert err.startswith('Unable to reach sysinv-api at http://127.0.0.1:')
    assert 'Connection refused' in err


def test_environment_gives_the_options(monkeypatch):
    monkeypatch.setenv('OS_AUTH_URL', 'http://ks:5000/v3')
    monkeypatch.setenv('OS_USERNAME', 'reader-user')
    monkeypatch.setenv('OS_PASSWORD', 'pw')
    monkeypatch.setenv('OS_PROJECT_NAME', 'admin')
    monkeypatch.setenv('OS_ENDPOINT_TYPE', 'internalURL')
    monkeypatch.setenv('SYSTEM_URL', 'http://sysinv:6385')
    parser, _ = shell.build_parser()
    args = parser.parse_args(['--os-username', 'admin', 'host-list'])
    creds = shell.credentials(args)
    assert (creds.auth_url, creds.username, creds.password,
            creds.project_name, creds.interface, creds.system_url,
            creds.url, creds.timeout) == (
        'http://ks:5000/v3', 'admin', 'pw', 'admin', 'internalURL',
        'http://sysinv:6385', 'http://sysinv:6385', shell.DEFAULT_TIMEOUT)
    assert (creds.service_type, creds.service_name) == ('platform',
                                                        'sysinv')


def test_token_and_url_bypass_keystone(monkeypatch):
    monkeypatch.setenv('OS_AUTH_TOKEN', 'tok')
    monkeypatch.setenv('SYSTEM_URL', 'http://sysinv:6385/v1/')
    monkeypatch.setenv('OS_AUTH_URL', 'http://ks:5000/v3')
    parser, _ = shell.build_parser()
    api = http.make_client(shell.credentials(parser.parse_args(
        ['host-list'])))
    assert api.token == 'tok' and api._keystone is None
    assert api.endpoint == 'http://sysinv:6385'
    assert api.service.api == 'sysinv-api'


def test_keystone_session_with_url_override():
    api = http.make_client(http.Credentials(
        auth_url='http://ks/v3', username='u', password='p',
        project_name='admin', user_domain_name='Default',
        project_domain_name='Default', system_url='http://h:6385'))
    assert api._keystone is not None and api.endpoint == 'http://h:6385'


def test_underscore_spellings_and_insecure():
    parser, _ = shell.build_parser()
    args = parser.parse_args(['--os_auth_token', 't', '--system_url',
                              'http://x', '-k', '--os-endpoint-type',
                              'admin', 'host-list'])
    creds = shell.credentials(args)
    assert (creds.auth_token, creds.url, creds.interface,
            creds.verify) == ('t', 'http://x', 'admin', False)


def test_token_is_sent_and_user_agent_is_not_maintenance(capsys):
    api = fakes.FakeAPI(fakes.site_routes())
    client = fakes.http_client(api, token='secret')
    client.get('/v1/ihosts')
    headers = api.requests[0].headers
    assert headers['X-Auth-Token'] == 'secret'
    assert not headers['User-Agent'].startswith(('mtce', 'vim'))


# -- errors -----------------------------------------------------------------

def test_refusal_prints_the_servers_message_alone(capsys):
    routes = fakes.site_routes()
    routes[('PATCH', '/v1/ihosts/1')] = (400, fakes.error_body(
        'controller-0 : Rejected: Can not lock an active controller.'))
    status = fakes.run(fakes.FakeAPI(routes), 'host-lock', 'controller-0')
    assert one_line_error(capsys, status) == (
        'controller-0 : Rejected: Can not lock an active controller.')


def test_forbidden_is_one_line(capsys):
    routes = fakes.site_routes()
    routes[('PATCH', '/v1/ihosts/1')] = (403, fakes.error_body(
        'Access was denied to this resource.', 403))
    status = fakes.run(fakes.FakeAPI(routes), 'host-lock', '1')
    assert one_line_error(capsys, status) == (
        'Access was denied to this resource.')


def test_multi_line_fault_becomes_one_line(capsys):
    routes = {('GET', '/v1/isystems'): (500, fakes.error_body(
        'database\nunavailable:\n  retry later', 500))}
    status = fakes.run(fakes.FakeAPI(routes), 'show')
    assert one_line_error(capsys, status) == (
        'database unavailable: retry later')


def test_body_without_fault_gives_the_reason(capsys):
    routes = {('GET', '/v1/isystems'): (404, None)}
    status = fakes.run(fakes.FakeAPI(routes), 'show')
    assert one_line_error(capsys, status) == 'Not Found'


def test_unexpected_errors_are_one_line(capsys):
    api = fakes.FakeAPI({('GET', '/v1/ihosts'): lambda request: 1 / 0})
    status = fakes.run(api, 'host-list')
    err = one_line_error(capsys, status)
    assert err.startswith('Unexpected error: ZeroDivisionError')
    assert '--debug' in err


def test_debug_shows_the_traceback(capsys):
    api = fakes.FakeAPI({('GET', '/v1/ihosts'): lambda request: 1 / 0})
    assert fakes.run(api, '--debug', 'host-list') == 1
    assert 'Traceback' in capsys.readouterr().err


def test_debug_variable(capsys, monkeypatch):
    monkeypatch.setenv('SYSTEMCLIENT_DEBUG', '1')
    assert fakes.run(fakes.FakeAPI(fakes.site_routes()), 'host-show',
                     'nosuch') == 1
    err = capsys.readouterr().err
    assert 'Traceback' in err
    assert err.strip().endswith('host not found: nosuch')


# -- confirmations ------------------------------------------------------------

def test_confirmations_off_by_default(capsys):
    routes = fakes.site_routes()
    routes[('PATCH', '/v1/ihosts/2')] = (200, fakes.host(2, 'worker-0'))
    assert fakes.run(fakes.FakeAPI(routes), 'host-reboot', 'worker-0') == 0


def test_confirmation_asked_and_refused(capsys, monkeypatch):
    monkeypatch.setenv('CLI_CONFIRMATIONS', 'enabled')
    monkeypatch.setattr('builtins.input', lambda prompt: 'no')
    api = fakes.FakeAPI(fakes.site_routes())
    status = fakes.run(api, 'host-lock', 'worker-0')
    assert one_line_error(capsys, status) == (
        'Operation cancelled by the user.')
    assert api.requests == []


def test_confirmation_accepted_or_skipped_with_yes(capsys, monkeypatch):
    monkeypatch.setenv('CLI_CONFIRMATIONS', 'enabled')
    routes = fakes.site_routes()
    routes[('DELETE', '/v1/ihosts/worker-0')] = (204, None)
    monkeypatch.setattr('builtins.input', lambda prompt: 'yes')
    assert fakes.run(fakes.FakeAPI(routes), 'host-delete', 'worker-0') == 0

    def never(prompt):
        raise AssertionError('asked')

    monkeypatch.setattr('builtins.input', never)
    assert fakes.run(fakes.FakeAPI(routes), 'host-delete', '--yes',
                     'worker-0') == 0
