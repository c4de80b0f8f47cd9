"""/v1/idns and /v1/intp: the single DNS and NTP rows (list, show,
PATCH with the server list and ``/action`` = ``apply``; POST and DELETE
refused, as StarlingX).

A PATCH goes to the conductor, which checks the list
(:mod:`sysinv.conductor.config_rules`), stores it and, on ``apply``,
pushes it to the agents of the controllers.
"""
import pecan
from pecan import rest

from stx_common.api import jsonpatch, validation
from sysinv import exception
from sysinv import policies as policy
from sysinv.api.controllers.v1 import base, logical_base
from sysinv.conductor import config as runtime_config

SORT_KEYS = ('id', 'uuid')
ACTIONS = (runtime_config.ACTION_APPLY, runtime_config.ACTION_INSTALL)
RESTRICTED = ('/uuid', '/id', '/forisystemid', '/isystem_uuid')


def view(row, servers_field, resource, expand=True):
    fields = ['uuid', servers_field, 'isystem_uuid', 'created_at',
              'updated_at']
    if expand:
        fields.insert(2, 'forisystemid')
    values = logical_base.render(row, fields)
    if expand:
        values['action'] = None
    values['links'] = base.links(resource, row['uuid'])
    return values


def parse_patch(patch, servers_field):
    """(servers or None when untouched, action)."""
    patch = jsonpatch.validate_patch(patch)
    action = None
    servers = None
    for op in patch:
        if op['path'] == '/action':
            if op.get('value') in ACTIONS:
                action = op['value']
            continue
        if op['path'] in RESTRICTED:
            raise exception.ClientSideError(
                reason='The following fields can not be modified: %s'
                       % list(RESTRICTED))
        if op['path'] != '/' + servers_field:
            raise jsonpatch.InvalidPatch(reason="'%s' cannot be changed"
                                         % op['path'])
        servers = '' if op['op'] == 'remove' else op.get('value')
    return servers, action


class _SingleRowController(rest.RestController):
    RESOURCE = None
    KEY = None
    FIELD = None
    POLICY = None

    def _authorize(self, write=False):
        policy.authorize('sysinv:%s:%s' % (self.POLICY, 'modify' if write
                                           else 'get'),
                         pecan.request.context)

    def _rows(self, page):
        raise NotImplementedError

    def _row(self, ident):
        raise NotImplementedError

    def _modify(self, row, servers, action):
        raise NotImplementedError

    @pecan.expose('json')
    def get_all(self, **kwargs):
        self._authorize()
        page = base.parse_page(kwargs, SORT_KEYS)
        rows = self._rows(page)
        return base.page_of(self.KEY, [view(r, self.FIELD, self.RESOURCE,
                                            expand=False) for r in rows],
                            'v1/' + self.RESOURCE, page)

    @pecan.expose('json')
    def get_one(self, ident):
        self._authorize()
        return view(self._row(ident), self.FIELD, self.RESOURCE)

    @pecan.expose('json')
    def post(self, *args, **kwargs):
        self._authorize(write=True)
        raise exception.OperationNotPermitted()

    @pecan.expose('json')
    def patch(self, ident):
        self._authorize(write=True)
        servers, action = parse_patch(validation.json_body(), self.FIELD)
        row = self._row(ident)
        if servers is None:
            servers = row.get(self.FIELD) or ''
        updated = self._modify(row, servers, action)
        return view(updated, self.FIELD, self.RESOURCE)

    @pecan.expose('json')
    def delete(self, ident):
        self._authorize(write=True)
        raise exception.OperationNotPermitted()


class DNSController(_SingleRowController):
    RESOURCE = 'idns'
    KEY = 'idnss'
    FIELD = 'nameservers'
    POLICY = 'idns'

    def _rows(self, page):
        return pecan.request.dbapi.list_idns(page)

    def _row(self, ident):
        return pecan.request.dbapi.get_idns(ident)

    def _modify(self, row, servers, action):
        return pecan.request.rpcapi.modify_dns(
            pecan.request.context, row['uuid'], servers, action)


class NTPController(_SingleRowController):
    RESOURCE = 'intp'
    KEY = 'intps'
    FIELD = 'ntpservers'
    POLICY = 'intp'

    def _rows(self, page):
        return pecan.request.dbapi.list_intp(page)

    def _row(self, ident):
        return pecan.request.dbapi.get_intp(ident)

    def _modify(self, row, servers, action):
        return pecan.request.rpcapi.modify_ntp(
            pecan.request.context, row['uuid'], servers, action)
