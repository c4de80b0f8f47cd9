"""/v1/service_parameter: list (key ``parameters``, filtered by
service/section/name with ``q.field``/``q.value`` or plain query
parameters), show, add (one or more names of one section), modify (value)
and delete, and ``POST /v1/service_parameter/apply`` with the service.

Protected values are shown as ``****``. Writes go to the conductor
(:mod:`sysinv.conductor.service_parameters`), which validates them
against the schema with StarlingX's messages.
"""
import pecan
from pecan import rest

from stx_common.api import jsonpatch, validation
from sysinv import policies as policy
from sysinv.api.controllers.v1 import base, logical_base
from sysinv.common import service_parameters as schema
from sysinv.db.api import config as config_db

FIELDS = ('uuid', 'service', 'section', 'name', 'value', 'personality',
          'resource')
FILTERS = ('service', 'section', 'name', 'personality', 'resource')
_SCALAR = {'type': ['string', 'integer', 'number', 'boolean', 'null']}
CREATE = {
    'type': 'object',
    'properties': {
        'service': {'type': ['string', 'null']},
        'section': {'type': ['string', 'null']},
        'parameters': {'type': ['object', 'null'],
                       'additionalProperties': _SCALAR},
        'personality': {'type': ['string', 'null']},
        'resource': {'type': ['string', 'null']},
    },
    'additionalProperties': False,
}
APPLY = {
    'type': 'object',
    'properties': {'service': {'type': ['string', 'null']},
                   'section': {'type': ['string', 'null']}},
    'additionalProperties': False,
}


def view(row):
    values = logical_base.render(row, FIELDS)
    spec = schema.section(row['service'], row['section'])
    if spec is not None and row['name'] in spec.protected:
        values['value'] = schema.PROTECTION_MASK
    values['links'] = base.links('service_parameter', row['uuid'])
    return values


def _authorize(write=False):
    policy.authorize('sysinv:service_parameter:%s' % (
        'modify' if write else 'get'), pecan.request.context)


def _filters(kwargs):
    filters = {}
    for item in validation.parse_query(pecan.request.GET, FILTERS, ('eq',)):
        filters[item.field] = item.value
    for name in FILTERS:
        if kwargs.get(name):
            filters[name] = kwargs[name]
    return filters


class ServiceParameterController(rest.RestController):
    _custom_actions = {'apply': ['POST']}

    @pecan.expose('json')
    def get_all(self, **kwargs):
        _authorize()
        page = base.parse_page(kwargs, config_db.SERVICE_PARAMETER_SORT_KEYS)
        rows = pecan.request.dbapi.list_service_parameters(
            _filters(kwargs), page)
        return base.page_of('parameters', [view(r) for r in rows],
                            'v1/service_parameter', page)

    @pecan.expose('json')
    def get_one(self, ident):
        _authorize()
        return view(pecan.request.dbapi.get_service_parameter(ident))

    @pecan.expose('json')
    def post(self):
        _authorize(write=True)
        body = validation.validate(validation.json_body(), CREATE)
        rows = pecan.request.rpcapi.create_service_parameters(
            pecan.request.context, body)
        return {'parameters': [view(r) for r in rows]}

    @pecan.expose('json')
    def patch(self, ident):
        _authorize(write=True)
        patch = jsonpatch.validate_patch(validation.json_body())
        changes = jsonpatch.patch_fields(patch, set(FIELDS) | {'id'})
        row = pecan.request.dbapi.get_service_parameter(ident)
        updated = pecan.request.rpcapi.update_service_parameter(
            pecan.request.context, row['uuid'], changes)
        return view(updated)

    @pecan.expose(None, status=204)
    def delete(self, ident):
        _authorize(write=True)
        row = pecan.request.dbapi.get_service_parameter(ident)
        pecan.request.rpcapi.delete_service_parameter(pecan.request.context,
                                                      row['uuid'])
        pecan.response.status = 204

    @pecan.expose('json')
    def apply(self):
        _authorize(write=True)
        body = validation.validate(validation.json_body(), APPLY)
        pecan.request.rpcapi.update_service_config(
            pecan.request.context, body.get('service'),
            section=body.get('section'), do_apply=True)
        return {}
