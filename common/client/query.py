"""The ``-q`` query syntax of the command lines and its wire form.

On the command line a query is ``field<op>[type::]value`` items joined by
``;``, e.g. ``severity=major;entity_instance_id=host=controller-0``. The
operators are ``= != >= <= > <`` (the first one in an item splits it, so a
value may itself contain ``=``) and the optional type is one of string,
integer, float, datetime, boolean. On the wire the items become aligned
``q.field``/``q.op``/``q.type``/``q.value`` parameters.
"""
from __future__ import annotations

import re
from typing import TypedDict

from stx_common.client import exceptions as exc

OPERATORS = {'!=': 'ne', '>=': 'ge', '<=': 'le', '>': 'gt', '<': 'lt',
             '=': 'eq'}
TYPES = ('string', 'integer', 'float', 'datetime', 'boolean')

# Longest operators first, so '>=' is not read as '>' then '=value'.
_OPERATOR = re.compile('(%s)' % '|'.join(
    re.escape(op) for op in sorted(OPERATORS, key=len, reverse=True)))
_TYPED = re.compile(r'^(%s)::(.*)$' % '|'.join(TYPES), re.DOTALL)


class QueryItem(TypedDict):
    field: str
    op: str
    value: str
    type: str


def parse(text: str | None) -> list[QueryItem]:
    """``-q`` text -> query items; [] for no query.

    :raises CommandError: naming the item and what it lacks.
    """
    if text is None:
        return []
    items: list[QueryItem] = []
    for raw in text.split(';'):
        if not raw.strip():
            continue            # 'a=b;' or a doubled ';'
        items.append(_item(raw))
    if not items:
        raise exc.CommandError('invalid query %r: it is empty' % text)
    return items


def _item(raw: str) -> QueryItem:
    parts = _OPERATOR.split(raw, maxsplit=1)
    if len(parts) != 3:
        raise exc.CommandError(
            'invalid query %r: missing operator (one of %s)'
            % (raw, ' '.join(OPERATORS)))
    field, operator, value = (parts[0].strip(), parts[1],
                              parts[2].strip())
    if not field:
        raise exc.CommandError('invalid query %r: missing field' % raw)
    kind = ''
    typed = _TYPED.match(value)
    if typed:
        kind, value = typed.group(1), typed.group(2).strip()
    if not value:
        raise exc.CommandError('invalid query %r: missing value' % raw)
    return {'field': field, 'op': OPERATORS[operator], 'value': value,
            'type': kind}


def to_params(items: list[QueryItem] | None) -> list[tuple[str, str]]:
    """Query items -> aligned ``q.*`` request parameters."""
    params: list[tuple[str, str]] = []
    for item in items or []:
        params += [('q.field', item['field']), ('q.op', item['op']),
                   ('q.type', item.get('type', '')),
                   ('q.value', item['value'])]
    return params
