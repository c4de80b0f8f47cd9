"""/v1/event_log: the history of alarm sets and clears, and customer logs."""
from oslo_utils import timeutils
import pecan
from pecan import rest

from fm import policies, rules
from fm.api.controllers.v1 import views
from fm.db import api as db_api
from stx_common import exception
from stx_common.api import collection, validation

TIME_FIELDS = ('start', 'end')


def _time(value):
    try:
        parsed = timeutils.parse_isotime(value)
    except ValueError:
        raise exception.Invalid(
            reason="Invalid date '%s' specified" % value) from None
    return timeutils.normalize_time(parsed)


def _filters():
    filters = validation.parse_query(
        pecan.request.GET, set(db_api.EVENT_LOG_FIELDS) | set(TIME_FIELDS),
        db_api.QUERY_OPS)
    start = end = None
    kept = []
    for item in filters:
        if item.field not in TIME_FIELDS:
            kept.append(item)
        elif item.op != 'eq':
            raise exception.Invalid(reason="use q.field=%s with op 'eq'"
                                    % item.field)
        elif item.field == 'start':
            start = _time(item.value)
        else:
            end = _time(item.value)
    if start and end and start > end:
        raise exception.Invalid(reason='start is after end')
    return kept, start, end


class EventLogController(rest.RestController):
    _custom_actions = {'detail': ['GET']}

    def _list(self, kwargs, expand, resource):
        policies.authorize('fm:event_log:get', pecan.request.context)
        filters, start, end = _filters()
        alarms = validation.boolean('alarms', kwargs.get('alarms'))
        logs = validation.boolean('logs', kwargs.get('logs'))
        include_suppress = validation.boolean(
            'include_suppress', kwargs.get('include_suppress'))
        page = collection.parse_page(
            kwargs.get('limit'), kwargs.get('marker'),
            kwargs.get('sort_key'), kwargs.get('sort_dir'),
            sort_keys=db_api.EVENT_LOG_SORT_KEYS, default_sort_dir='desc')
        rows = pecan.request.dbapi.list_event_log(
            filters, start, end, rules.event_type(alarms, logs),
            include_suppress, page)
        items = [views.event(r, expand) for r in rows]
        return views.page('event_log', items, resource, page,
                          alarms='True' if alarms else None,
                          logs='True' if logs else None,
                          include_suppress='True' if include_suppress
                          else None)

    @pecan.expose('json')
    def get_all(self, **kwargs):
        expand = validation.boolean('expand', kwargs.get('expand'))
        return self._list(kwargs, expand, 'v1/event_log')

    @pecan.expose('json')
    def detail(self, **kwargs):
        return self._list(kwargs, True, 'v1/event_log/detail')

    @pecan.expose('json')
    def get_one(self, uuid):
        policies.authorize('fm:event_log:get', pecan.request.context)
        return views.event(pecan.request.dbapi.get_event_log(uuid))
