"""/v1/iinterfaces: logical interfaces (list, detail, show; add, modify
as JSON-Patch, delete) and their read-only lists under a host
(``/v1/ihosts/<host>/iinterfaces``).

Reads come from the DB; writes go to the conductor, whose rules
(:mod:`sysinv.conductor.interface_rules`) refuse with StarlingX's
messages.
"""
import pecan
from pecan import rest

from stx_common.api import jsonpatch, validation
from sysinv import exception
from sysinv import policies as policy
from sysinv.api.controllers.v1 import base, logical_base
from sysinv.api.controllers.v1 import interface_network as ifnet_api
from sysinv.api.controllers.v1 import port as port_api
from sysinv.conductor import interface_rules as rules
from sysinv.conductor import interfaces as flows
from sysinv.db.api import interfaces as interface_db

FIELDS = ('id', 'uuid', 'ifname', 'iftype', 'ifclass', 'imac', 'imtu',
          'aemode', 'schedpolicy', 'txhashpolicy', 'primary_reselect',
          'vlan_id', 'uses', 'used_by', 'ihost_uuid', 'forihostid',
          'sriov_numvfs', 'sriov_vf_driver', 'ptp_role', 'max_tx_rate',
          'max_rx_rate', 'ifcapabilities', 'networks', 'networktypelist',
          'created_at', 'updated_at')
ADDRESS_FIELDS = ('ipv4_mode', 'ipv6_mode', 'ipv4_pool', 'ipv6_pool')

_TEXT = {'type': ['string', 'null']}
_NUMBER = {'type': ['integer', 'string', 'null']}
_NAMES = {'type': ['array', 'string', 'null'], 'items': {'type': 'string'}}
CREATE = {
    'type': 'object',
    'properties': {
        'ihost_uuid': {'type': 'string'}, 'forihostid': _NUMBER,
        'ifname': {'type': 'string'},
        'iftype': {'type': 'string'}, 'ifclass': _TEXT, 'imac': _TEXT,
        'imtu': _NUMBER, 'vlan_id': _NUMBER, 'aemode': _TEXT,
        'txhashpolicy': _TEXT, 'primary_reselect': _TEXT,
        'uses': _NAMES, 'usesmodify': _NAMES, 'ports': _NAMES,
        'ipv4_mode': _TEXT, 'ipv6_mode': _TEXT, 'ipv4_pool': _TEXT,
        'ipv6_pool': _TEXT, 'sriov_numvfs': _NUMBER,
        'sriov_vf_driver': _TEXT, 'ptp_role': _TEXT,
        'max_tx_rate': _NUMBER, 'max_rx_rate': _NUMBER,
        'ifcapabilities': {'type': ['object', 'null']},
    },
    'required': ['ifname', 'iftype'],
    'additionalProperties': False,
}


def view(row, expand=True):
    values = logical_base.render(row, FIELDS)
    if row.get('ifclass') in rules.ADDRESS_CLASSES:
        for key in ADDRESS_FIELDS:
            values[key] = row.get(key)
        for family in ('ipv4', 'ipv6'):
            if values[family + '_mode'] != rules.POOL_MODE:
                del values[family + '_pool']
    values['usesmodify'] = None
    values['links'] = base.links('iinterfaces', row['uuid'])
    if expand:
        values['ports'] = base.links('iinterfaces', row['uuid'], 'ports')
    return values


def _page(rows, resource, page, expand=False):
    return base.page_of('iinterfaces', [view(r, expand) for r in rows],
                        resource, page)


class InterfacePortController(rest.RestController):
    """``/v1/iinterfaces/<uuid>/ports`` (read-only): the ports an
    interface takes (StarlingX's client lists them with the
    interfaces)."""

    PARENT_ITEM = True
    SORT_KEYS = ('id', 'uuid', 'name')

    @pecan.expose('json')
    def get_all(self, interface_ident, **kwargs):
        policy.authorize('sysinv:iinterfaces:get', pecan.request.context)
        iface = pecan.request.dbapi.get_interface(interface_ident)
        page = base.parse_page(kwargs, self.SORT_KEYS)
        rows = pecan.request.dbapi.list_inventory(
            'ports', page=page, filters={'interface_id': iface['id']})
        return base.page_of('ports', [port_api.port_view(r) for r in rows],
                            'v1/iinterfaces/%s/ports' % iface['uuid'], page)


class InterfaceController(rest.RestController):
    _custom_actions = {'detail': ['GET']}

    interface_networks = ifnet_api.InterfaceInterfaceNetworkController()
    ports = InterfacePortController()

    def _list(self, kwargs, expand, resource):
        policy.authorize('sysinv:iinterfaces:get', pecan.request.context)
        page = base.parse_page(kwargs, interface_db.SORT_KEYS)
        host_id = None
        ident = kwargs.get('ihost') or kwargs.get('ihost_uuid')
        if ident:
            host_id = pecan.request.dbapi.get_host(ident)['id']
        rows = pecan.request.dbapi.list_interfaces(host_id, page)
        return _page(rows, resource, page, expand)

    @pecan.expose('json')
    def get_all(self, **kwargs):
        return self._list(kwargs, False, 'v1/iinterfaces')

    @pecan.expose('json')
    def detail(self, **kwargs):
        return self._list(kwargs, True, 'v1/iinterfaces/detail')

    @pecan.expose('json')
    def get_one(self, ident):
        policy.authorize('sysinv:iinterfaces:get', pecan.request.context)
        return view(pecan.request.dbapi.get_interface(ident))

    @pecan.expose('json')
    def post(self):
        policy.authorize('sysinv:iinterfaces:modify', pecan.request.context)
        body = validation.validate(validation.json_body(), CREATE)
        if not body.get('ihost_uuid') and not body.get('forihostid'):
            raise exception.ClientSideError(
                reason="body: 'ihost_uuid' is a required property")
        created = pecan.request.rpcapi.create_iinterface(
            pecan.request.context, body)
        return view(created)

    @pecan.expose('json')
    def patch(self, ident):
        policy.authorize('sysinv:iinterfaces:modify', pecan.request.context)
        patch = jsonpatch.validate_patch(validation.json_body())
        allowed = flows.PATCHABLE | {'uuid', 'ihost_uuid', 'iftype'}
        changes = jsonpatch.patch_fields(patch, allowed)
        current = pecan.request.dbapi.get_interface(ident)
        for restated in ('uuid', 'ihost_uuid', 'iftype'):
            if restated in changes and changes[restated] == \
                    current.get(restated):
                changes.pop(restated)
        updated = pecan.request.rpcapi.update_iinterface(
            pecan.request.context, current['uuid'], changes)
        return view(updated)

    @pecan.expose(None, status=204)
    def delete(self, ident):
        policy.authorize('sysinv:iinterfaces:modify', pecan.request.context)
        current = pecan.request.dbapi.get_interface(ident)
        pecan.request.rpcapi.delete_iinterface(pecan.request.context,
                                               current['uuid'])
        pecan.response.status = 204


class HostInterfaceController(base.HostSubCollection):
    """``/v1/ihosts/<host>/iinterfaces`` (read-only)."""

    KEY = 'iinterfaces'
    SORT_KEYS = interface_db.SORT_KEYS

    def list_for_host(self, host, page):
        policy.authorize('sysinv:iinterfaces:get', pecan.request.context)
        return pecan.request.dbapi.list_interfaces(host['id'], page)

    def render_item(self, row):
        return view(row, expand=False)
