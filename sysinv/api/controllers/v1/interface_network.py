"""/v1/interface_networks: platform networks assigned to interfaces
(list, show, assign, remove), and the read-only lists of a host
(``/v1/ihosts/<host>/interface_networks``) and of an interface
(``/v1/iinterfaces/<uuid>/interface_networks``)."""
import pecan
from pecan import rest

from stx_common.api import validation
from sysinv import policies as policy
from sysinv.api.controllers.v1 import base, logical_base

FIELDS = ('id', 'uuid', 'forihostid', 'interface_uuid', 'ifname',
          'network_id', 'network_uuid', 'network_name', 'network_type')
SORT_KEYS = ('id', 'uuid')
KEY = 'interface_networks'
CREATE = {
    'type': 'object',
    'properties': {'interface_uuid': {'type': 'string'},
                   'network_uuid': {'type': 'string'},
                   'uuid': {'type': ['string', 'null']}},
    'required': ['interface_uuid', 'network_uuid'],
    'additionalProperties': False,
}


def view(row):
    return logical_base.render(row, FIELDS)


def _authorize(write=False):
    policy.authorize('sysinv:interface_networks:%s' % (
        'modify' if write else 'get'), pecan.request.context)


class InterfaceNetworkController(rest.RestController):

    @pecan.expose('json')
    def get_all(self, **kwargs):
        _authorize()
        page = base.parse_page(kwargs, SORT_KEYS)
        rows = pecan.request.dbapi.list_interface_networks(page=page)
        return base.page_of(KEY, [view(r) for r in rows], 'v1/' + KEY, page)

    @pecan.expose('json')
    def get_one(self, ident):
        _authorize()
        return view(pecan.request.dbapi.get_interface_network(ident))

    @pecan.expose('json')
    def post(self):
        _authorize(write=True)
        body = validation.validate(validation.json_body(), CREATE)
        row = pecan.request.rpcapi.create_interface_network(
            pecan.request.context, body['interface_uuid'],
            body['network_uuid'])
        return view(row)

    @pecan.expose(None, status=204)
    def delete(self, ident):
        _authorize(write=True)
        row = pecan.request.dbapi.get_interface_network(ident)
        pecan.request.rpcapi.delete_interface_network(pecan.request.context,
                                                      row['uuid'])
        pecan.response.status = 204


class HostInterfaceNetworkController(base.HostSubCollection):
    """``/v1/ihosts/<host>/interface_networks`` (read-only)."""

    KEY = KEY
    SORT_KEYS = SORT_KEYS

    def list_for_host(self, host, page):
        _authorize()
        return pecan.request.dbapi.list_interface_networks(
            host_id=host['id'], page=page)

    def render_item(self, row):
        return view(row)


class InterfaceInterfaceNetworkController(rest.RestController):
    """``/v1/iinterfaces/<uuid>/interface_networks`` (read-only)."""

    PARENT_ITEM = True

    @pecan.expose('json')
    def get_all(self, interface_ident, **kwargs):
        _authorize()
        iface = pecan.request.dbapi.get_interface(interface_ident)
        page = base.parse_page(kwargs, SORT_KEYS)
        rows = pecan.request.dbapi.list_interface_networks(
            interface_id=iface['id'], page=page)
        return base.page_of(KEY, [view(r) for r in rows], 'v1/iinterfaces/'
                            '%s/%s' % (iface['uuid'], KEY), page)
