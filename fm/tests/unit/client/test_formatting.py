"""Tables: StarlingX's columns and orders, S(id) marks, wrapping."""
import argparse
import os
import time

import pytest

from fm.client import formatting as fmt
from fm.client.v1 import alarm_shell, event_log_shell
from fm.client.v1 import event_suppression_shell as suppression_shell
from fm.tests.unit.client import fakes


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """Local time is UTC for these tests."""
    monkeypatch.setenv('TZ', 'UTC')
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def header(output):
    return [c.strip() for c in output.splitlines()[1].strip('|').split('|')]


def rows(output):
    lines = output.splitlines()[3:-1]
    return [[c.strip() for c in line.strip('|').split('|')]
            for line in lines]


def args(**values):
    defaults = dict(uuid=False, mgmt_affecting=False,
                    degrade_affecting=False, nowrap=True)
    defaults.update(values)
    return argparse.Namespace(**defaults)


@pytest.mark.parametrize('flags, labels', [
    ({}, ['Alarm ID', 'Reason Text', 'Entity ID', 'Severity',
          'Time Stamp']),
    ({'uuid': True}, ['UUID', 'Alarm ID', 'Reason Text', 'Entity ID',
                      'Severity', 'Time Stamp']),
    ({'mgmt_affecting': True, 'degrade_affecting': True},
     ['Alarm ID', 'Reason Text', 'Entity ID', 'Severity',
      'Management Affecting', 'Degrade Affecting', 'Time Stamp']),
    ({'uuid': True, 'mgmt_affecting': True},
     ['UUID', 'Alarm ID', 'Reason Text', 'Entity ID',
      'Management Affecting', 'Severity', 'Time Stamp']),
    ({'degrade_affecting': True},
     ['Alarm ID', 'Reason Text', 'Entity ID', 'Severity', 'Time Stamp',
      'Degrade Affecting']),
])
def test_alarm_list_columns_are_placed_as_starlingx_places_them(flags,
                                                                labels):
    output = alarm_shell.alarm_table([fakes.alarm()], args(**flags))
    assert header(output) == labels


def test_alarm_list_is_newest_first_and_marks_suppressed_ids():
    alarms = [fakes.alarm('100.101', timestamp='2024-01-01T00:00:00'),
              fakes.alarm('200.004', timestamp='2024-03-01T00:00:00.5',
                          status='suppressed'),
              fakes.alarm('100.103', timestamp='2024-02-01T00:00:00')]
    table = rows(alarm_shell.alarm_table(alarms, args()))
    assert [r[0] for r in table] == ['S(200.004)', '100.103', '100.101']
    assert table[0][4] == '2024-03-01T00:00:00.500000'


def test_timestamps_are_shown_in_local_time(monkeypatch):
    monkeypatch.setenv('TZ', 'EST+05')
    time.tzset()
    assert fmt.local_time('2024-01-02T03:04:05.000006') == \
        '2024-01-01T22:04:05.000006'
    assert fmt.local_time('2024-01-02T03:04:05') == '2024-01-01T22:04:05'
    assert fmt.local_time('2024-01-02 03:04:05') == '2024-01-01 22:04:05'
    assert fmt.local_time('not a time') == 'not a time'
    assert fmt.local_time(None) == ''


def test_event_list_columns_order_and_marks():
    events = [fakes.event('100.101', 'set', '2024-01-01T00:00:01'),
              fakes.event('100.101', 'clear', '2024-01-01T00:00:02',
                          status='suppressed'),
              fakes.event('200.020', 'log', '2024-01-01T00:00:00')]
    output = event_log_shell.event_table(events, args())
    assert header(output) == ['Time Stamp', 'State', 'Event Log ID',
                              'Reason Text', 'Entity Instance ID',
                              'Severity']
    assert [(r[1], r[2]) for r in rows(output)] == [
        ('clear', 'S(100.101)'), ('set', '100.101'), ('log', '200.020')]
    with_uuid = event_log_shell.event_table(events, args(uuid=True))
    assert header(with_uuid)[0] == 'UUID'


def test_suppression_list_columns_and_order():
    records = [{'uuid': 'u2', 'alarm_id': '100.102',
                'suppression_status': 'unsuppressed'},
               {'uuid': 'u1', 'alarm_id': '100.101',
                'suppression_status': 'unsuppressed'},
               {'uuid': 'u3', 'alarm_id': '100.103',
                'suppression_status': 'suppressed'}]
    output = suppression_shell.suppression_table(records, nowrap=True)
    assert header(output) == ['Event ID', 'Status']
    # StarlingX sorts on the second column: the status here ...
    assert [r[0] for r in rows(output)] == ['100.103', '100.102', '100.101']
    output = suppression_shell.suppression_table(records, uuid=True)
    assert header(output) == ['UUID', 'Event ID', 'Status']
    # ... and the event id when the UUID comes first.
    assert [r[1] for r in rows(output)] == ['100.101', '100.102', '100.103']


def test_summary_columns():
    output = fmt.list_table([{'critical': 1, 'major': 2, 'minor': 0,
                              'warnings': 3, 'status': 'critical'}],
                            alarm_shell.SUMMARY_COLUMNS)
    assert header(output) == ['Critical Alarms', 'Major Alarms',
                              'Minor Alarms', 'Warnings']
    assert rows(output) == [['1', '2', '0', '3']]


def test_no_records_print_nothing():
    assert alarm_shell.alarm_table([], args()) == ''


LONG = ('Filesystem exceeded its threshold; the usage of /var/log is now '
        'above ninety per cent of its capacity')


@pytest.mark.parametrize('columns', [80, 100, 132])
def test_long_text_is_wrapped_to_the_terminal_width(monkeypatch, columns):
    monkeypatch.setenv('COLUMNS', str(columns))
    alarms = [fakes.alarm(reason=LONG,
                          entity='host=controller-0.filesystem=/var/log')]
    output = alarm_shell.alarm_table(alarms, args(nowrap=False))
    assert max(len(line) for line in output.splitlines()) <= columns
    assert len(output.splitlines()) > 5          # wrapped lines
    assert LONG.split()[-1] in output            # nothing lost
    if columns == 100:   # entity ids break after their separators
        assert '| controller-0. ' in output


def test_nowrap_keeps_one_line_per_record():
    alarms = [fakes.alarm(reason=LONG)]
    output = alarm_shell.alarm_table(alarms, args(nowrap=True))
    assert len(output.splitlines()) == 5
    assert LONG in output


def test_a_table_that_fits_is_not_wrapped():
    output = fmt.list_table([{'a': 'short text'}],
                            [fmt.Column('A', 'a', wrap=1.0)], width=80)
    assert 'short text' in output


def test_width_comes_from_columns(monkeypatch):
    monkeypatch.setenv('COLUMNS', '200')
    alarms = [fakes.alarm(reason=LONG)]
    assert LONG in alarm_shell.alarm_table(alarms, args(nowrap=False))
    assert fmt.terminal_width() == 200


def test_too_many_fixed_columns_fall_back_to_no_wrapping():
    alarms = [fakes.alarm(reason=LONG)]
    output = fmt.list_table(alarms, alarm_shell.list_columns(True, True,
                                                             True),
                            width=60)
    assert LONG in output


@pytest.mark.parametrize('value, width, lines', [
    ('host=controller-0.port=eth0', 18, ['host=controller-0.', 'port=eth0']),
    ('one two three', 7, ['one two', 'three']),
    ('abcdefghij', 4, ['abcd', 'efgh', 'ij']),
    ('', 5, ['']),
])
def test_wrap(value, width, lines):
    assert fmt.wrap(value, width).split('\n') == lines


def test_property_table_is_sorted_and_wrapped():
    record = dict(fakes.alarm(reason=LONG), alarm_state='set')
    output = fmt.property_table(record, alarm_shell.SHOW_FIELDS)
    assert header(output) == ['Property', 'Value']
    names = [r[0] for r in rows(output) if r[0]]
    assert names == sorted(alarm_shell.SHOW_FIELDS)
    assert max(len(r[1]) for r in rows(output)) <= fmt.VALUE_WRAP


def test_emit_pages_only_on_a_terminal(monkeypatch, capsys):
    shown = []
    monkeypatch.setattr(fmt.pydoc, 'pager', shown.append)
    fmt.emit('a\n' * 500, paging=True)    # captured: not a terminal
    assert shown == []
    assert capsys.readouterr().out.count('a') == 500
    monkeypatch.setattr(fmt.sys.stdout, 'isatty', lambda: True,
                        raising=False)
    monkeypatch.setenv('LINES', '24')
    fmt.emit('a\n' * 500, paging=True)
    assert len(shown) == 1
    fmt.emit('a\n' * 500, paging=False)
    assert len(shown) == 1


def test_local_time_does_not_depend_on_the_process_tz_variable_order():
    assert os.environ['TZ'] == 'UTC'
    assert fmt.local_time('2024-01-02T03:04:05Z') == '2024-01-02T03:04:05'
