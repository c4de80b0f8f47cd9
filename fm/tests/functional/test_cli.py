"""The real ``fm`` and ``fmClientCli`` executables against real fm-api and
fm-manager processes (PostgreSQL, RabbitMQ), and against fm-api behind a
real Keystone."""
import os
import subprocess

import pytest
import requests

from fm.tests.functional import fixtures
from stx_common.contracts import alarm as contract
from stx_common.testing import ports, postgres, process, rabbit, waiting

pytestmark = pytest.mark.functional

CRITICAL = ('###200.004###set###host###{entity}######critical###{entity} '
            'experienced a service-affecting failure###operational-violation'
            '###application-subsystem-failure###wait for recovery###True###'
            'True###False###')
MAJOR = ('###100.101###set###host###{entity}######major###Platform CPU '
         'threshold exceeded; threshold 90.00%, actual 95.50%###'
         'operational-violation###threshold-crossed###Monitor and if '
         'condition persists, contact next level of support.###False###'
         'True###False###')
LOG = ('###200.021###msg###host###{entity}.command=provision######'
       'not-applicable###{entity} is being provisioned###other###'
       'unspecified-reason### ###False###False###False###')


@pytest.fixture(scope='module')
def service(tmp_path_factory, rabbit_vhost):
    """One noauth FM for this module (each test starts with no alarm)."""
    database = postgres.Database().create()
    fm = fixtures.FMService(tmp_path_factory.mktemp('fm-cli'), database.url,
                            rabbit_vhost.url).start()
    yield fm
    fm.stop()
    database.drop()


def _environment(extra=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('OS_', 'FM_', 'FMCLIENT_'))}
    env['COLUMNS'] = '250'
    env.update(extra or {})
    return env


def fm(service, *argv, env=None):
    """``fm --os-auth-token x --fm-url <url> argv...``."""
    return subprocess.run(
        [process.script('fm'), '--os-auth-token', 'x', '--fm-url',
         service.url, *argv], capture_output=True, text=True, timeout=120,
        env=_environment(env))


def fmclientcli(service, *argv, config_file=None):
    return subprocess.run(
        [process.script('fmClientCli'), '--config-file',
         config_file or service.config_file, *argv], capture_output=True,
        text=True, timeout=120, env=_environment())


def ok(result):
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert 'Traceback' not in result.stderr
    return result.stdout


def one_line_error(result):
    assert result.returncode != 0, result.stdout
    assert 'Traceback' not in result.stderr, result.stderr
    assert result.stderr.count('\n') == 1, result.stderr
    return result.stderr.strip()


def table(output):
    """(header, rows) of a prettytable; cells stripped."""
    lines = [line for line in output.splitlines() if line.startswith('|')]
    cells = [[c.strip() for c in line.strip('|').split('|')]
             for line in lines]
    return (cells[0], cells[1:]) if cells else ([], [])


def raise_alarm(service, template, entity):
    out = ok(fmclientcli(service, '-c', template.format(entity=entity)))
    lines = out.splitlines()
    assert lines[0] == 'Ok' and len(lines[1]) == 36
    return lines[1]


def wait_for_rows(service, predicate, *argv, what='alarm-list rows'):
    def rows():
        result = fm(service, *(argv or ('alarm-list', '--nowrap')))
        found = table(ok(result))[1]
        return predicate(found) and (found or True)

    return waiting.wait_for(rows, timeout=60, interval=0.3, what=what)


@pytest.fixture(autouse=True)
def clean(service):
    """Delete every alarm and unsuppress every id after each test."""
    yield
    base = service.url + '/v1'
    for record in service.get('/v1/event_suppression').json()[
            'event_suppression']:
        if record['suppression_status'] == 'suppressed':
            requests.patch('%s/event_suppression/%s' % (base,
                                                        record['uuid']),
                           json=[{'op': 'replace',
                                  'path': '/suppression_status',
                                  'value': 'unsuppressed'}], timeout=30)
    for alarm in service.alarms(include_suppress='True'):
        requests.delete('%s/alarms/%s' % (base, alarm['uuid']), timeout=30)


def test_raised_alarm_is_listed_shown_and_counted(service):
    critical = raise_alarm(service, CRITICAL, 'host=worker-0')
    major = raise_alarm(service, MAJOR, 'host=controller-0')
    rows = wait_for_rows(service, lambda rows: len(rows) == 2)

    header, rows = table(ok(fm(service, 'alarm-list', '--nowrap')))
    assert header == ['Alarm ID', 'Reason Text', 'Entity ID', 'Severity',
                      'Time Stamp']
    # newest first
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ('100.101', 'host=controller-0', 'major'),
        ('200.004', 'host=worker-0', 'critical')]
    assert rows[0][1].startswith('Platform CPU threshold exceeded')

    header, rows = table(ok(fm(service, 'alarm-list', '--uuid',
                               '--mgmt_affecting', '--degrade_affecting',
                               '--nowrap')))
    assert header == ['UUID', 'Alarm ID', 'Reason Text', 'Entity ID',
                      'Management Affecting', 'Degrade Affecting',
                      'Severity', 'Time Stamp']
    assert {r[0]: (r[4], r[5]) for r in rows} == {
        major: ('True', 'False'), critical: ('True', 'False')}

    header, rows = table(ok(fm(service, 'alarm-list', '-q',
                               'severity=critical', '--nowrap')))
    assert [r[0] for r in rows] == ['200.004']

    header, rows = table(ok(fm(service, 'alarm-show', critical)))
    assert header == ['Property', 'Value']
    shown = dict(rows)
    assert (shown['uuid'], shown['alarm_id'], shown['entity_instance_id'],
            shown['severity'], shown['alarm_state'],
            shown['probable_cause']) == (
        critical, '200.004', 'host=worker-0', 'critical', 'set',
        'application-subsystem-failure')
    assert [r[0] for r in rows if r[0]] == sorted(r[0] for r in rows
                                                  if r[0])

    header, rows = table(ok(fm(service, 'alarm-summary')))
    assert header == ['Critical Alarms', 'Major Alarms', 'Minor Alarms',
                      'Warnings']
    assert rows == [['1', '1', '0', '0']]


def test_long_text_wraps_to_the_terminal(service):
    raise_alarm(service, MAJOR, 'host=controller-0.filesystem=/var/log')
    wait_for_rows(service, lambda rows: len(rows) == 1)
    output = ok(fm(service, 'alarm-list', env={'COLUMNS': '100'}))
    assert max(len(line) for line in output.splitlines()) <= 100
    assert len(output.splitlines()) > 5
    output = ok(fm(service, 'alarm-list', '--nowrap',
                   env={'COLUMNS': '100'}))
    assert len(output.splitlines()) == 5


def test_event_list(service):
    raise_alarm(service, CRITICAL, 'host=worker-0')
    raise_alarm(service, LOG, 'host=worker-0')
    wait_for_rows(service, lambda rows: len(rows) == 1)
    ok(fmclientcli(service, '-d', '200.004###host=worker-0'))
    wait_for_rows(service, lambda rows: rows == [])

    header, rows = table(ok(fm(service, 'event-list', '--nowrap')))
    assert header == ['Time Stamp', 'State', 'Event Log ID', 'Reason Text',
                      'Entity Instance ID', 'Severity']
    mine = [r for r in rows if r[4].startswith('host=worker-0')]
    assert [(r[1], r[2]) for r in mine][:1] == [('clear', '200.004')]
    assert {(r[1], r[2]) for r in mine} >= {
        ('clear', '200.004'), ('set', '200.004'), ('log', '200.021')}

    _, rows = table(ok(fm(service, 'event-list', '--alarms', '--nowrap',
                          '--nopaging')))
    assert {r[1] for r in rows} <= {'set', 'clear'} and rows
    _, rows = table(ok(fm(service, 'event-list', '--logs', '--nowrap')))
    assert {r[1] for r in rows} == {'log'}
    _, rows = table(ok(fm(service, 'event-list', '-q',
                          'event_log_id=200.004;entity_instance_id=host='
                          'worker-0', '--nowrap')))
    assert {r[2] for r in rows} == {'200.004'} and len(rows) >= 2
    _, rows = table(ok(fm(service, 'event-list', '-l', '1', '--nowrap')))
    assert len(rows) == 1

    header, rows = table(ok(fm(service, 'event-list', '--uuid', '--logs',
                               '--nowrap')))
    assert header[0] == 'UUID'
    shown = dict(table(ok(fm(service, 'event-show', rows[0][0])))[1])
    assert (shown['event_log_id'], shown['state']) == ('200.021', 'log')


def test_suppression_hides_and_marks(service):
    raise_alarm(service, MAJOR, 'host=controller-0')
    raise_alarm(service, CRITICAL, 'host=worker-0')
    wait_for_rows(service, lambda rows: len(rows) == 2)

    out = ok(fm(service, 'event-suppress', '--alarm_id', '100.101'))
    assert out.startswith('Alarm ID: 100.101 suppressed.\n')
    header, rows = table(out)
    assert header == ['Event ID', 'Status']
    assert rows == [['100.101', 'suppressed']]

    _, rows = table(ok(fm(service, 'alarm-list', '--nowrap')))
    assert [r[0] for r in rows] == ['200.004']
    _, rows = table(ok(fm(service, 'alarm-list', '--include_suppress',
                          '--nowrap')))
    assert sorted(r[0] for r in rows) == ['200.004', 'S(100.101)']
    _, rows = table(ok(fm(service, 'alarm-summary')))
    assert rows == [['1', '0', '0', '0']]
    _, rows = table(ok(fm(service, 'alarm-summary', '--include_suppress')))
    assert rows == [['1', '1', '0', '0']]
    _, rows = table(ok(fm(service, 'event-list', '--include_suppress',
                          '--nowrap')))
    assert 'S(100.101)' in [r[2] for r in rows]

    header, rows = table(ok(fm(service, 'event-suppress-list', '--uuid',
                               '--nopaging')))
    assert header == ['UUID', 'Event ID', 'Status']
    assert [r[1:] for r in rows] == [['100.101', 'suppressed']]
    _, rows = table(ok(fm(service, 'event-suppress-list',
                          '--include-unsuppressed')))
    assert len(rows) > 10 and ['100.101', 'suppressed'] in rows

    out = ok(fm(service, 'event-unsuppress-all'))
    assert out.startswith('Alarm ID: 100.101 unsuppressed.\n')
    assert table(out)[1] == []
    _, rows = table(ok(fm(service, 'alarm-list', '--nowrap')))
    assert sorted(r[0] for r in rows) == ['100.101', '200.004']

    ok(fm(service, 'event-suppress', '--alarm_id', '100.101,200.004'))
    out = ok(fm(service, 'event-unsuppress', '--alarm_id', '200.004'))
    assert out.startswith('Alarm ID: 200.004 unsuppressed.\n')
    assert table(out)[1] == [['100.101', 'suppressed']]


def test_alarm_delete(service):
    uuid = raise_alarm(service, CRITICAL, 'host=worker-3')
    wait_for_rows(service, lambda rows: len(rows) == 1)
    assert ok(fm(service, 'alarm-delete', uuid)) == ''
    assert table(ok(fm(service, 'alarm-list')))[1] == []
    _, rows = table(ok(fm(service, 'event-list', '--alarms', '--nowrap',
                          '-q', 'entity_instance_id=host=worker-3')))
    assert [r[1] for r in rows][:1] == ['clear']
    assert one_line_error(fm(service, 'alarm-delete', uuid)) == \
        'Alarm not found: %s' % uuid


def test_fmclientcli_queries_and_clears(service):
    for entity in ('host=worker-0', 'host=worker-0.port=eth0',
                   'host=worker-1'):
        raise_alarm(service, CRITICAL, entity)
    raise_alarm(service, MAJOR, 'host=worker-0')
    wait_for_rows(service, lambda rows: len(rows) == 4)

    out = ok(fmclientcli(service, '-g', '200.004###host=worker-0'))
    lines = out.splitlines()
    assert lines[0] == 'Ok' and len(lines) == 2
    fault = contract.from_wire(lines[1])
    assert (fault.alarm_id, fault.entity_instance_id, fault.severity,
            fault.service_affecting) == ('200.004', 'host=worker-0',
                                         'critical', True)

    def keys(output):
        lines = output.splitlines()
        assert lines[0] == 'Ok'
        return sorted((f.alarm_id, f.entity_instance_id) for f in (
            contract.from_wire(line) for line in lines[1:]))

    assert keys(ok(fmclientcli(service, '-G', 'host=worker-0'))) == [
        ('100.101', 'host=worker-0'), ('200.004', 'host=worker-0'),
        ('200.004', 'host=worker-0.port=eth0')]
    assert keys(ok(fmclientcli(service, '-A', '200.004'))) == [
        ('200.004', 'host=worker-0'), ('200.004', 'host=worker-0.port=eth0'),
        ('200.004', 'host=worker-1')]

    assert ok(fmclientcli(service, '-d', '200.004###host=worker-1')) == \
        'Ok\n'
    wait_for_rows(service, lambda rows: len(rows) == 3)
    ok(fmclientcli(service, '-D', 'host=worker-0'))
    wait_for_rows(service, lambda rows: rows == [])
    error = one_line_error(fmclientcli(service, '-G', 'host=worker-0'))
    assert 'FM_ERR_ENTITY_NOT_FOUND' in error


def test_bad_input_is_one_line_and_non_zero(service):
    nobody = '00000000-0000-0000-0000-000000000000'
    checks = [
        (fm(service, 'alarm-show', nobody), 'Alarm not found: ' + nobody),
        (fm(service, 'event-show', nobody),
         'Event log not found: ' + nobody),
        (fm(service, 'alarm-list', '-q', 'severity'), 'missing operator'),
        (fm(service, 'alarm-list', '-q', 'severity>=major'),
         "query operator 'ge' is not supported on severity (HTTP 400)"),
        (fm(service, 'event-list', '-q', 'start=yesterday'),
         "Invalid date 'yesterday'"),
        (fm(service, 'alarm-list', '-q', 'colour=red'),
         "unknown query field 'colour'"),
        (fm(service, 'event-suppress', '--alarm_id', '999.999'),
         '999.999'),
        (fm(service, 'alarm-list', '--bogus'),
         'unrecognized arguments: --bogus'),
        (fmclientcli(service, '-c', CRITICAL.format(entity='host=x')
                     .replace('200.004', '999.999')),
         'alarm id 999.999 is not in the alarm catalogue'),
        (fmclientcli(service, '-c', CRITICAL.format(entity='host=x')
                     .replace('critical', 'minor')),
         "severity 'minor' is not allowed for 200.004"),
        (fmclientcli(service, '-c', 'not###an###alarm'),
         'invalid alarm string'),
        (fmclientcli(service, '-g', '200.004###host=nowhere'),
         'FM_ERR_ENTITY_NOT_FOUND'),
        (fmclientcli(service, '-d', 'garbage'), 'invalid alarm filter'),
    ]
    for result, text in checks:
        assert text in one_line_error(result), result.args
    assert table(ok(fm(service, 'alarm-list')))[1] == []


def test_unreachable_fm_api_is_one_line(service):
    closed = 'http://127.0.0.1:%d' % ports.free_port()
    result = subprocess.run(
        [process.script('fm'), '--fm-url', closed, '--timeout', '5',
         'alarm-list'], capture_output=True, text=True, timeout=60,
        env=_environment())
    assert 'Unable to reach fm-api at %s' % closed in one_line_error(result)
    result = subprocess.run([process.script('fm'), 'alarm-list'],
                            capture_output=True, text=True, timeout=60,
                            env=_environment())
    assert 'You must provide an auth url' in one_line_error(result)


def test_raise_while_the_broker_is_away_is_spooled_then_sent(service,
                                                             tmp_path):
    with open(service.config_file) as handle:
        text = handle.read()
    away = tmp_path / 'away.conf'
    lines = ['transport_url = rabbit://guest:guest@127.0.0.1:%d/'
             % ports.free_port() if line.startswith('transport_url')
             else line for line in text.splitlines()]
    away.write_text('\n'.join(lines) + '\n')
    result = fmclientcli(service, '--timeout', '1', '-c',
                         CRITICAL.format(entity='host=worker-7'),
                         config_file=str(away))
    out = ok(result)
    assert out.splitlines()[0] == 'Ok'
    assert 'spooled' in result.stderr and result.stderr.count('\n') == 1
    assert table(ok(fm(service, 'alarm-list')))[1] == []
    # The next run on the same spool directory delivers it first.
    ok(fmclientcli(service, '-D', 'host=worker-99'))
    rows = wait_for_rows(service, lambda rows: len(rows) == 1)
    assert rows[0][2] == 'host=worker-7'


# -- with Keystone ---------------------------------------------------------

@pytest.fixture(scope='module')
def secured(tmp_path_factory, keystone):
    """FM with auth_strategy=keystone, on a vhost of its own (the noauth
    FM of this module must not consume its alarm events)."""
    database = postgres.Database().create()
    vhost = rabbit.Vhost().create()
    fm_service = fixtures.FMService(tmp_path_factory.mktemp('fm-ks'),
                                    database.url, vhost.url,
                                    auth_strategy='keystone',
                                    keystone=keystone).start()
    yield fm_service
    fm_service.stop()
    vhost.delete()
    database.drop()


def fm_as(keystone, user, service, *argv, fm_url=True):
    env = dict(keystone.openrc(user))
    if fm_url:
        env['FM_URL'] = service.url
    return subprocess.run([process.script('fm'), *argv],
                          capture_output=True, text=True, timeout=120,
                          env=_environment(env))


@pytest.mark.keystone
def test_keystone_reader_lists_but_cannot_delete(secured, keystone):
    uuid = raise_alarm(secured, CRITICAL, 'host=worker-5')
    token = keystone.token('admin')
    secured.wait_for_alarms(lambda rows: rows, token=token)

    out = ok(fm_as(keystone, 'reader-user', secured, 'alarm-list', '--uuid',
                   '--nowrap'))
    assert [r[:2] for r in table(out)[1]] == [[uuid, '200.004']]

    error = one_line_error(fm_as(keystone, 'reader-user', secured,
                                 'alarm-delete', uuid))
    assert 'fm:alarm:delete' in error and error.endswith('(HTTP 403)')

    error = one_line_error(fm_as(keystone, 'reader-user', secured,
                                 'alarm-list', fm_url=False))
    assert 'No faultmanagement endpoint' in error and '--fm-url' in error

    env = dict(keystone.openrc('reader-user'), OS_PASSWORD='wrong',
               FM_URL=secured.url)
    result = subprocess.run([process.script('fm'), 'alarm-list'],
                            capture_output=True, text=True, timeout=120,
                            env=_environment(env))
    assert 'Invalid Identity credentials' in one_line_error(result)

    result = subprocess.run(
        [process.script('fm'), '--os-auth-token', 'bogus', '--fm-url',
         secured.url, 'alarm-list'], capture_output=True, text=True,
        timeout=120, env=_environment())
    assert '(HTTP 401)' in one_line_error(result)

    ok(fm_as(keystone, 'admin', secured, 'alarm-delete', uuid))
    assert table(ok(fm_as(keystone, 'admin', secured, 'alarm-list')))[1] \
        == []
