"""Request shape checks: JSON bodies by jsonschema, ``q.*`` query lists.

Shape is checked here and only here; semantic rules live beside each
service's manager flows.
"""
import dataclasses
import functools
import json

import jsonschema
import pecan

from stx_common import exception

QUERY_OPS = ('lt', 'le', 'eq', 'ne', 'ge', 'gt')
QUERY_TYPES = ('string', 'integer', 'float', 'boolean', 'datetime', '')


def json_body():
    """The request body as JSON, or :class:`Invalid` with a clear reason."""
    body = pecan.request.body
    if not body:
        raise exception.Invalid(reason='the request has no body')
    try:
        return json.loads(body)
    except ValueError as exc:
        raise exception.Invalid(reason='the body is not valid JSON: %s'
                                % exc) from None


def validate(instance, schema, what='body'):
    """Raise :class:`Invalid` naming the first violation of ``schema``."""
    try:
        jsonschema.validate(instance, schema)
    except jsonschema.ValidationError as exc:
        where = '/'.join(str(p) for p in exc.absolute_path)
        reason = '%s%s: %s' % (what, ' at /' + where if where else '',
                               exc.message)
        raise exception.Invalid(reason=reason) from None
    return instance


def body(schema):
    """Controller decorator: parse the JSON body, check it, pass it on.

    The decorated method receives the document as its ``body`` keyword.
    """

    def decorator(func):
        @functools.wraps(func)
        def wrapper(self, *args, **kwargs):
            kwargs['body'] = validate(json_body(), schema)
            return func(self, *args, **kwargs)
        return wrapper
    return decorator


def boolean(name, value, default=False):
    """A query-string boolean (``True``/``false``/``1``/``0``)."""
    if value is None or value == '':
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ('true', '1', 'yes', 'on'):
        return True
    if text in ('false', '0', 'no', 'off'):
        return False
    raise exception.Invalid(reason='%s must be a boolean, not %r'
                            % (name, value))


@dataclasses.dataclass(frozen=True)
class QueryFilter:
    field: str
    op: str
    value: str
    type: str = ''


def parse_query(params, allowed_fields, supported_ops=QUERY_OPS):
    """The ``q.field`` / ``q.op`` / ``q.value`` / ``q.type`` filters.

    The four lists are aligned by position, as python-*client sends them.

    :param supported_ops: the operators this collection honours; another
        valid operator is refused rather than silently ignored.
    :raises Invalid: for mismatched lists, an unknown field, op or type.
    """
    fields = params.getall('q.field')
    values = params.getall('q.value')
    ops = params.getall('q.op')
    types = params.getall('q.type')
    if len(fields) != len(values):
        raise exception.Invalid(reason='malformed query: %d q.field and %d '
                                'q.value' % (len(fields), len(values)))
    if ops and len(ops) != len(fields):
        raise exception.Invalid(reason='malformed query: q.op must be '
                                'given for every q.field or none')
    if types and len(types) != len(fields):
        raise exception.Invalid(reason='malformed query: q.type must be '
                                'given for every q.field or none')
    result = []
    for index, field in enumerate(fields):
        op = (ops[index] if ops else 'eq') or 'eq'
        qtype = types[index] if types else ''
        if field not in allowed_fields:
            raise exception.Invalid(reason='unknown query field %r; known: '
                                    '%s' % (field,
                                            ', '.join(sorted(allowed_fields))))
        if op not in QUERY_OPS:
            raise exception.Invalid(reason='unknown query operator %r' % op)
        if op not in supported_ops:
            raise exception.Invalid(
                reason="query operator '%s' is not supported on %s"
                       % (op, field))
        if qtype not in QUERY_TYPES:
            raise exception.Invalid(reason='unknown query type %r' % qtype)
        result.append(QueryFilter(field, op, values[index], qtype))
    return result
