"""The -q syntax and its q.* wire form."""
import pytest

from fm.client import exceptions as exc
from fm.client import query


def test_the_starlingx_example():
    items = query.parse('severity=major;entity_instance_id=host=controller-0')
    assert items == [
        {'field': 'severity', 'op': 'eq', 'value': 'major', 'type': ''},
        {'field': 'entity_instance_id', 'op': 'eq',
         'value': 'host=controller-0', 'type': ''}]


@pytest.mark.parametrize('text, op', [
    ('a=1', 'eq'), ('a!=1', 'ne'), ('a>=1', 'ge'), ('a<=1', 'le'),
    ('a>1', 'gt'), ('a<1', 'lt')])
def test_operators(text, op):
    assert query.parse(text)[0]['op'] == op
    assert query.parse(text)[0]['value'] == '1'


@pytest.mark.parametrize('kind', query.TYPES)
def test_typed_values(kind):
    item = query.parse('start=%s::2024-01-31 10:23:45' % kind)[0]
    assert item['type'] == kind
    assert item['value'] == '2024-01-31 10:23:45'


def test_spaces_and_empty_items_are_tolerated():
    items = query.parse(' severity = major ;; alarm_id=100.101;')
    assert [(i['field'], i['value']) for i in items] == [
        ('severity', 'major'), ('alarm_id', '100.101')]


def test_an_untyped_value_may_hold_colons():
    assert query.parse('entity_instance_id=ip=fd00::1')[0] == {
        'field': 'entity_instance_id', 'op': 'eq', 'value': 'ip=fd00::1',
        'type': ''}


@pytest.mark.parametrize('text, problem', [
    ('severity', 'missing operator'),
    ('=major', 'missing field'),
    ('severity=', 'missing value'),
    ('severity=string::', 'missing value'),
    (';', 'empty'),
])
def test_malformed_queries_say_what_is_wrong(text, problem):
    with pytest.raises(exc.CommandError) as err:
        query.parse(text)
    assert problem in str(err.value)
    assert '\n' not in str(err.value)


def test_no_query():
    assert query.parse(None) == []
    assert query.to_params(None) == []


def test_wire_form_is_aligned_lists():
    params = query.to_params(query.parse(
        'severity=major;start=datetime::2024-01-01'))
    assert params == [
        ('q.field', 'severity'), ('q.op', 'eq'), ('q.type', ''),
        ('q.value', 'major'),
        ('q.field', 'start'), ('q.op', 'eq'), ('q.type', 'datetime'),
        ('q.value', '2024-01-01')]
