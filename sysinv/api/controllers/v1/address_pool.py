"""/v1/addrpools (address pools: list, show, add, modify as JSON-Patch,
delete) and /v1/addresses (IP addresses: list, show; a host's under
``/v1/ihosts/<host>/addresses``)."""
import pecan
from pecan import rest

from stx_common.api import jsonpatch, validation
from sysinv import exception
from sysinv import policies as policy
from sysinv.api.controllers.v1 import base, logical_base
from sysinv.db.api import addressing

POOL_FIELDS = ('id', 'uuid', 'name', 'network', 'prefix', 'family',
               'order', 'ranges', 'controller0_address',
               'controller0_address_id', 'controller1_address',
               'controller1_address_id', 'floating_address',
               'floating_address_id', 'gateway_address',
               'gateway_address_id')
_ADDRESS = {'type': ['string', 'null']}
POOL_CREATE = {
    'type': 'object',
    'properties': {
        'name': {'type': 'string'}, 'network': {'type': 'string'},
        'prefix': {'type': ['integer', 'string']},
        'order': {'type': ['string', 'null']},
        'ranges': {'type': ['array', 'null'],
                   'items': {'type': 'array', 'items': {'type': 'string'},
                             'minItems': 2, 'maxItems': 2}},
        'floating_address': _ADDRESS, 'controller0_address': _ADDRESS,
        'controller1_address': _ADDRESS, 'gateway_address': _ADDRESS,
        'uuid': {'type': ['string', 'null']},
    },
    'required': ['name', 'network', 'prefix'],
    'additionalProperties': False,
}
ADDRESS_FIELDS = ('id', 'uuid', 'name', 'address', 'prefix', 'family',
                  'enable_dad', 'interface_uuid', 'ifname', 'forihostid',
                  'pool_uuid')


def pool_view(row):
    return logical_base.render(row, POOL_FIELDS)


def address_view(row):
    return logical_base.render(row, ADDRESS_FIELDS)


def _authorize(resource, write=False):
    policy.authorize('sysinv:%s:%s' % (resource,
                                       'modify' if write else 'get'),
                     pecan.request.context)


class AddressPoolController(rest.RestController):

    @pecan.expose('json')
    def get_all(self, **kwargs):
        _authorize('addrpools')
        page = base.parse_page(kwargs, addressing.POOL_SORT_KEYS)
        rows = pecan.request.dbapi.list_pools(page)
        return base.page_of('addrpools', [pool_view(r) for r in rows],
                            'v1/addrpools', page)

    @pecan.expose('json')
    def get_one(self, ident):
        _authorize('addrpools')
        return pool_view(pecan.request.dbapi.get_pool(ident))

    @pecan.expose('json')
    def post(self):
        _authorize('addrpools', write=True)
        body = validation.validate(validation.json_body(), POOL_CREATE)
        body.pop('uuid', None)
        row = pecan.request.rpcapi.create_address_pool(
            pecan.request.context, body)
        return pool_view(row)

    @pecan.expose('json')
    def patch(self, ident):
        _authorize('addrpools', write=True)
        patch = jsonpatch.validate_patch(validation.json_body())
        for op in patch:
            if op['op'] in ('add', 'remove'):
                raise exception.ClientSideError(
                    reason='Attributes cannot be added or removed')
        updates = jsonpatch.patch_fields(patch, set(POOL_FIELDS))
        current = pecan.request.dbapi.get_pool(ident)
        for restated in ('uuid', 'id', 'family'):
            if restated in updates:
                if updates.pop(restated) != current.get(restated):
                    raise exception.ClientSideError(
                        reason="'/%s' is a read-only attribute and can not "
                               'be updated' % restated)
        row = pecan.request.rpcapi.update_address_pool(
            pecan.request.context, current['uuid'], updates)
        return pool_view(row)

    @pecan.expose(None, status=204)
    def delete(self, ident):
        _authorize('addrpools', write=True)
        row = pecan.request.dbapi.get_pool(ident)
        pecan.request.rpcapi.delete_address_pool(pecan.request.context,
                                                 row['uuid'])
        pecan.response.status = 204


class AddressController(rest.RestController):

    @pecan.expose('json')
    def get_all(self, **kwargs):
        _authorize('addresses')
        page = base.parse_page(kwargs, addressing.ADDRESS_SORT_KEYS)
        rows = pecan.request.dbapi.list_address_details(page)
        return base.page_of('addresses', [address_view(r) for r in rows],
                            'v1/addresses', page)

    @pecan.expose('json')
    def get_one(self, ident):
        _authorize('addresses')
        return address_view(pecan.request.dbapi.get_address(ident))


class HostAddressController(base.HostSubCollection):
    """``/v1/ihosts/<host>/addresses`` (read-only): addresses on the
    host's interfaces and those named ``<hostname>-<network type>``."""

    KEY = 'addresses'
    SORT_KEYS = addressing.ADDRESS_SORT_KEYS

    def list_for_host(self, host, page):
        _authorize('addresses')
        return pecan.request.dbapi.list_address_details(page, host=host)

    def render_item(self, row):
        return address_view(row)
