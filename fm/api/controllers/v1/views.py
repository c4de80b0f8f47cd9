"""How FM's records look on the wire (StarlingX's fields and forms)."""
import datetime

import pecan

from fm import rules
from stx_common.api import collection

ALARM_FIELDS = ('uuid', 'alarm_id', 'alarm_state', 'entity_type_id',
                'entity_instance_id', 'timestamp', 'severity', 'reason_text',
                'alarm_type', 'probable_cause', 'proposed_repair_action',
                'service_affecting', 'suppression', 'suppression_status',
                'mgmt_affecting', 'degrade_affecting')
ALARM_BRIEF = ('uuid', 'alarm_id', 'entity_instance_id', 'severity',
               'timestamp', 'reason_text', 'mgmt_affecting',
               'degrade_affecting', 'suppression_status')
EVENT_FIELDS = ('uuid', 'event_log_id', 'state', 'entity_type_id',
                'entity_instance_id', 'timestamp', 'severity', 'reason_text',
                'event_log_type', 'probable_cause', 'proposed_repair_action',
                'service_affecting', 'suppression', 'suppression_status')
EVENT_BRIEF = ('uuid', 'event_log_id', 'entity_instance_id', 'severity',
               'timestamp', 'reason_text', 'state', 'suppression_status')
SUPPRESSION_FIELDS = ('id', 'uuid', 'alarm_id', 'description',
                      'suppression_status')
SUPPRESSION_BRIEF = ('uuid', 'alarm_id', 'description',
                     'suppression_status')


def timestamp(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def alarm(row, expand=True):
    values = dict(row)
    values['timestamp'] = timestamp(values['timestamp'])
    values['mgmt_affecting'] = rules.affecting_flag(
        values['severity'], values.get('mgmt_affecting_threshold'))
    values['degrade_affecting'] = rules.affecting_flag(
        values['severity'], values.get('degrade_affecting_threshold'))
    fields = ALARM_FIELDS if expand else ALARM_BRIEF
    return {k: values.get(k) for k in fields}


def event(row, expand=True):
    values = dict(row)
    values['timestamp'] = timestamp(values['timestamp'])
    fields = EVENT_FIELDS if expand else EVENT_BRIEF
    return {k: values.get(k) for k in fields}


def suppression(row, expand=True):
    fields = SUPPRESSION_FIELDS if expand else SUPPRESSION_BRIEF
    values = {k: row.get(k) for k in fields}
    base = collection.base_url(pecan.request)
    values['links'] = [
        {'href': '%s/v1/event_suppression/%s' % (base, row['uuid']),
         'rel': 'self'},
        {'href': '%s/event_suppression/%s' % (base, row['uuid']),
         'rel': 'bookmark'}]
    return values


def page(key, items, resource, page_request, **extra):
    """``{key: items}`` plus ``next`` when the page is full."""
    body = {key: items}
    link = collection.next_link(pecan.request, resource, items,
                                page_request, **extra)
    if link:
        body['next'] = link
    return body
