"""``fm``: every failure is one line on stderr and a non-zero status."""
import json
from urllib import parse

import pytest

from fm.client import shell
from fm.tests.unit.client import fakes

ENV = ('OS_AUTH_URL', 'OS_USERNAME', 'OS_PASSWORD', 'OS_PROJECT_NAME',
       'OS_PROJECT_ID', 'OS_TENANT_NAME', 'OS_TENANT_ID', 'OS_AUTH_TOKEN',
       'OS_REGION_NAME', 'OS_INTERFACE', 'OS_ENDPOINT_TYPE', 'FM_URL',
       'FM_DEBUG', 'FMCLIENT_DEBUG', 'FM_TIMEOUT', 'OS_USER_DOMAIN_NAME',
       'OS_PROJECT_DOMAIN_NAME', 'OS_USER_DOMAIN_ID',
       'OS_PROJECT_DOMAIN_ID', 'OS_SERVICE_TYPE', 'OS_CACERT')


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv('COLUMNS', '200')


def one_line_error(capsys, status, expected_status=1):
    out, err = capsys.readouterr()
    assert status == expected_status, (out, err)
    assert err.count('\n') == 1, err
    assert 'Traceback' not in err
    return err.strip()


def run(api, *argv):
    return shell.main(['--fm-url', fakes.URL, *argv],
                      client_factory=lambda args: fakes.v1_client(api))


# -- usage ------------------------------------------------------------------

def test_no_arguments_prints_help(capsys):
    assert shell.main([]) == 0
    assert 'alarm-list' in capsys.readouterr().out


def test_help_of_a_command(capsys):
    assert shell.main(['help', 'event-list']) == 0
    out = capsys.readouterr().out
    for option in ('--query', '--limit', '--alarms', '--logs', '--uuid',
                   '--include_suppress', '--nopaging', '--nowrap'):
        assert option in out


@pytest.mark.parametrize('argv, text', [
    (['nosuch'], "invalid choice: 'nosuch'"),
    (['alarm-list', '--bogus'], 'unrecognized arguments: --bogus'),
    (['event-list', '-l', '0'], 'must be a positive integer'),
    (['event-list', '-l', 'ten'], 'must be a positive integer'),
    (['alarm-show'], 'the following arguments are required: <uuid>'),
    (['event-suppress', '--alarm_id', ','], 'no alarm id given'),
    (['help', 'nosuch'], "'nosuch' is not a valid subcommand"),
    (['--fm-api-version', '2', 'alarm-list'], 'invalid choice'),
    (['--timeout', '-1', 'alarm-list'], 'must be positive'),
    (['--insecure'], 'no subcommand given'),
])
def test_usage_errors(capsys, argv, text):
    status = shell.main(argv)
    assert text in one_line_error(capsys, status, shell.EXIT_USAGE)


def test_every_command_and_option_has_help():
    parser, parsers = shell.build_parser()
    assert set(parsers) >= {
        'alarm-list', 'alarm-show', 'alarm-delete', 'alarm-summary',
        'event-list', 'event-show', 'event-suppress', 'event-unsuppress',
        'event-unsuppress-all', 'event-suppress-list'}
    for name, sub in list(parsers.items()) + [('fm', parser)]:
        assert sub.description or name == 'help' or name == 'fm'
        for action in sub._actions:
            assert action.help, (name, action.option_strings)


# -- credentials and connection ---------------------------------------------

def test_missing_credentials(capsys):
    status = shell.main(['alarm-list'])
    assert '--os-auth-url' in one_line_error(capsys, status)


def test_missing_password_with_keystone(capsys, monkeypatch):
    monkeypatch.setenv('OS_AUTH_URL', 'http://127.0.0.1:1/v3')
    monkeypatch.setenv('OS_USERNAME', 'admin')
    status = shell.main(['alarm-list'])
    assert 'You must provide a password' in one_line_error(capsys, status)


def test_unreachable_server(capsys, free_port):
    status = shell.main(['--fm-url', 'http://127.0.0.1:%d' % free_port,
                         'alarm-list'])
    assert 'Unable to reach fm-api' in one_line_error(capsys, status)


def test_environment_gives_the_options(monkeypatch):
    monkeypatch.setenv('OS_AUTH_URL', 'http://ks:5000/v3')
    monkeypatch.setenv('OS_USERNAME', 'reader-user')
    monkeypatch.setenv('OS_PASSWORD', 'pw')
    monkeypatch.setenv('OS_PROJECT_NAME', 'admin')
    monkeypatch.setenv('OS_ENDPOINT_TYPE', 'internalURL')
    monkeypatch.setenv('FM_URL', 'http://fm:18002')
    monkeypatch.setenv('FM_TIMEOUT', '12')
    parser, _ = shell.build_parser()
    args = parser.parse_args(['--os-username', 'admin', 'alarm-list'])
    creds = shell.credentials(args)
    assert (creds.auth_url, creds.username, creds.password,
            creds.project_name, creds.interface, creds.fm_url,
            creds.timeout) == ('http://ks:5000/v3', 'admin', 'pw', 'admin',
                               'internalURL', 'http://fm:18002', 12.0)


def test_underscore_spellings_are_accepted():
    parser, _ = shell.build_parser()
    args = parser.parse_args(['--os_auth_token', 't', '--fm_url', 'http://x',
                              '--os-endpoint-type', 'admin', 'alarm-list'])
    creds = shell.credentials(args)
    assert (creds.auth_token, creds.fm_url, creds.interface) == (
        't', 'http://x', 'admin')


# -- commands over a fake API -----------------------------------------------

def test_alarm_list_sends_the_query(capsys):
    api = fakes.FakeAPI({('GET', '/v1/alarms'): (200, {'alarms': [
        fakes.alarm('100.101', status='suppressed')]})})
    assert run(api, 'alarm-list', '-q', 'severity=major',
               '--include_suppress') == 0
    out = capsys.readouterr().out
    assert 'S(100.101)' in out and 'Alarm ID' in out
    params = api.params()
    assert ('q.field', 'severity') in params
    assert ('include_suppress', 'True') in params


def test_malformed_query_is_refused_before_any_request(capsys):
    api = fakes.FakeAPI()
    status = run(api, 'alarm-list', '-q', 'severity')
    assert 'missing operator' in one_line_error(capsys, status)
    assert api.requests == []


def test_server_side_query_error(capsys):
    api = fakes.FakeAPI({('GET', '/v1/alarms'): (400, fakes.error_body(
        "query operator 'ge' is not supported on severity"))})
    status = run(api, 'alarm-list', '-q', 'severity>=major')
    assert one_line_error(capsys, status) == (
        "query operator 'ge' is not supported on severity (HTTP 400)")


def test_unknown_uuid(capsys):
    api = fakes.FakeAPI()
    for command, text in (('alarm-show', 'Alarm not found: nope'),
                          ('alarm-delete', 'Alarm not found: nope'),
                          ('event-show', 'Event log not found: nope')):
        status = run(api, command, 'nope')
        assert one_line_error(capsys, status) == text


def test_forbidden_delete(capsys):
    api = fakes.FakeAPI({('DELETE', '/v1/alarms/u1'): (403, fakes.error_body(
        "Policy doesn't allow fm:alarm:delete to be performed.", 403))})
    status = run(api, 'alarm-delete', 'u1')
    assert one_line_error(capsys, status) == (
        "Policy doesn't allow fm:alarm:delete to be performed. (HTTP 403)")


def test_alarm_show_and_delete(capsys):
    record = dict(fakes.alarm(uuid='u1'), alarm_state='set',
                  entity_type_id='host', alarm_type='equipment',
                  probable_cause='unknown', proposed_repair_action='fix',
                  service_affecting=False, suppression=True)
    api = fakes.FakeAPI({('GET', '/v1/alarms/u1'): (200, record),
                         ('DELETE', '/v1/alarms/u1'): (204, None)})
    assert run(api, 'alarm-show', 'u1') == 0
    out = capsys.readouterr().out
    assert '| Property ' in out and '| alarm_state ' in out
    assert run(api, 'alarm-delete', 'u1') == 0
    assert api.requests[-1].method == 'DELETE'


def test_alarm_summary(capsys):
    api = fakes.FakeAPI({('GET', '/v1/alarms/summary'): (200, {
        'critical': 2, 'major': 1, 'minor': 0, 'warnings': 4,
        'status': 'critical'})})
    assert run(api, 'alarm-summary', '--include_suppress') == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].split('|')[1:5] == [' Critical Alarms ', ' Major Alarms ',
                                      ' Minor Alarms ', ' Warnings ']
    assert [c.strip() for c in out[3].split('|')[1:5]] == ['2', '1', '0',
                                                          '4']
    assert ('include_suppress', 'True') in api.params()


def test_event_list_limit_and_kinds(capsys):
    api = fakes.FakeAPI({('GET', '/v1/event_log'): (200, {
        'event_log': [fakes.event()]})})
    assert run(api, 'event-list', '-l', '3', '--logs', '--nopaging') == 0
    assert dict(api.params()) == {'limit': '3', 'logs': 'True'}
    assert 'Event Log ID' in capsys.readouterr().out


SUPPRESSION = [
    {'uuid': 'u1', 'alarm_id': '100.101', 'suppression_status':
     'unsuppressed'},
    {'uuid': 'u2', 'alarm_id': '100.102', 'suppression_status':
     'suppressed'},
    {'uuid': 'u3', 'alarm_id': '100.103', 'suppression_status':
     'unsuppressed'},
]


def suppression_api():
    records = {r['uuid']: dict(r) for r in SUPPRESSION}

    def listing(request):
        wanted = dict(parse.parse_qsl(parse.urlsplit(request.url).query)
                      ).get('q.value')
        return 200, {'event_suppression': [
            r for r in records.values()
            if wanted is None or r['suppression_status'] == wanted]}

    def patcher(uuid):
        def patch(request):
            body = json.loads(request.body)
            assert body == [{'path': '/suppression_status',
                             'value': body[0]['value'], 'op': 'replace'}]
            records[uuid]['suppression_status'] = body[0]['value']
            return 200, records[uuid]
        return patch

    routes = {('GET', '/v1/event_suppression'): listing}
    for uuid in records:
        routes[('PATCH', '/v1/event_suppression/' + uuid)] = patcher(uuid)
    return fakes.FakeAPI(routes), records


def test_event_suppress_and_the_list(capsys):
    api, records = suppression_api()
    assert run(api, 'event-suppress', '--alarm_id', '100.101,100.103') == 0
    out = capsys.readouterr().out
    assert 'Alarm ID: 100.101 suppressed.' in out
    assert 'Alarm ID: 100.103 suppressed.' in out
    assert {r['suppression_status'] for r in records.values()} == {
        'suppressed'}
    assert run(api, 'event-suppress-list', '--uuid') == 0
    out = capsys.readouterr().out
    assert '| UUID ' in out and out.count('suppressed') == 3


def test_event_suppress_refuses_unknown_ids_and_changes_nothing(capsys):
    api, records = suppression_api()
    status = run(api, 'event-suppress', '--alarm_id', '100.101,999.999')
    assert '999.999' in one_line_error(capsys, status)
    assert records['u1']['suppression_status'] == 'unsuppressed'
    assert [r.method for r in api.requests] == ['GET']


def test_event_unsuppress_all(capsys):
    api, records = suppression_api()
    run(api, 'event-suppress', '--alarm_id', '100.101')
    capsys.readouterr()
    assert run(api, 'event-unsuppress-all') == 0
    out = capsys.readouterr().out
    assert 'Alarm ID: 100.101 unsuppressed.' in out
    assert 'Alarm ID: 100.102 unsuppressed.' in out
    assert {r['suppression_status'] for r in records.values()} == {
        'unsuppressed'}


def test_event_suppress_list_asks_for_suppressed_only(capsys):
    api, _ = suppression_api()
    run(api, 'event-suppress-list')
    params = dict(api.params())
    assert params == {'q.field': 'suppression_status', 'q.op': 'eq',
                      'q.type': 'string', 'q.value': 'suppressed'}
    run(api, 'event-suppress-list', '--include-unsuppressed')
    assert api.params() == []


# -- never a traceback ------------------------------------------------------

def test_unexpected_errors_are_one_line(capsys):
    api = fakes.FakeAPI({('GET', '/v1/alarms'): lambda request: 1 / 0})
    status = run(api, 'alarm-list')
    err = one_line_error(capsys, status)
    assert err.startswith('Unexpected error: ZeroDivisionError')
    assert '--debug' in err


def test_debug_shows_the_traceback(capsys):
    api = fakes.FakeAPI({('GET', '/v1/alarms'): lambda request: 1 / 0})
    assert run(api, '--debug', 'alarm-list') == 1
    assert 'Traceback' in capsys.readouterr().err


def test_fm_debug_variable(capsys, monkeypatch):
    monkeypatch.setenv('FM_DEBUG', '1')
    api = fakes.FakeAPI()
    assert run(api, 'alarm-show', 'x') == 1
    err = capsys.readouterr().err
    assert 'Traceback' in err and err.strip().endswith('Alarm not found: x')
