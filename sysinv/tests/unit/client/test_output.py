"""How ``system`` draws tables: wrapping to the terminal, ``--nowrap``,
cells as StarlingX shows them, ``--column`` by label or field."""
import argparse

from sysinv.client import output
from sysinv.client.output import Column
from sysinv.tests.unit.client import fakes

UUID = '6b4f1a60-0000-4000-8000-000000000001'
RECORDS = [{'uuid': UUID, 'name': 'eth0',
            'text': 'a fairly long description of this port ' * 3,
            'none': None, 'caps': {'a': 1}}]
COLUMNS = (Column('uuid', 'uuid'), Column('name', 'name'),
           Column('description', 'text'), Column('none', 'none'),
           Column('caps', 'caps'))


def args(**values):
    values.setdefault('column', [])
    values.setdefault('format', None)
    values.setdefault('nowrap', False)
    return argparse.Namespace(**values)


def widths(out):
    return [len(line) for line in out.splitlines()]


def test_a_table_too_wide_is_wrapped_but_not_its_uuids(capsys,
                                                       monkeypatch):
    monkeypatch.setenv('COLUMNS', '100')
    output.print_list(RECORDS, COLUMNS, args())
    out = capsys.readouterr().out
    assert max(widths(out)) <= 100
    assert UUID in out                      # in one piece
    assert len(fakes.table(out)[1]) > 1     # wrapped: more than one line


def test_nowrap_keeps_lines_whole(capsys, monkeypatch):
    monkeypatch.setenv('COLUMNS', '100')
    output.print_list(RECORDS, COLUMNS, args(nowrap=True))
    out = capsys.readouterr().out
    assert max(widths(out)) > 100
    assert len(fakes.table(out)[1]) == 1


def test_cells_show_none_and_dicts_as_starlingx(capsys):
    output.print_list(RECORDS, COLUMNS, args())
    row = fakes.table(capsys.readouterr().out)[1][0]
    assert row[3:] == ['None', "{'a': 1}"]


def test_column_by_label_field_or_any_field(capsys):
    output.print_list(RECORDS, COLUMNS, args(column=['description', 'name',
                                                     'text', 'other']))
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['description', 'name', 'text', 'other']
    assert rows[0][3] == ''         # no such field


def test_value_and_yaml_use_field_names(capsys):
    output.print_list(RECORDS, COLUMNS[:2], args(format='value'))
    assert capsys.readouterr().out == '%s eth0\n' % UUID
    output.print_list(RECORDS, COLUMNS[:2], args(format='yaml'))
    assert capsys.readouterr().out == '- name: eth0\n  uuid: %s\n\n' % UUID


def test_show_in_label_order_or_sorted(capsys):
    record = {'b': 1, 'a': None}
    output.print_show(record, ['b', 'a'], labels=['Bee', 'Ay'])
    assert [r[0] for r in fakes.table(capsys.readouterr().out)[1]] == [
        'Bee', 'Ay']
    output.print_show(record, ['b', 'a'])
    rows = fakes.table(capsys.readouterr().out)[1]
    assert rows == [['a', 'None'], ['b', '1']]
    output.print_show(record, ['b', 'a'], args(column=['Ay']),
                      labels=['Bee', 'Ay'])
    assert fakes.table(capsys.readouterr().out)[1] == [['Ay', 'None']]
