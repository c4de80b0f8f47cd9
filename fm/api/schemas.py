"""JSON schemas of fm-api's request bodies (shape only)."""
from stx_common.contracts import alarm as contract

_TEXT = {'type': 'string', 'maxLength': 255}
_FLAG = {'type': ['boolean', 'string']}

ALARM_PROPERTIES = {
    'uuid': {'type': ['string', 'null']},
    'alarm_id': {'type': 'string', 'pattern': r'^\d{3}\.\d{3}$'},
    'alarm_state': {'enum': list(contract.ALARM_STATES)},
    'entity_type_id': _TEXT,
    'entity_instance_id': _TEXT,
    'timestamp': {'type': ['string', 'null']},
    'severity': {'enum': list(contract.SEVERITIES)},
    'reason_text': _TEXT,
    'alarm_type': {'enum': list(contract.ALARM_TYPES)},
    'probable_cause': {'enum': list(contract.PROBABLE_CAUSES)},
    'proposed_repair_action': _TEXT,
    'service_affecting': _FLAG,
    'suppression': _FLAG,
    'inhibit_alarms': _FLAG,
}

ALARM_CREATE = {
    'type': 'object',
    'properties': dict(ALARM_PROPERTIES,
                       # read-only fields a GET returned may be sent back
                       suppression_status={'type': ['string', 'null']},
                       mgmt_affecting={'type': ['string', 'null']},
                       degrade_affecting={'type': ['string', 'null']}),
    'required': ['alarm_id', 'alarm_state', 'entity_instance_id'],
    'additionalProperties': False,
}

ALARM_UPDATE = {
    'type': 'object',
    'properties': {k: v for k, v in ALARM_PROPERTIES.items()
                   if k not in ('uuid', 'alarm_id', 'entity_instance_id',
                                'alarm_state')},
    'minProperties': 1,
    'additionalProperties': False,
}
