"""/v1/labels: host labels. ``GET /v1/labels`` (every host),
``GET /v1/labels/<uuid>``, ``POST /v1/labels/<host>?overwrite=`` with a
``{key: value}`` body, ``DELETE /v1/labels/<uuid>``; a host's list is
``/v1/ihosts/<host>/labels``.

As in StarlingX the POST names the host in the path: pecan reaches it
through :meth:`LabelController._lookup`, and the ``_custom_actions`` entry
``{host_uuid}`` names that route for the route/OpenAPI check (it matches
no real request).
"""
import pecan
from pecan import rest

from stx_common.api import validation
from sysinv import policies as policy
from sysinv.api.controllers.v1 import base, logical_base
from sysinv.db.api import labels as label_db

FIELDS = ('uuid', 'host_uuid', 'label_key', 'label_value')
BODY = {'type': 'object',
        'additionalProperties': {'type': ['string', 'null']},
        'minProperties': 1}


def view(row):
    return logical_base.render(row, FIELDS)


def _authorize(write=False):
    policy.authorize('sysinv:labels:%s' % ('modify' if write else 'get'),
                     pecan.request.context)


class HostLabelAssignController(rest.RestController):
    """``POST /v1/labels/<host>``: assign labels to one host."""

    def __init__(self, host_ident):
        self.host_ident = host_ident

    @pecan.expose('json')
    def post(self, overwrite=None, **kwargs):
        _authorize(write=True)
        overwrite = validation.boolean('overwrite', overwrite)
        body = validation.validate(validation.json_body(), BODY)
        host = pecan.request.dbapi.get_host(self.host_ident)
        rows = pecan.request.rpcapi.assign_labels(
            pecan.request.context, host['uuid'], body, overwrite)
        return {'labels': [view(r) for r in rows]}


class LabelController(rest.RestController):
    _custom_actions = {'{host_uuid}': ['POST']}

    @pecan.expose('json')
    def get_all(self, **kwargs):
        _authorize()
        page = base.parse_page(kwargs, label_db.SORT_KEYS)
        rows = pecan.request.dbapi.list_labels(page=page)
        return base.page_of('labels', [view(r) for r in rows], 'v1/labels',
                            page)

    @pecan.expose('json')
    def get_one(self, ident):
        _authorize()
        return view(pecan.request.dbapi.get_label(ident))

    @pecan.expose(None, status=204)
    def delete(self, ident):
        _authorize(write=True)
        row = pecan.request.dbapi.get_label(ident)
        pecan.request.rpcapi.delete_label(pecan.request.context, row['uuid'])
        pecan.response.status = 204

    @pecan.expose()
    def _lookup(self, host_ident=None, *remainder):
        if host_ident and pecan.request.method == 'POST' and not remainder:
            return HostLabelAssignController(host_ident), remainder
        return None


class HostLabelController(base.HostSubCollection):
    """``/v1/ihosts/<host>/labels`` (read-only)."""

    KEY = 'labels'
    SORT_KEYS = label_db.SORT_KEYS

    def list_for_host(self, host, page):
        _authorize()
        return pecan.request.dbapi.list_labels(host['id'], page)

    def render_item(self, row):
        return view(row)
