"""/v1/alarms: active alarms (list, detail, summary, show, delete, and the
create/modify calls remote producers use)."""
import pecan
from pecan import rest

from fm import policies, rules
from fm.api import schemas
from fm.api.controllers.v1 import views
from fm.conf import CONF
from fm.db import api as db_api
from stx_common.api import collection, validation


def _pick(values, names):
    return {k: values[k] for k in names if k in values}


class AlarmController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'summary': ['GET']}

    def _list(self, kwargs, expand, resource):
        policies.authorize('fm:alarm:get', pecan.request.context)
        filters = validation.parse_query(pecan.request.GET,
                                         db_api.ALARM_FIELDS,
                                         db_api.QUERY_OPS)
        include_suppress = validation.boolean(
            'include_suppress', kwargs.get('include_suppress'))
        page = collection.parse_page(
            kwargs.get('limit'), kwargs.get('marker'),
            kwargs.get('sort_key'), kwargs.get('sort_dir'),
            sort_keys=db_api.ALARM_SORT_KEYS)
        rows = pecan.request.dbapi.list_alarms(filters, include_suppress,
                                               page)
        items = [views.alarm(r, expand) for r in rows]
        return views.page('alarms', items, resource, page,
                          include_suppress='True' if include_suppress
                          else None)

    @pecan.expose('json')
    def get_all(self, **kwargs):
        expand = validation.boolean('expand', kwargs.get('expand'))
        return self._list(kwargs, expand, 'v1/alarms')

    @pecan.expose('json')
    def detail(self, **kwargs):
        return self._list(kwargs, True, 'v1/alarms/detail')

    @pecan.expose('json')
    def summary(self, **kwargs):
        policies.authorize('fm:alarm:get', pecan.request.context)
        include_suppress = validation.boolean(
            'include_suppress', kwargs.get('include_suppress'))
        counts = pecan.request.dbapi.alarm_severities(include_suppress)
        severities = [s for s, n in counts.items() for _ in range(n)]
        body = rules.summarize(severities)
        body['system_uuid'] = CONF.fm.system_uuid
        return body

    @pecan.expose('json')
    def get_one(self, uuid):
        policies.authorize('fm:alarm:get', pecan.request.context)
        return views.alarm(pecan.request.dbapi.get_alarm(uuid))

    @pecan.expose('json')
    def post(self):
        policies.authorize('fm:alarm:create', pecan.request.context)
        body = validation.validate(validation.json_body(),
                                   schemas.ALARM_CREATE)
        values = _pick(body, schemas.ALARM_PROPERTIES)
        state = values['alarm_state']
        context, manager = pecan.request.context, pecan.request.manager
        if state == 'clear':
            if values.get('uuid'):
                manager.delete_alarm(context, values['uuid'])
            else:
                manager.clear_alarm(context, values['alarm_id'],
                                    values['entity_instance_id'])
            return {'uuid': values.get('uuid')}
        if state in ('msg', 'log'):
            return {'uuid': manager.store_log(context, values)}
        return {'uuid': manager.create_alarm(context, values)}

    @pecan.expose('json')
    def put(self, uuid):
        policies.authorize('fm:alarm:modify', pecan.request.context)
        body = validation.validate(validation.json_body(),
                                   schemas.ALARM_UPDATE)
        pecan.request.manager.update_alarm(pecan.request.context, uuid,
                                           body)
        return {'uuid': uuid}

    @pecan.expose('json', status=204)
    def delete(self, uuid):
        policies.authorize('fm:alarm:delete', pecan.request.context)
        pecan.request.manager.delete_alarm(pecan.request.context, uuid)
        pecan.response.status = 204
