"""How ``system`` prints: StarlingX's tables and ``--column``/``--format``.

* A list is a table sorted on one of its columns (StarlingX's ``sortby``),
  every column wrapped to the terminal when it is too wide (UUIDs are
  never broken) unless ``--nowrap``.
* A record is a Property/Value table: sorted by property (``host-show``,
  ``show``, ``service-parameter-show``) or in a fixed order with its own
  labels (``host-cpu-show``, ``dns-show`` ...).
* ``--format yaml`` dumps the selected fields (their names as keys);
  ``--format value`` prints their values separated by blanks, one record
  per line. ``--column`` (repeatable) selects the columns or properties,
  by label or field name.

Cells show values as StarlingX's client does: ``None`` for null, dicts
and lists in Python's notation, timestamps in local time.
"""
from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from stx_common.client import formatting as fmt
from stx_common.client.commands import arg
from stx_common.client.formatting import Column

__all__ = ['COLUMN', 'FORMAT', 'Column', 'print_list', 'print_show',
           'select_columns', 'select_fields', 'to_text']

COLUMN = arg('--column', action='append', default=[], metavar='<column>',
             help='Specify the column(s) to include, can be repeated.')
FORMAT = arg('--format', choices=fmt.FORMATS,
             help='Specify the output format, defaults to table.')


def to_text(value: Any) -> str:
    """A cell's text: timestamps in local time, None as ``None``."""
    return fmt.python_text(fmt.local_times(value))


def _option(args: argparse.Namespace | None, name: str, default=None):
    return getattr(args, name, default) if args is not None else default


def select_columns(columns: Sequence[Column],
                   wanted: Sequence[str] | None) -> list[Column]:
    """The columns named in ``wanted`` (by label or field; a name that is
    neither is read as a field of the records), or all of them."""
    if not wanted:
        return list(columns)
    by_label = {c.label: c for c in columns}
    by_field = {c.field: c for c in columns}
    chosen = []
    for name in wanted:
        if name in by_label:
            chosen.append(by_label[name])
        elif name in by_field:
            column = by_field[name]
            chosen.append(Column(name, column.field, column.wrap,
                                 column.render))
        else:
            chosen.append(Column(name, name))
    return chosen


def print_list(records: Sequence[dict], columns: Sequence[Column],
               args: argparse.Namespace | None = None,
               sortby: int | None = 0) -> None:
    """Print ``records`` as ``args`` asks (table, yaml or value).

    :param sortby: index of the column the table is sorted on (None:
        the server's order).
    """
    columns = select_columns(columns, _option(args, 'column'))
    form = _option(args, 'format') or 'table'
    if form == 'yaml':
        fmt.emit(fmt.yaml_text([{c.field: c.value(r) for c in columns}
                                for r in records]))
        return
    if form == 'value':
        for record in records:
            print(' '.join(str(c.value(record)) for c in columns))
        return
    sort_key = None
    if sortby is not None and sortby < len(columns):
        key_column = columns[sortby]

        def sort_key(record):
            return fmt.natural_key(key_column.value(record))

    fmt.emit(fmt.list_table(records, columns, sort_key=sort_key,
                            nowrap=bool(_option(args, 'nowrap')),
                            wrap_all=True, to_text=to_text))


def select_fields(fields: Sequence[str], labels: Sequence[str] | None,
                  wanted: Sequence[str] | None
                  ) -> tuple[list[str], list[str] | None]:
    """``fields`` (and their labels) restricted to ``wanted``."""
    if not wanted:
        return list(fields), list(labels) if labels is not None else None
    names = list(labels or fields)
    chosen_fields, chosen_labels = [], []
    for name in wanted:
        if name in names:
            field = fields[names.index(name)]
        else:
            field = name
        chosen_fields.append(field)
        chosen_labels.append(name)
    return chosen_fields, chosen_labels if labels is not None else None


def print_show(record: dict, fields: Sequence[str],
               args: argparse.Namespace | None = None,
               labels: Sequence[str] | None = None, wrap: int = 0,
               sort: bool = True) -> None:
    """Print one record as ``args`` asks.

    :param labels: property names for ``fields``, in that order (a
        StarlingX "tuple list"); without them the properties are the
        field names, sorted when ``sort``.
    :param wrap: values wrapped at this width in the table (0: never).
    """
    fields, labels = select_fields(fields, labels,
                                   _option(args, 'column'))
    form = _option(args, 'format') or 'table'
    if form == 'yaml':
        fmt.emit(fmt.yaml_text({f: record.get(f, '') for f in fields}))
        return
    if form == 'value':
        print(' '.join(str(record.get(f, '')) for f in fields))
        return
    fmt.emit(fmt.property_table(record, fields, times=(), wrap=wrap,
                                labels=labels, sort=sort,
                                to_text=to_text))
