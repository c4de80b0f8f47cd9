"""/v1/networks (platform networks, one per type) and
/v1/network_addresspools (the pools of each network): list, show, add,
delete (no PATCH, as StarlingX)."""
import pecan
from pecan import rest

from stx_common.api import validation
from sysinv import policies as policy
from sysinv.api.controllers.v1 import base, logical_base
from sysinv.db.api import addressing

NETWORK_FIELDS = ('id', 'uuid', 'name', 'type', 'dynamic', 'pool_uuid',
                  'primary_pool_family')
NETWORK_CREATE = {
    'type': 'object',
    'properties': {
        'type': {'type': 'string'}, 'name': {'type': 'string'},
        'dynamic': {'type': ['boolean', 'string']},
        'pool_uuid': {'type': ['string', 'null']},
        'uuid': {'type': ['string', 'null']},
    },
    'required': ['type'],
    'additionalProperties': False,
}
BINDING_FIELDS = ('id', 'uuid', 'network_id', 'network_uuid',
                  'network_name', 'address_pool_id', 'address_pool_uuid',
                  'address_pool_name')
BINDING_CREATE = {
    'type': 'object',
    'properties': {'network_uuid': {'type': 'string'},
                   'address_pool_uuid': {'type': 'string'},
                   'uuid': {'type': ['string', 'null']}},
    'required': ['network_uuid', 'address_pool_uuid'],
    'additionalProperties': False,
}


def network_view(row):
    return logical_base.render(row, NETWORK_FIELDS)


def binding_view(row):
    return logical_base.render(row, BINDING_FIELDS)


def _authorize(resource, write=False):
    policy.authorize('sysinv:%s:%s' % (resource,
                                       'modify' if write else 'get'),
                     pecan.request.context)


def _boolean(value):
    return validation.boolean('dynamic', value, default=True)


class NetworkController(rest.RestController):

    @pecan.expose('json')
    def get_all(self, **kwargs):
        _authorize('networks')
        page = base.parse_page(kwargs, addressing.NETWORK_SORT_KEYS)
        rows = pecan.request.dbapi.list_network_details(page)
        return base.page_of('networks', [network_view(r) for r in rows],
                            'v1/networks', page)

    @pecan.expose('json')
    def get_one(self, ident):
        _authorize('networks')
        return network_view(pecan.request.dbapi.get_network(ident))

    @pecan.expose('json')
    def post(self):
        _authorize('networks', write=True)
        body = validation.validate(validation.json_body(), NETWORK_CREATE)
        values = {k: body[k] for k in ('type', 'name', 'pool_uuid')
                  if body.get(k) is not None}
        values['dynamic'] = _boolean(body.get('dynamic'))
        row = pecan.request.rpcapi.create_network(pecan.request.context,
                                                  values)
        return network_view(row)

    @pecan.expose(None, status=204)
    def delete(self, ident):
        _authorize('networks', write=True)
        row = pecan.request.dbapi.get_network(ident)
        pecan.request.rpcapi.delete_network(pecan.request.context,
                                            row['uuid'])
        pecan.response.status = 204


class NetworkAddressPoolController(rest.RestController):

    @pecan.expose('json')
    def get_all(self, **kwargs):
        _authorize('network_addresspools')
        page = base.parse_page(kwargs, ('id', 'uuid'))
        rows = pecan.request.dbapi.list_network_addresspools(page=page)
        return base.page_of('network_addresspools',
                            [binding_view(r) for r in rows],
                            'v1/network_addresspools', page)

    @pecan.expose('json')
    def get_one(self, ident):
        _authorize('network_addresspools')
        return binding_view(
            pecan.request.dbapi.get_network_addresspool(ident))

    @pecan.expose('json')
    def post(self):
        _authorize('network_addresspools', write=True)
        body = validation.validate(validation.json_body(), BINDING_CREATE)
        row = pecan.request.rpcapi.create_network_addresspool(
            pecan.request.context, body['network_uuid'],
            body['address_pool_uuid'])
        return binding_view(row)

    @pecan.expose(None, status=204)
    def delete(self, ident):
        _authorize('network_addresspools', write=True)
        row = pecan.request.dbapi.get_network_addresspool(ident)
        pecan.request.rpcapi.delete_network_addresspool(
            pecan.request.context, row['uuid'])
        pecan.response.status = 204
