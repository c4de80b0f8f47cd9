"""FM's semantic rules, as pure functions (no database, no framework).

What a raise, clear or log turns into; which alarms an entity covers; how
alarms count towards the summary; when an alarm is management or degrade
affecting. The DB API stores what these decide; the REST views render it.
"""
import uuid as uuidlib

from stx_common.contracts import alarm as contract

SUPPRESSED = 'suppressed'
UNSUPPRESSED = 'unsuppressed'
SUPPRESSION_STATUSES = (SUPPRESSED, UNSUPPRESSED)

STATUS_OK = 'OK'
STATUS_DEGRADED = 'degraded'
STATUS_CRITICAL = 'critical'

# Event log states and the event_log filter of /v1/event_log.
STATE_SET, STATE_CLEAR, STATE_LOG = 'set', 'clear', 'log'
EVENTS_ALL, EVENTS_ALARMS, EVENTS_LOGS = 'ALL', 'ALARM', 'LOG'

_HISTORY_NAMESPACE = uuidlib.UUID('6f0f5c1e-6b53-4f6b-9a4a-8f1c2b8e0d11')


def entity_covers(entity, candidate):
    """True when ``candidate`` is ``entity`` or one of its children.

    ``host=compute-1`` covers ``host=compute-1.port=eth0`` but not
    ``host=compute-10``.
    """
    return candidate == entity or candidate.startswith(entity + '.')


def like_escape(text):
    """``text`` as a literal inside a LIKE pattern (escape char ``\\``)."""
    return (text.replace('\\', '\\\\').replace('%', '\\%')
            .replace('_', '\\_'))


def children_pattern(entity):
    """LIKE pattern of the children of ``entity``."""
    return like_escape(entity) + '.%'


def clear_history_uuid(event_uuid, alarm_uuid):
    """Stable uuid of the history row a clear event writes for one alarm,
    so a redelivered event is recognised and not recorded twice."""
    return str(uuidlib.uuid5(_HISTORY_NAMESPACE,
                             '%s/%s' % (event_uuid, alarm_uuid)))


def alarm_values(fault):
    """Columns of the alarm row a raised fault stores."""
    return {
        'uuid': fault.uuid,
        'alarm_id': fault.alarm_id,
        'alarm_state': STATE_SET,
        'entity_type_id': fault.entity_type_id or '',
        'entity_instance_id': fault.entity_instance_id,
        'timestamp': fault.timestamp or contract.utcnow(),
        'severity': fault.severity,
        'reason_text': fault.reason_text or '',
        'alarm_type': fault.alarm_type,
        'probable_cause': fault.probable_cause,
        'proposed_repair_action': fault.proposed_repair_action or '',
        'service_affecting': bool(fault.service_affecting),
        'suppression': bool(fault.suppression),
        'inhibit_alarms': bool(fault.inhibit_alarms),
        'masked': False,
    }


def history_values(alarm, state, uuid, timestamp=None):
    """Columns of the event_log row recording ``alarm`` (a dict of alarm
    columns) entering ``state``."""
    return {
        'uuid': uuid,
        'event_log_id': alarm['alarm_id'],
        'state': state,
        'entity_type_id': alarm.get('entity_type_id') or '',
        'entity_instance_id': alarm['entity_instance_id'],
        'timestamp': timestamp or alarm.get('timestamp') or
        contract.utcnow(),
        'severity': alarm['severity'],
        'reason_text': alarm.get('reason_text') or '',
        'event_log_type': alarm['alarm_type'],
        'probable_cause': alarm['probable_cause'],
        'proposed_repair_action': alarm.get('proposed_repair_action') or '',
        'service_affecting': bool(alarm.get('service_affecting')),
        'suppression': bool(alarm.get('suppression')),
    }


def log_values(fault):
    """Columns of the event_log row of a customer log."""
    return history_values(alarm_values(fault), STATE_LOG, fault.uuid)


def summarize(severities):
    """Summary counts and status from the severities of visible alarms."""
    counts = {'critical': 0, 'major': 0, 'minor': 0, 'warnings': 0}
    for severity in severities:
        key = 'warnings' if severity == 'warning' else severity
        if key in counts:
            counts[key] += 1
    if counts['critical']:
        status = STATUS_CRITICAL
    elif counts['major'] or counts['minor']:
        status = STATUS_DEGRADED
    else:
        status = STATUS_OK
    counts['status'] = status
    return counts


def affecting_flag(severity, threshold):
    """``"True"``/``"False"``, as StarlingX's REST reports the flags."""
    return str(contract.affecting(severity, threshold))


def display_alarm_id(alarm_id, suppression_status):
    """``S(<id>)`` for a suppressed id, as the CLI shows it."""
    if suppression_status == SUPPRESSED:
        return 'S(%s)' % alarm_id
    return alarm_id


def event_type(alarms=False, logs=False):
    """Which event log records a list asks for."""
    if alarms and not logs:
        return EVENTS_ALARMS
    if logs and not alarms:
        return EVENTS_LOGS
    return EVENTS_ALL
