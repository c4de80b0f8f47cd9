"""Tables of the ``fm`` CLI: StarlingX's layouts, drawn with prettytable.

A list is drawn with one :class:`Column` per field, left aligned. When the
table is wider than the terminal, the long text columns (reason text,
entity ids) are word-wrapped to share the room left by the others;
``nowrap`` turns that off. A single record is drawn as a Property/Value
table, sorted by property, values wrapped at 72 characters.

Timestamps come from fm-api in UTC and are shown in local time, in the
form they came in (as StarlingX's client does).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
import dataclasses
import datetime
import pydoc
import re
import shutil
import sys
import textwrap
from typing import Any

import prettytable

Record = dict[str, Any]

MIN_WRAP = 8            # narrowest a wrapped column gets
DEFAULT_WIDTH = 80      # when the terminal width cannot be found
VALUE_WRAP = 72         # Property/Value tables
_FORMATS = ('%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d %H:%M:%S.%f',
            '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S')


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a list.

    :ivar wrap: this column's share of the room for wrapped columns; 0
        means never wrapped.
    :ivar render: how a record becomes this column's text (default: the
        field's value).
    """

    label: str
    field: str
    wrap: float = 0.0
    render: Callable[[Record], Any] | None = None

    def text(self, record: Record) -> str:
        value = (self.render(record) if self.render is not None
                 else record.get(self.field, ''))
        return text(value)


def text(value: Any) -> str:
    if value is None:
        return ''
    return str(value)


def parse_time(value: Any) -> datetime.datetime | None:
    """An fm-api timestamp (UTC) as an aware datetime, or None."""
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


def time_key(field: str) -> Callable[[Record], tuple]:
    """Sort key of a timestamp field (unparsable values sort first)."""
    epoch = datetime.datetime.min.replace(tzinfo=datetime.UTC)

    def key(record: Record) -> tuple:
        value = record.get(field)
        parsed = parse_time(value)
        return (parsed or epoch, text(value))

    return key


def terminal_width() -> int:
    """Columns of the terminal (``COLUMNS`` wins; 80 if unknown)."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def _fit(natural: Sequence[int], shares: Sequence[float],
         width: int) -> list[int | None]:
    """Widths of the wrapped columns (None: keep the natural width)."""
    limits: list[int | None] = [None] * len(natural)
    overhead = 3 * len(natural) + 1
    if sum(natural) + overhead <= width:
        return limits
    room = width - overhead - sum(n for n, s in zip(natural, shares,
                                                    strict=True) if not s)
    pending = [i for i, share in enumerate(shares) if share]
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


# Where a long line may break: after blanks and after the separators of
# entity instance ids (host=controller-0.port=eth0).
_BREAK = re.compile(r'(?<=[\s.,;=/])')


def _wrap_line(line: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ''
    for token in _BREAK.split(line):
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


def wrap(value: str, width: int | None) -> str:
    """``value`` in lines of at most ``width`` (None: unchanged)."""
    if width is None:
        return value
    lines: list[str] = []
    for line in value.splitlines() or ['']:
        lines += _wrap_line(line, width)
    return '\n'.join(lines)


def _draw(columns: Sequence[Column], cells: list[list[str]],
          limits: Sequence[int | None]) -> str:
    table = prettytable.PrettyTable([c.label for c in columns])
    table.align = 'l'
    for cell in cells:
        table.add_row([wrap(value, limits[i])
                       for i, value in enumerate(cell)])
    return table.get_string()


def list_table(records: Iterable[Record], columns: Sequence[Column],
               sort_key: Callable[[Record], Any] | None = None,
               reverse: bool = False, nowrap: bool = False,
               width: int | None = None) -> str:
    """The table of ``records`` ('' when there are none, as StarlingX)."""
    rows = list(records)
    if sort_key is not None:
        rows.sort(key=sort_key, reverse=reverse)
    cells = [[column.text(row) for column in columns] for row in rows]
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
    width = width or terminal_width()
    output = _draw(columns, cells, _fit(natural, [c.wrap for c in columns],
                                        width))
    if _width_of(output) > width:
        # Wrapping cannot make it fit: unwrapped lines read better.
        output = _draw(columns, cells, unwrapped)
    return output


def _width_of(output: str) -> int:
    return max((len(line) for line in output.splitlines()), default=0)


def property_table(record: Record, fields: Sequence[str],
                   times: Sequence[str] = ('timestamp',),
                   wrap: int = VALUE_WRAP) -> str:
    """A Property/Value table of ``fields``, sorted by property."""
    table = prettytable.PrettyTable(['Property', 'Value'])
    table.align = 'l'
    for field in sorted(fields):
        value = record.get(field, '')
        value = local_time(value) if field in times else str(value)
        if wrap > 0:
            value = textwrap.fill(value, wrap)
        table.add_row([field, value])
    return table.get_string()


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
