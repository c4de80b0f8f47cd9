"""The alarm catalogue: which alarm and log ids exist, and how they behave.

``events.yaml`` (next to this module) lists every alarm and customer log id
a Flock service may raise, with StarlingX's keys and facts: type, severities,
entity templates, alarm type, probable cause, repair action, and the two
thresholds (management affecting, degrade affecting). :func:`load` reads it,
checks every entry against ``schema.yaml`` plus the rules a schema cannot
express, and returns a :class:`Catalogue`.

fm-manager loads the catalogue at start-up (and fails if it is invalid),
fills the event_suppression table from its Alarm entries and checks every
fault it stores. Producers check faults before they queue them through the
``flock.alarm_catalogue`` entry point, which names :func:`validate_fault`.
"""
from collections.abc import Iterable, Iterator, Mapping
import dataclasses
import functools
import math
from pathlib import Path
import re
from typing import Any

import jsonschema
from jsonschema import exceptions as schema_exceptions
import yaml

from stx_common.contracts import alarm as contract
from stx_common.contracts.alarm import InvalidFault

ALARM = 'Alarm'
LOG = 'Log'
# Severities in the order the catalogue renders per-severity texts.
SEVERITY_ORDER = ('critical', 'major', 'minor', 'warning', 'not-applicable')
# List-valued keys that describe the same instances one item each.
PARALLEL_KEYS = ('Description', 'Entity_Instance_ID', 'Alarm_Type',
                 'Probable_Cause')
# Keys that may be a map keyed by severity.
PER_SEVERITY_KEYS = ('Description', 'Entity_Instance_ID',
                     'Proposed_Repair_Action', 'Maintenance_Action',
                     'Service_Affecting')
SUPPRESSION_TEXT_MAX = 250

_ID = re.compile(r'^\d{3}\.\d{3}$')
# A top-level key of the YAML text: optional quotes, then a colon.
_TOP_KEY = re.compile(r'''^(?P<q>["']?)(?P<key>[^\s"'#:-][^"':]*?)(?P=q)'''
                      r'''\s*:(?:\s|$)''')
_HERE = Path(__file__).resolve().parent


class CatalogueError(Exception):
    """The catalogue file is unreadable or some of its entries are wrong.

    :ivar problems: one line per problem, each naming the id it concerns.
    """

    def __init__(self, path: str | Path, problems: Iterable[str]):
        self.path = str(path)
        self.problems = list(problems)
        super().__init__('alarm catalogue %s is invalid:\n%s' % (
            self.path, '\n'.join('  - ' + p for p in self.problems)))


def catalogue_path() -> Path:
    """The packaged ``events.yaml``."""
    return _HERE / 'events.yaml'


def schema_path() -> Path:
    """The JSON Schema every catalogue entry must satisfy."""
    return _HERE / 'schema.yaml'


@dataclasses.dataclass(frozen=True)
class Entry:
    """One catalogue entry, with its texts rendered to single strings."""

    alarm_id: str
    type: str
    description: str
    severities: tuple[str, ...]
    entity_instance_id: tuple[str, ...]
    alarm_types: tuple[str, ...]
    probable_causes: tuple[str, ...]
    proposed_repair_action: str = ''
    maintenance_action: str = ''
    inhibit_alarms: bool = False
    service_affecting: bool = False
    suppression: bool = False
    mgmt_affecting_severity: str = 'none'
    degrade_affecting_severity: str = 'none'
    context: str = 'none'
    # Severities at which the id is service affecting (per-severity maps).
    service_affecting_severities: tuple[str, ...] = ()

    @property
    def is_alarm(self) -> bool:
        return self.type == ALARM

    @property
    def is_log(self) -> bool:
        return self.type == LOG

    def mgmt_affecting(self, severity: str) -> bool:
        """True when an alarm of ``severity`` blocks orchestration."""
        return contract.affecting(severity, self.mgmt_affecting_severity)

    def degrade_affecting(self, severity: str) -> bool:
        """True when an alarm of ``severity`` degrades its host."""
        return contract.affecting(severity, self.degrade_affecting_severity)

    def service_affecting_for(self, severity: str) -> bool:
        return severity in self.service_affecting_severities


class Catalogue:
    """The loaded catalogue: entries by id, sorted."""

    def __init__(self, entries: Iterable[Entry], path: str | Path = ''):
        self.path = str(path)
        self._entries = {e.alarm_id: e
                         for e in sorted(entries, key=lambda e: e.alarm_id)}

    def get(self, alarm_id: str) -> Entry | None:
        return self._entries.get(alarm_id)

    def __contains__(self, alarm_id: object) -> bool:
        return alarm_id in self._entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def alarms(self) -> list[Entry]:
        return [e for e in self if e.is_alarm]

    def logs(self) -> list[Entry]:
        return [e for e in self if e.is_log]

    def check(self, fault: contract.Fault) -> None:
        """Raise InvalidFault unless the catalogue allows ``fault``.

        The id must exist; ``set`` (and ``clear``) need an Alarm id,
        ``msg``/``log`` a Log id; a ``set`` fault's severity must be one
        its entry allows.
        """
        entry = self.get(fault.alarm_id)
        if entry is None:
            raise InvalidFault(reason='alarm id %s is not in the alarm '
                               'catalogue' % fault.alarm_id)
        state = fault.alarm_state
        if state in ('set', 'clear') and entry.is_log:
            raise InvalidFault(reason="%s is a log, not an alarm: send it "
                               "with state 'msg', not %r"
                               % (entry.alarm_id, state))
        if state in ('msg', 'log') and entry.is_alarm:
            raise InvalidFault(reason="%s is an alarm, not a log: raise it "
                               "with state 'set', not %r"
                               % (entry.alarm_id, state))
        if state == 'set' and fault.severity not in entry.severities:
            raise InvalidFault(reason='severity %r is not allowed for %s '
                               '(allowed: %s)' % (
                                   fault.severity, entry.alarm_id,
                                   ', '.join(entry.severities)))

    @staticmethod
    def suppression_description(entry: Entry) -> str:
        """The description stored in the event_suppression table."""
        text = entry.description
        if len(text) > SUPPRESSION_TEXT_MAX:
            return text[:SUPPRESSION_TEXT_MAX] + ' ...'
        return text


suppression_description = Catalogue.suppression_description


# -- loading --------------------------------------------------------------
@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = yaml.safe_load(schema_path().read_text(encoding='utf-8'))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _id_of(key: Any) -> tuple[str, str | None]:
    """(id text, problem) for a top-level key read by YAML."""
    if isinstance(key, float):
        text = '%.3f' % key
        if math.isfinite(key) and round(key, 3) != key:
            return repr(key), ('id %r has more than three decimals; quote '
                               'it as "NNN.NNN"' % key)
    else:
        text = str(key)
    if not _ID.match(text):
        return text, 'id %r is not of the form NNN.NNN' % text
    return text, None


def _raw_key(line: str) -> str | None:
    """The id a top-level line of the YAML text defines, normalised."""
    if line[:1] in ('', ' ', '\t', '#') or line.startswith(('---', '...')):
        return None
    match = _TOP_KEY.match(line)
    if match is None:
        return None
    key = match.group('key').strip()
    if not match.group('q'):
        try:
            return '%.3f' % float(key)
        except ValueError:
            return key
    return key


def _duplicates(text: str) -> list[str]:
    seen: dict[str, int] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        key = _raw_key(line)
        if key is None:
            continue
        if key in seen:
            problems.append('%s: duplicate id (line %d, first at line %d)'
                            % (key, number, seen[key]))
        else:
            seen[key] = number
    return problems


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _cross_rules(alarm_id: str, raw: Mapping[str, Any]) -> list[str]:
    """Rules the schema cannot express (``raw`` already fits the schema)."""
    problems = []
    lengths = {key: len(raw[key]) for key in PARALLEL_KEYS
               if isinstance(raw.get(key), list)}
    if len(set(lengths.values())) > 1:
        problems.append('%s: parallel lists must have the same length: %s'
                        % (alarm_id, ', '.join('%s (%d)' % item
                                               for item in lengths.items())))
    severities = set(_as_list(raw.get('Severity')))
    for key in PER_SEVERITY_KEYS:
        value = raw.get(key)
        if isinstance(value, dict):
            extra = sorted(set(value) - severities)
            if extra:
                problems.append('%s: %s has severity keys that Severity does '
                                'not list: %s'
                                % (alarm_id, key, ', '.join(extra)))
    return problems


def _useful(error: schema_exceptions.ValidationError) -> tuple[str, str]:
    """(where, message) of the most telling part of a schema error:
    inside an ``anyOf``, the branch whose type matched the value."""
    while error.context:
        relevant = [e for e in error.context if e.validator != 'type']
        if not relevant:
            break
        error = max(relevant, key=lambda e: len(e.absolute_path))
    where = '.'.join(str(p) for p in error.absolute_path) or 'entry'
    if error.validator == 'enum' and len(error.validator_value) > 12:
        return where, '%r is not one of the %d values schema.yaml allows' % (
            error.instance, len(error.validator_value))
    return where, error.message


def _schema_problems(alarm_id: str, raw: Any) -> list[str]:
    kind = raw.get('Type')
    if kind not in (ALARM, LOG):
        return ['%s: Type: %r is neither %s nor %s'
                % (alarm_id, kind, ALARM, LOG)]
    problems = []
    for error in _validator().iter_errors(raw):
        problems.append('%s: %s: %s' % ((alarm_id,) + _useful(error)))
    return problems


def _join(parts: list[str], separator: str) -> str:
    """Join sentences, keeping one final full stop instead of one each."""
    if len(parts) < 2:
        return ''.join(parts)
    stop = '.' if parts[-1].endswith('.') else ''
    return separator.join(p.rstrip('.') for p in parts) + stop


def _render(value: Any) -> str:
    """One line of text from a text, a list of texts or a severity map:
    ``critical: A; major: B`` and ``A OR B``."""
    if value is None:
        return ''
    if isinstance(value, dict):
        return _join(['%s: %s' % (sev, _render(value[sev]))
                      for sev in SEVERITY_ORDER
                      if value.get(sev) is not None], '; ')
    if isinstance(value, list):
        return _join([_render(v) for v in value], ' OR ')
    return ' '.join(str(value).split())


def _templates(value: Any) -> tuple[str, ...]:
    if isinstance(value, dict):
        items = [value[s] for s in SEVERITY_ORDER if s in value]
    else:
        items = _as_list(value)
    return tuple(dict.fromkeys(' '.join(str(v).split()) for v in items))


def _entry(alarm_id: str, raw: Mapping[str, Any]) -> Entry:
    severities = tuple(_as_list(raw['Severity']))
    affecting = raw['Service_Affecting']
    if isinstance(affecting, dict):
        affecting_at = tuple(s for s in severities if affecting.get(s))
    else:
        affecting_at = severities if affecting else ()
    return Entry(
        alarm_id=alarm_id,
        type=raw['Type'],
        description=_render(raw['Description']),
        severities=severities,
        entity_instance_id=_templates(raw['Entity_Instance_ID']),
        alarm_types=tuple(_as_list(raw['Alarm_Type'])),
        probable_causes=tuple(_as_list(raw['Probable_Cause'])),
        proposed_repair_action=_render(raw.get('Proposed_Repair_Action')),
        maintenance_action=_render(raw.get('Maintenance_Action')),
        inhibit_alarms=bool(raw.get('Inhibit_Alarms')),
        service_affecting=bool(affecting_at),
        suppression=bool(raw.get('Suppression')),
        mgmt_affecting_severity=raw.get('Management_Affecting_Severity',
                                        'none'),
        degrade_affecting_severity=raw.get('Degrade_Affecting_Severity',
                                           'none'),
        context=raw['Context'],
        service_affecting_severities=affecting_at,
    )


def load(path: str | Path | None = None) -> Catalogue:
    """Read and check a catalogue (the packaged one by default).

    :raises CatalogueError: listing every problem found.
    """
    path = Path(path) if path is not None else catalogue_path()
    try:
        text = path.read_text(encoding='utf-8')
        document = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogueError(path, ['cannot read the catalogue: %s' % exc]
                             ) from None
    if not isinstance(document, dict) or not document:
        raise CatalogueError(path, ['the catalogue must be a non-empty '
                                    'mapping of alarm ids to entries'])
    problems = _duplicates(text)
    entries = []
    for key, raw in document.items():
        alarm_id, problem = _id_of(key)
        if problem:
            problems.append('%s: %s' % (alarm_id, problem))
        if not isinstance(raw, dict):
            problems.append('%s: the entry is not a mapping of keys'
                            % alarm_id)
            continue
        found = _schema_problems(alarm_id, raw)
        found = found or _cross_rules(alarm_id, raw)
        problems.extend(found)
        if not found and not problem:
            entries.append(_entry(alarm_id, raw))
    if problems:
        raise CatalogueError(path, problems)
    return Catalogue(entries, path)


@functools.cache
def default() -> Catalogue:
    """The packaged catalogue, loaded once per process."""
    return load()


def validate_fault(fault: contract.Fault) -> None:
    """Entry point ``flock.alarm_catalogue``: check ``fault`` or raise
    InvalidFault."""
    default().check(fault)
