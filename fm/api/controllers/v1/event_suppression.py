"""/v1/event_suppression: which alarm ids the operator has suppressed."""
import pecan
from pecan import rest

from fm import policies
from fm.api.controllers.v1 import views
from fm.db import api as db_api
from stx_common import exception
from stx_common.api import collection, jsonpatch, validation

# What a PATCH may say about each field.
_IMMUTABLE = ('alarm_id', 'description')


class EventSuppressionController(rest.RestController):

    @pecan.expose('json')
    def get_all(self, **kwargs):
        policies.authorize('fm:event_suppression:get',
                           pecan.request.context)
        filters = validation.parse_query(pecan.request.GET,
                                         db_api.SUPPRESSION_FIELDS,
                                         db_api.QUERY_OPS)
        page = collection.parse_page(
            kwargs.get('limit'), kwargs.get('marker'),
            kwargs.get('sort_key'), kwargs.get('sort_dir'),
            sort_keys=db_api.SUPPRESSION_SORT_KEYS)
        rows = pecan.request.dbapi.list_event_suppression(filters, page)
        items = [views.suppression(r, expand=False) for r in rows]
        return views.page('event_suppression', items,
                          'v1/event_suppression', page)

    @pecan.expose('json')
    def get_one(self, uuid):
        policies.authorize('fm:event_suppression:get',
                           pecan.request.context)
        return views.suppression(
            pecan.request.dbapi.get_event_suppression(uuid))

    @pecan.expose('json')
    def patch(self, uuid):
        policies.authorize('fm:event_suppression:modify',
                           pecan.request.context)
        patch = jsonpatch.validate_patch(validation.json_body())
        changes = {}
        for op in patch:
            field = op['path'].lstrip('/')
            if field in _IMMUTABLE:
                raise exception.Invalid(
                    reason='event_suppression parameter %s is not allowed '
                           'to be updated.' % field)
            if field == 'uuid':
                continue  # StarlingX clients may restate the uuid
            if field != 'suppression_status' or op['op'] != 'replace':
                raise exception.Invalid(
                    reason='event_suppression invalid parameter: %s %s'
                           % (op['op'], op['path']))
            if op['value'] not in ('suppressed', 'unsuppressed'):
                raise exception.Invalid(
                    reason='Invalid event_suppression parameter '
                           'suppression_status values. Valid values are: '
                           'suppressed, unsuppressed')
            changes[field] = op['value']
        if not changes:
            raise exception.Invalid(reason='the patch changes nothing')
        record = pecan.request.manager.update_event_suppression(
            pecan.request.context, uuid, changes['suppression_status'])
        return views.suppression(record)
