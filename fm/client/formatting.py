"""Tables of the ``fm`` CLI: StarlingX's layouts, drawn with prettytable.

The drawing is :mod:`stx_common.client.formatting`'s: lists with the long
text columns (reason text, entity ids) word-wrapped to the terminal,
Property/Value tables for one record, timestamps in local time. This
module adds what only FM shows: the time stamp column and the ``S(<id>)``
mark of suppressed alarm ids.
"""
from __future__ import annotations

from collections.abc import Callable
import pydoc
import sys

from stx_common.client.formatting import (
    DEFAULT_WIDTH,
    MIN_WRAP,
    VALUE_WRAP,
    Column,
    Record,
    emit,
    list_table,
    local_time,
    parse_time,
    property_table,
    terminal_width,
    text,
    time_key,
    wrap,
)

__all__ = ['DEFAULT_WIDTH', 'MIN_WRAP', 'VALUE_WRAP', 'Column', 'Record',
           'emit', 'list_table', 'local_time', 'marked', 'parse_time',
           'property_table', 'terminal_width', 'text', 'time_column',
           'time_key', 'wrap',
           # emit() pages with pydoc on sys.stdout
           'pydoc', 'sys']


def time_column(label: str = 'Time Stamp',
                field: str = 'timestamp') -> Column:
    return Column(label, field, render=lambda r: local_time(r.get(field)))


def marked(field: str) -> Callable[[Record], str]:
    """``S(<id>)`` for a suppressed id, the id otherwise."""

    def render(record: Record) -> str:
        value = text(record.get(field))
        if record.get('suppression_status') == 'suppressed':
            return 'S(%s)' % value
        return value

    return render
