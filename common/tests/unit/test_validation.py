import pytest
import webob

from stx_common import exception
from stx_common.api import validation


def _params(query):
    return webob.Request.blank('/?' + query).GET


def test_query_lists_are_aligned():
    filters = validation.parse_query(_params(
        'q.field=severity&q.op=eq&q.value=major&q.type='
        '&q.field=alarm_id&q.op=ne&q.value=100.101&q.type=string'),
        {'severity', 'alarm_id'})
    assert [(f.field, f.op, f.value, f.type) for f in filters] == [
        ('severity', 'eq', 'major', ''), ('alarm_id', 'ne', '100.101',
                                          'string')]


def test_op_defaults_to_eq():
    filters = validation.parse_query(_params('q.field=a&q.value=1'), {'a'})
    assert filters[0].op == 'eq'


@pytest.mark.parametrize('query, reason', [
    ('q.field=a', '1 q.field and 0 q.value'),
    ('q.field=zz&q.value=1', "unknown query field 'zz'"),
    ('q.field=a&q.value=1&q.op=like', "unknown query operator 'like'"),
    ('q.field=a&q.value=1&q.field=a&q.value=2&q.op=eq', 'q.op must be'),
    ('q.field=a&q.value=1&q.type=blob', "unknown query type 'blob'"),
])
def test_malformed_queries_are_invalid(query, reason):
    with pytest.raises(exception.Invalid) as err:
        validation.parse_query(_params(query), {'a'})
    assert reason in str(err.value)


@pytest.mark.parametrize('text, value', [
    ('True', True), ('false', False), ('1', True), ('0', False),
    (None, False), ('', False)])
def test_boolean(text, value):
    assert validation.boolean('x', text) is value


def test_boolean_rejects_junk():
    with pytest.raises(exception.Invalid):
        validation.boolean('include_suppress', 'maybe')


def test_schema_violation_names_the_place():
    schema = {'type': 'object', 'properties': {
        'a': {'type': 'object', 'properties': {'b': {'type': 'integer'}}}}}
    with pytest.raises(exception.Invalid) as err:
        validation.validate({'a': {'b': 'x'}}, schema)
    assert 'body at /a/b' in str(err.value)
