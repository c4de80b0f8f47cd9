"""Tables and output formats of the command lines: StarlingX's layouts.

A list is drawn with one :class:`Column` per field, left aligned. When the
table is wider than the terminal, the columns that may wrap share the
room left by the others and their text is word-wrapped; ``nowrap`` turns
that off. A single record is drawn as a Property/Value table, sorted by
property (or in a given order with labels), values optionally wrapped.

``yaml`` and ``value`` are the other output formats of StarlingX's
``--format``: a YAML dump of the selected fields, or their values
separated by blanks, one record per line.

Timestamps come from the APIs in UTC and are shown in local time, in the
form they came in (as StarlingX's clients do).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
import dataclasses
import datetime
import os
import pydoc
import re
import shutil
import sys
import textwrap
from typing import Any

import prettytable
import yaml

Record = dict[str, Any]

MIN_WRAP = 8            # narrowest a wrapped column gets
DEFAULT_WIDTH = 80      # when the terminal width cannot be found
UNLIMITED = 10 ** 6     # output not going to a terminal
VALUE_WRAP = 72         # Property/Value tables
FORMATS = ('table', 'yaml', 'value')
_FORMATS = ('%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d %H:%M:%S.%f',
            '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S')
# A timestamp inside a value, as StarlingX's clients find them.
_TIMESTAMP = re.compile(r'\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}'
                        r'(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})?')


def text(value: Any) -> str:
    """A cell's text: None is blank."""
    if value is None:
        return ''
    return str(value)


def python_text(value: Any) -> str:
    """A cell's text as StarlingX's sysinv client shows it: None is
    ``None``, dicts and lists in Python's notation."""
    return str(value)


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a list.

    :ivar wrap: this column's share of the room for wrapped columns; 0
        means never wrapped (unless the table wraps every column).
    :ivar render: how a record becomes this column's text (default: the
        field's value).
    """

    label: str
    field: str
    wrap: float = 0.0
    render: Callable[[Record], Any] | None = None

    def value(self, record: Record) -> Any:
        """The column's value before it becomes text."""
        if self.render is not None:
            return self.render(record)
        return record.get(self.field)

    def text(self, record: Record,
             to_text: Callable[[Any], str] = text) -> str:
        value = (self.render(record) if self.render is not None
                 else record.get(self.field, ''))
        return to_text(value)


def parse_time(value: Any) -> datetime.datetime | None:
    """An API timestamp (UTC unless it says otherwise) as an aware
    datetime, or None."""
    if not isinstance(value, str) or not value:
        return None
    raw = value.strip()
    if raw.endswith('Z'):
        raw = raw[:-1]
    try:
        parsed = datetime.datetime.fromisoformat(raw)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


def local_time(value: Any) -> str:
    """``value`` (UTC) in local time, in the same form; else unchanged."""
    parsed = parse_time(value)
    if parsed is None:
        return text(value)
    raw = value.strip().rstrip('Z')
    for fmt in _FORMATS:
        try:
            datetime.datetime.strptime(raw, fmt)
        except ValueError:
            continue
        return parsed.astimezone().strftime(fmt)
    return parsed.astimezone().isoformat()


def local_times(value: Any) -> Any:
    """Every timestamp inside a string value in local time; other values
    unchanged."""
    if not isinstance(value, str):
        return value
    return _TIMESTAMP.sub(lambda m: local_time(m.group(0)), value)


def time_key(field: str) -> Callable[[Record], tuple]:
    """Sort key of a timestamp field (unparsable values sort first)."""
    epoch = datetime.datetime.min.replace(tzinfo=datetime.UTC)

    def key(record: Record) -> tuple:
        value = record.get(field)
        parsed = parse_time(value)
        return (parsed or epoch, text(value))

    return key


def natural_key(value: Any) -> tuple:
    """A sort key for values of mixed kinds: numbers in order, then
    strings, then None."""
    if isinstance(value, bool):
        return (1, str(value))
    if isinstance(value, int | float):
        return (0, value)
    if value is None:
        return (2, '')
    return (1, str(value))


def terminal_width() -> int:
    """Columns to fit tables in: ``COLUMNS`` when set, else the terminal's;
    output that goes to a pipe or a file is not wrapped at all (scripts
    parse it)."""
    if os.environ.get('COLUMNS', '').isdigit():
        return int(os.environ['COLUMNS'])
    if not sys.stdout.isatty():
        return UNLIMITED
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def _fit(natural: Sequence[int], shares: Sequence[float],
         width: int) -> list[int | None]:
    """Widths of the wrapped columns (None: keep the natural width)."""
    limits: list[int | None] = [None] * len(natural)
    overhead = 3 * len(natural) + 1
    if sum(natural) + overhead <= width:
        return limits
    # A column no wider than MIN_WRAP would not be narrowed: it keeps its
    # width and leaves the rest to the others.
    pending = [i for i, share in enumerate(shares)
               if share and natural[i] > MIN_WRAP]
    room = width - overhead - sum(n for i, n in enumerate(natural)
                                  if i not in pending)
    while pending:
        total = sum(shares[i] for i in pending)
        fits = [i for i in pending
                if natural[i] <= int(room * shares[i] / total)]
        if not fits:
            break
        for i in fits:
            room -= natural[i]
            pending.remove(i)
    extra = room - MIN_WRAP * len(pending)
    if extra < 0:
        return [None] * len(natural)    # cannot fit: do not wrap
    total = sum(shares[i] for i in pending)
    for i in pending:
        limits[i] = MIN_WRAP + int(extra * shares[i] / total)
    return limits


# Where a long line may break: after blanks and after separators
# (host=controller-0.port=eth0, a,b,c).
_BREAK = re.compile(r"(?<=[\s.,;=/])")
# Where a column label may break: after blanks, '_' and '/', before '('.
_LABEL_BREAK = re.compile(r'(?<=[\s_/])|(?=\()')


def _wrap_line(line: str, width: int,
               breaks: re.Pattern = _BREAK) -> list[str]:
    lines: list[str] = []
    current = ''
    for token in breaks.split(line):
        if current and len(current) + len(token.rstrip()) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
        while len(current.rstrip()) > width:
            lines.append(current[:width])
            current = current[width:].lstrip()
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def wrap(value: str, width: int | None,
         breaks: re.Pattern = _BREAK) -> str:
    """``value`` in lines of at most ``width`` (None: unchanged)."""
    if width is None:
        return value
    lines: list[str] = []
    for line in value.splitlines() or ['']:
        lines += _wrap_line(line, width, breaks)
    return '\n'.join(lines)


def _draw(columns: Sequence[Column], cells: list[list[str]],
          limits: Sequence[int | None], wrap_labels: bool = False) -> str:
    labels = [wrap(c.label, limits[i], _LABEL_BREAK) if wrap_labels
              else c.label for i, c in enumerate(columns)]
    if not any('\n' in label for label in labels):
        table = prettytable.PrettyTable(labels)
        table.align = 'l'
        for cell in cells:
            table.add_row([wrap(value, limits[i])
                           for i, value in enumerate(cell)])
        return table.get_string()
    # prettytable draws one line of header: a wrapped header is drawn as
    # the first row, with the header's rule under it.
    table = prettytable.PrettyTable([str(i) for i in range(len(labels))],
                                    header=False)
    table.align = 'l'
    table.add_row(labels)
    for cell in cells:
        table.add_row([wrap(value, limits[i])
                       for i, value in enumerate(cell)])
    lines = table.get_string().splitlines()
    height = max(label.count('\n') for label in labels) + 1
    return '\n'.join(lines[:1 + height] + [lines[0]] + lines[1 + height:])


def _never_wrapped(column: Column) -> bool:
    """UUIDs read badly when broken."""
    return column.field.lower().endswith('uuid')


def list_table(records: Iterable[Record], columns: Sequence[Column],
               sort_key: Callable[[Record], Any] | None = None,
               reverse: bool = False, nowrap: bool = False,
               width: int | None = None, wrap_all: bool = False,
               to_text: Callable[[Any], str] = text) -> str:
    """The table of ``records`` ('' when there are none, as StarlingX).

    :param wrap_all: every column may wrap (but UUIDs), in proportion to
        its width, headers too, when the table is too wide (StarlingX's
        system CLI); otherwise only the columns with a ``wrap`` share.
    :param to_text: how a value becomes a cell's text.
    """
    rows = list(records)
    if sort_key is not None:
        rows.sort(key=sort_key, reverse=reverse)
    cells = [[column.text(row, to_text) for column in columns]
             for row in rows]
    if not cells:
        return ''
    natural = [max([len(column.label)] +
                   [max(len(line) for line in (cell[i].splitlines()
                                               or ['']))
                    for cell in cells])
               for i, column in enumerate(columns)]
    unwrapped = [None] * len(columns)
    if nowrap:
        return _draw(columns, cells, unwrapped)
    shares = [c.wrap for c in columns]
    if wrap_all:
        shares = [share or (0 if _never_wrapped(c) else float(natural[i]))
                  for i, (c, share) in enumerate(zip(columns, shares,
                                                     strict=True))]
    width = width or terminal_width()
    output = _draw(columns, cells, _fit(natural, shares, width),
                   wrap_labels=wrap_all)
    if _width_of(output) > width:
        # Wrapping cannot make it fit: unwrapped lines read better.
        output = _draw(columns, cells, unwrapped)
    return output


def _width_of(output: str) -> int:
    return max((len(line) for line in output.splitlines()), default=0)


def property_table(record: Record, fields: Sequence[str],
                   times: Sequence[str] = ('timestamp',),
                   wrap: int = VALUE_WRAP,
                   labels: Sequence[str] | None = None,
                   sort: bool = True,
                   to_text: Callable[[Any], str] = str,
                   header: str = 'Property') -> str:
    """A Property/Value table of ``fields``.

    :param times: fields shown in local time (``'*'``: any timestamp in
        any value).
    :param wrap: values longer than this are wrapped (0: never).
    :param labels: the property names shown for ``fields`` (default the
        field names); with labels the rows keep the order of ``fields``.
    :param sort: rows sorted by property (without ``labels``).
    """
    table = prettytable.PrettyTable([header, 'Value'])
    table.align = 'l'
    rows = list(zip(labels if labels is not None else fields, fields,
                    strict=True))
    if sort and labels is None:
        rows.sort()
    for label, field in rows:
        value = record.get(field, '')
        if '*' in times:
            value = local_times(value)
        elif field in times:
            value = local_time(value)
        value = to_text(value)
        if wrap > 0:
            value = textwrap.fill(value, wrap)
        table.add_row([label, value])
    return table.get_string()


def yaml_text(data: Any) -> str:
    """``--format yaml``: block style, keys sorted (as StarlingX)."""
    return yaml.safe_dump(data, default_flow_style=False)


def value_line(record: Record, fields: Sequence[str]) -> str:
    """``--format value``: the values of one record, blank separated."""
    return ' '.join(str(record.get(field)) for field in fields)


def emit(output: str, paging: bool = False) -> None:
    """Print ``output``; through a pager when ``paging``, stdout is a
    terminal and the output is taller than it."""
    stream = sys.stdout
    if paging and stream.isatty():
        height = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).lines
        if output.count('\n') + 1 > height:
            pydoc.pager(output)
            return
    print(output, file=stream)
