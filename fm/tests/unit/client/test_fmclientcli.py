"""``fmClientCli``: parsing the ``###`` forms, the actions, the errors."""
import pytest

from fm.client import fmclientcli as cli
from fm.tests.unit import fixtures
from stx_common.alarms import channel
from stx_common.contracts import alarm as contract

RAISE = ('###200.004###set###host###host=worker-0###2024-01-02 '
         '03:04:05.000006###critical###worker-0 failed###'
         'operational-violation###application-subsystem-failure###'
         'wait for recovery###True###True###False###')


def run(capsys, *argv):
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(capsys, *argv):
    status, out, err = run(capsys, *argv)
    assert status == cli.EXIT_ERROR, (out, err)
    assert out == ''
    assert err.count('\n') == 1 and 'Traceback' not in err
    assert err.startswith('fmClientCli: ')
    return err.strip()


# -- parsing ----------------------------------------------------------------

@pytest.mark.parametrize('text', [
    '100.101###host=controller-0', '###100.101###host=controller-0###',
    '100.101###host=controller-0###', ' 100.101 ### host=controller-0 '])
def test_filters(text):
    assert cli.parse_filter(text) == ('100.101', 'host=controller-0')


@pytest.mark.parametrize('text', [
    '100.101', '100.101###a###b', 'abc###host=x', '100.1011###host=x', ''])
def test_bad_filters(text):
    with pytest.raises(cli.CliError):
        cli.parse_filter(text)


def test_entities():
    assert cli.parse_entity('host=worker-0') == 'host=worker-0'
    assert cli.parse_entity('###host=worker-0###') == 'host=worker-0'
    for bad in ('', '   ', 'a###b'):
        with pytest.raises(cli.CliError):
            cli.parse_entity(bad)


def test_alarm_string_both_forms_and_a_fresh_uuid():
    stx = 'a' * 36 + RAISE      # fmClientCli's form: uuid first
    for text in (RAISE, stx, RAISE + 'False###'):
        fault = cli.parse_alarm(text)
        assert fault.uuid is None
        assert (fault.alarm_id, fault.entity_instance_id, fault.severity,
                fault.service_affecting, fault.suppression,
                fault.inhibit_alarms) == ('200.004', 'host=worker-0',
                                          'critical', True, True, False)
        assert fault.timestamp.microsecond == 6


@pytest.mark.parametrize('text, problem', [
    ('garbage', 'expected 14 fields'),
    (RAISE.replace('###critical###', '###huge###'), "severity 'huge'"),
    (RAISE.replace('###set###', '###clear###'), 'clear with -d or -D'),
    (RAISE.replace('###200.004###', '###2000.4###'), 'invalid alarm id'),
    (RAISE.replace('###operational-violation###', '###odd###'),
     "alarm_type 'odd'"),
    (RAISE.replace('###host=worker-0###', '### ###'),
     'entity_instance_id is required'),
])
def test_bad_alarm_strings(text, problem):
    with pytest.raises(cli.CliError) as err:
        cli.parse_alarm(text)
    assert problem in str(err.value)


def test_one_action_is_required(capsys):
    assert 'one of the arguments -c -d -D -g -G -A is required' in \
        one_line_error(capsys)


def test_actions_exclude_each_other(capsys):
    assert 'not allowed with argument' in one_line_error(
        capsys, '-G', 'host=a', '-A', '100.101')


def test_a_missing_config_file(capsys):
    assert 'config file /nonexistent/fm.conf not found' in one_line_error(
        capsys, '--config-file', '/nonexistent/fm.conf', '-G', 'host=a')


# -- raise and clear through the alarm client --------------------------------

@pytest.fixture
def queue(conf, monkeypatch):
    """The in-memory broker of the conf fixture; the configuration is
    the test's (no config file is read)."""
    monkeypatch.setattr(cli, 'load_config', lambda files, dirs: cli.CONF)

    def drain():
        received = []
        with channel.connect() as connection:
            bound = channel.declare(connection)
            while (message := bound.get(no_ack=True)) is not None:
                received += contract.events_of(message.decode())
        return received

    drain()
    return drain


def test_raise_prints_ok_and_the_new_uuid(capsys, queue):
    status, out, err = run(capsys, '-c', RAISE)
    assert status == 0 and err == ''
    lines = out.splitlines()
    assert lines[0] == 'Ok' and len(lines[1]) == 36
    events = queue()
    assert [(e.action, e.fault.uuid) for e in events] == [('set', lines[1])]
    assert events[0].fault.reason_text == 'worker-0 failed'


def test_customer_log(capsys, queue):
    text = RAISE.replace('###200.004###set###', '###200.021###msg###')
    text = text.replace('###critical###', '###not-applicable###')
    status, out, _ = run(capsys, '-c', text)
    assert status == 0
    assert [e.action for e in queue()] == ['log']


def test_clear_and_clear_all(capsys, queue):
    assert run(capsys, '-d', '200.004###host=worker-0')[:2] == (0, 'Ok\n')
    assert run(capsys, '-D', 'host=worker-0')[:2] == (0, 'Ok\n')
    events = queue()
    assert [(e.action, e.alarm_id, e.entity_instance_id) for e in events] \
        == [('clear', '200.004', 'host=worker-0'),
            ('clear_all', None, 'host=worker-0')]


def test_catalogue_refusals(capsys, queue):
    unknown = RAISE.replace('###200.004###', '###999.999###')
    assert 'alarm id 999.999 is not in the alarm catalogue' in \
        one_line_error(capsys, '-c', unknown)
    minor = RAISE.replace('###critical###', '###minor###')
    assert "severity 'minor' is not allowed for 200.004" in \
        one_line_error(capsys, '-c', minor)
    assert 'is not in the alarm catalogue' in one_line_error(
        capsys, '-d', '999.999###host=x')
    assert 'customer log' in one_line_error(capsys, '-d', '200.021###host=x')
    assert queue() == []


# -- queries on FM's database ------------------------------------------------

@pytest.fixture
def database(synced, monkeypatch, queue):
    monkeypatch.setattr(cli, '_database', lambda: synced)
    events = [fixtures.raised(fixtures.fault(
        '200.004', entity, uuid='00000000-0000-0000-0000-%012d' % n))
        for n, entity in enumerate(['host=worker-0',
                                    'host=worker-0.port=eth0',
                                    'host=worker-1', 'host=worker-01'])]
    events.append(fixtures.raised(fixtures.fault(
        '100.101', 'host=worker-0', severity='major',
        uuid='00000000-0000-0000-0000-000000000099')))
    synced.store_events(events)
    return synced


def _keys(out):
    faults = [contract.from_wire(line) for line in out.splitlines()[1:]]
    return [(f.alarm_id, f.entity_instance_id) for f in faults]


def test_get_one(capsys, database):
    status, out, _ = run(capsys, '-g', '200.004###host=worker-0')
    assert status == 0 and out.startswith('Ok\n')
    line = out.splitlines()[1]
    assert line.startswith('###00000000-0000-0000-0000-000000000000###'
                           '200.004###set###host###host=worker-0###'
                           '2020-01-01 12:00:00.000000###critical###')
    assert line.endswith('###True###True###False###False###')
    assert _keys(out) == [('200.004', 'host=worker-0')]


def test_get_an_entity_and_its_children(capsys, database):
    status, out, _ = run(capsys, '-G', 'host=worker-0')
    assert status == 0
    assert _keys(out) == [('200.004', 'host=worker-0'),
                          ('200.004', 'host=worker-0.port=eth0'),
                          ('100.101', 'host=worker-0')]


def test_get_by_alarm_id(capsys, database):
    status, out, _ = run(capsys, '-A', '200.004')
    assert status == 0 and len(_keys(out)) == 4


def test_nothing_found(capsys, database):
    for option, value in (('-g', '200.004###host=worker-9'),
                          ('-G', 'host=worker-9'), ('-A', '100.102')):
        assert 'FM_ERR_ENTITY_NOT_FOUND' in one_line_error(capsys, option,
                                                           value)


def test_database_failure_is_one_line(capsys, queue, monkeypatch):
    class Broken:
        def list_alarms_of(self, **kwargs):
            raise RuntimeError('connection to server failed\nDETAIL: x')

        def dispose(self):
            pass

    monkeypatch.setattr(cli, '_database', Broken)
    assert one_line_error(capsys, '-A', '100.101') == (
        "fmClientCli: cannot read FM's database: RuntimeError: connection "
        'to server failed')
