"""Alarm contract: the fault record, its enumerations and its wire forms.

A :class:`Fault` is what a process raises (``set``), logs (``msg``) or
describes when it clears one. Producers hand faults to
:class:`stx_common.alarms.AlarmClient`; fm-manager consumes them as
:class:`AlarmEvent` batches. The ``###`` text form is the one StarlingX's
``fmClientCli`` and ``fm_api`` use.
"""
import dataclasses
import datetime
import uuid as uuidlib

from stx_common import exception

VERSION = '1.0'
SEPARATOR = '###'

ALARM_STATES = ('clear', 'set', 'msg', 'log')
SEVERITIES = ('clear', 'warning', 'minor', 'major', 'critical',
              'not-applicable')
# warning < minor < major < critical; 'none' never affects anything.
SEVERITY_RANK = {'warning': 1, 'minor': 2, 'major': 3, 'critical': 4,
                 'none': 5}
ALARM_TYPES = (
    'other', 'communication', 'qos', 'processing-error', 'equipment',
    'environmental', 'integrity-violation', 'operational-violation',
    'physical-violation', 'security-service-or-mechanism-violation',
    'time-domain-violation', 'deployment in progress',
)
PROBABLE_CAUSES = (
    'adaptor-error', 'application-subsystem-failure', 'bandwidth-reduced',
    'call-establishment-error', 'communication-protocol-error',
    'communication-subsystem-failure', 'configuration-or-customization-error',
    'congestion', 'corrupt-data', 'cpu-cycles-limit-exceeded',
    'dataset-or-modem-error', 'degraded-signal', 'dte-dce-interface-error',
    'enclosure-door-open', 'equipment-malfunction', 'excessive-vibration',
    'file-error', 'fire-detected', 'flood-detected', 'framing-error',
    'heating-ventilation-cooling-system-problem', 'humidity-unacceptable',
    'io-device-error', 'input-device-error', 'lan-error', 'leak-detected',
    'local-node-transmission-error', 'loss-of-frame', 'loss-of-signal',
    'material-supply-exhausted', 'multiplexer-problem', 'out-of-memory',
    'output-device-error', 'performance-degraded', 'power-problem',
    'processor-problem', 'pump-failure', 'queue-size-exceeded',
    'receive-failure', 'receiver-failure', 'remote-node-transmission-error',
    'resource-at-or-nearing-capacity', 'response-time-excessive',
    'retransmission-rate-excessive', 'software-error',
    'software-program-abnormally-terminated', 'software-program-error',
    'storage-capacity-problem', 'temperature-unacceptable',
    'threshold-crossed', 'timing-problem', 'toxic-leak-detected',
    'transmit-failure', 'transmitter-failure',
    'underlying-resource-unavailable', 'version-mismatch',
    'duplicate-information', 'information-missing',
    'information-modification-detected', 'information-out-of-sequence',
    'unexpected-information', 'denial-of-service', 'out-of-service',
    'procedural-error', 'unspecified-reason', 'cable-tamper',
    'intrusion-detection', 'authentication-failure',
    'breach-of-confidentiality', 'non-repudiation-failure',
    'unauthorized-access-attempt', 'delayed-information', 'key-expired',
    'out-of-hours-activity', 'configuration-out-of-date',
    'configuration-provisioning-required', 'certificate-expiration',
    'unknown',
)
# Entity type ids StarlingX's producers use (informative; not closed).
ENTITY_TYPES = (
    'system', 'host', 'port', 'interface', 'service', 'agent',
    'providernet', 'instance', 'cluster', 'ntp', 'ml2driver', 'kubernetes',
    'bgp-peer', 'storage_backend', 'fs_name', 'subcloud', 'k8s_application',
    'certificate', 'system_peer', 'subcloud_peer_group', 'controller_fs',
)

# Event actions on the alarm queue.
ACTION_SET = 'set'
ACTION_CLEAR = 'clear'
ACTION_CLEAR_ALL = 'clear_all'
ACTION_LOG = 'log'
ACTIONS = (ACTION_SET, ACTION_CLEAR, ACTION_CLEAR_ALL, ACTION_LOG)

_MAX_TEXT = 255
TIMESTAMP_FORMAT = '%Y-%m-%d %H:%M:%S.%f'


class InvalidFault(exception.Invalid):
    msg_fmt = 'Invalid alarm: %(reason)s'


def affecting(severity, threshold):
    """True when ``severity`` reaches the catalogue ``threshold``."""
    if not threshold or threshold == 'none':
        return False
    return SEVERITY_RANK.get(severity, 0) >= SEVERITY_RANK[threshold]


def utcnow():
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def format_timestamp(value):
    return value.strftime(TIMESTAMP_FORMAT)


def parse_timestamp(text):
    """StarlingX timestamps; empty or short text means now."""
    if isinstance(text, datetime.datetime):
        return text.replace(tzinfo=None) if text.tzinfo is None else \
            text.astimezone(datetime.UTC).replace(tzinfo=None)
    text = (text or '').strip()
    if len(text) < 10:
        return utcnow()
    for fmt in (TIMESTAMP_FORMAT, '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f',
                '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d'):
        try:
            return datetime.datetime.strptime(text.rstrip('Z'), fmt)
        except ValueError:
            continue
    raise InvalidFault(reason='bad timestamp %r' % text)


def _flag(value):
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ('true', '1', 'yes')


@dataclasses.dataclass
class Fault:
    """One alarm (state ``set``) or customer log (state ``msg``)."""

    alarm_id: str
    alarm_state: str
    entity_type_id: str
    entity_instance_id: str
    severity: str
    reason_text: str
    alarm_type: str
    probable_cause: str
    proposed_repair_action: str = ''
    service_affecting: bool = False
    suppression: bool = False
    uuid: str | None = None
    timestamp: datetime.datetime | None = None
    inhibit_alarms: bool = False
    keep_existing_alarm: bool = False

    def validate(self):
        """Required fields and closed enumerations; returns self."""
        for name in ('alarm_id', 'alarm_state', 'entity_type_id',
                     'entity_instance_id', 'severity', 'alarm_type',
                     'probable_cause'):
            if not getattr(self, name):
                raise InvalidFault(reason='%s is required' % name)
        checks = (('alarm_state', ALARM_STATES), ('severity', SEVERITIES),
                  ('alarm_type', ALARM_TYPES),
                  ('probable_cause', PROBABLE_CAUSES))
        for name, allowed in checks:
            if getattr(self, name) not in allowed:
                raise InvalidFault(reason='%s %r is not one of: %s' % (
                    name, getattr(self, name), ', '.join(allowed)))
        for name in ('alarm_id', 'entity_type_id', 'entity_instance_id',
                     'reason_text', 'proposed_repair_action'):
            if len(getattr(self, name) or '') > _MAX_TEXT:
                raise InvalidFault(reason='%s is longer than %d characters'
                                   % (name, _MAX_TEXT))
        return self

    def to_dict(self):
        values = {f.name: getattr(self, f.name) for f in _FAULT_FIELDS}
        if self.timestamp is not None:
            values['timestamp'] = format_timestamp(self.timestamp)
        return values

    @classmethod
    def from_dict(cls, values):
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise InvalidFault(reason='unknown field(s): %s'
                               % ', '.join(sorted(unknown)))
        data = dict(values)
        if data.get('timestamp') is not None:
            data['timestamp'] = parse_timestamp(data['timestamp'])
        for name in ('service_affecting', 'suppression', 'inhibit_alarms',
                     'keep_existing_alarm'):
            if name in data:
                data[name] = _flag(data[name])
        data.setdefault('reason_text', '')
        missing = [f.name for f in dataclasses.fields(cls)
                   if f.default is dataclasses.MISSING and
                   f.default_factory is dataclasses.MISSING and
                   f.name not in data]
        if missing:
            raise InvalidFault(reason='%s is required' % ', '.join(missing))
        return cls(**data)


_FAULT_FIELDS = dataclasses.fields(Fault)

# Order of the fields in StarlingX's '###' text form.
WIRE_FIELDS = ('uuid', 'alarm_id', 'alarm_state', 'entity_type_id',
               'entity_instance_id', 'timestamp', 'severity', 'reason_text',
               'alarm_type', 'probable_cause', 'proposed_repair_action',
               'service_affecting', 'suppression', 'inhibit_alarms',
               'keep_existing_alarm')


def to_wire(fault):
    """``###uuid###alarm_id###...###`` (None as a single space)."""
    parts = []
    for name in WIRE_FIELDS:
        value = getattr(fault, name)
        if value is None or value == '':
            parts.append(' ')
        elif isinstance(value, bool):
            parts.append('True' if value else 'False')
        elif isinstance(value, datetime.datetime):
            parts.append(format_timestamp(value))
        else:
            parts.append(str(value))
    return SEPARATOR + SEPARATOR.join(parts) + SEPARATOR


def from_wire(text):
    """Parse the ``###`` form.

    Both StarlingX forms are read: ``fm_api``'s (a leading separator, 15
    fields) and ``fmClientCli``'s (``<uuid>###<alarm_id>###...###``, the
    uuid possibly empty, keep_existing_alarm optional).
    """
    parts = text.strip().split(SEPARATOR)
    if parts and parts[-1].strip() == '':
        parts = parts[:-1]
    # The alarm state is the third field; one more in front of it means a
    # leading separator.
    if len(parts) > 3 and parts[0] == '' and parts[2] not in ALARM_STATES \
            and parts[3] in ALARM_STATES:
        parts = parts[1:]
    parts = [p.strip() for p in parts]
    if len(parts) not in (len(WIRE_FIELDS), len(WIRE_FIELDS) - 1):
        raise InvalidFault(reason='expected %d fields separated by %s, got '
                           '%d' % (len(WIRE_FIELDS) - 1, SEPARATOR,
                                   len(parts)))
    values = dict(zip(WIRE_FIELDS, parts, strict=False))
    values = {k: (None if v == '' else v) for k, v in values.items()}
    for name in ('proposed_repair_action', 'reason_text'):
        values[name] = values.get(name) or ''
    if values.get('uuid') is not None and len(values['uuid']) != 36:
        values['uuid'] = None
    for name in ('service_affecting', 'suppression', 'inhibit_alarms',
                 'keep_existing_alarm'):
        values[name] = _flag(values.get(name) or False)
    values['timestamp'] = parse_timestamp(values.get('timestamp'))
    return Fault(**values)


@dataclasses.dataclass
class AlarmEvent:
    """One entry of the alarm queue.

    ``set``/``log`` carry a fault; ``clear`` an (alarm_id, entity); and
    ``clear_all`` an entity prefix. ``event_uuid`` makes redelivery
    harmless: fm-manager records each event once.
    """

    action: str
    event_uuid: str = dataclasses.field(
        default_factory=lambda: str(uuidlib.uuid4()))
    fault: Fault | None = None
    alarm_id: str | None = None
    entity_instance_id: str | None = None
    raised_at: datetime.datetime = dataclasses.field(default_factory=utcnow)

    def validate(self):
        if self.action not in ACTIONS:
            raise InvalidFault(reason='unknown action %r' % self.action)
        if self.action in (ACTION_SET, ACTION_LOG):
            if self.fault is None:
                raise InvalidFault(reason='%s needs a fault' % self.action)
            self.fault.validate()
        elif self.action == ACTION_CLEAR:
            if not self.alarm_id:
                raise InvalidFault(reason='clear needs an alarm_id')
            if self.entity_instance_id is None:
                raise InvalidFault(reason='clear needs an entity id')
        elif not self.entity_instance_id:
            raise InvalidFault(reason='clear_all needs an entity id')
        return self

    def to_dict(self):
        return {'action': self.action, 'event_uuid': self.event_uuid,
                'fault': self.fault.to_dict() if self.fault else None,
                'alarm_id': self.alarm_id,
                'entity_instance_id': self.entity_instance_id,
                'raised_at': format_timestamp(self.raised_at)}

    @classmethod
    def from_dict(cls, values):
        fault = values.get('fault')
        return cls(action=values.get('action'),
                   event_uuid=values.get('event_uuid') or str(uuidlib.uuid4()),
                   fault=Fault.from_dict(fault) if fault else None,
                   alarm_id=values.get('alarm_id'),
                   entity_instance_id=values.get('entity_instance_id'),
                   raised_at=parse_timestamp(values.get('raised_at')))


def batch_message(events):
    """Body of one queue message carrying several events in order."""
    return {'version': VERSION, 'events': [e.to_dict() for e in events]}


def events_of(message):
    """The events of a queue message body (see :func:`batch_message`)."""
    if not isinstance(message, dict) or 'events' not in message:
        raise InvalidFault(reason='not an alarm batch message')
    return [AlarmEvent.from_dict(e) for e in message['events']]
