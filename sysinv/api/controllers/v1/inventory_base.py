"""What the hardware resources share: their policy rule names, the top-level
collection (``/v1/<name>``: list, item by id or uuid) and the read-only
list under a host (``/v1/ihosts/<host>/<name>``).

A resource module (``cpu.py``, ``memory.py``, ...) names its category of
:mod:`sysinv.db.api.inventory`, its collection key and its wire fields,
and subclasses :class:`Collection` and :class:`HostCollection`.
"""
import pecan
from pecan import rest

from sysinv import exception, policies
from sysinv.api.controllers.v1 import base
from sysinv.db.api import inventory as inv_db
from sysinv.policies import inventory as policy_rules

READ_RULE = policy_rules.READ_RULE
CPU_MODIFY_RULE = policy_rules.CPU_MODIFY_RULE
MEMORY_MODIFY_RULE = policy_rules.MEMORY_MODIFY_RULE
authorize = policies.authorize


def view(row, fields, resource, extra_links=(), **constant):
    """The wire form of a row: ``fields``, ``links`` and the links to the
    item's own sub-collections (``extra_links``)."""
    values = base.render(row, fields)
    values.update(constant)
    values['links'] = base.links(resource, row['uuid'])
    for name in extra_links:
        values[name] = base.links(resource, row['uuid'], name)
    return values


class Collection(rest.RestController):
    """``GET /v1/<KEY>`` (every host's rows) and ``GET /v1/<KEY>/<id>``."""

    CATEGORY = None
    KEY = None
    FILTERS = None

    def render_item(self, row):
        raise NotImplementedError

    @pecan.expose('json')
    def get_all(self, **kwargs):
        authorize(READ_RULE, pecan.request.context)
        page = base.parse_page(kwargs, inv_db.SORT_KEYS[self.CATEGORY])
        rows = pecan.request.dbapi.list_inventory(
            self.CATEGORY, None, page, self.FILTERS)
        return base.page_of(self.KEY, [self.render_item(r) for r in rows],
                            'v1/%s' % self.KEY, page)

    @pecan.expose('json')
    def get_one(self, ident):
        authorize(READ_RULE, pecan.request.context)
        row = pecan.request.dbapi.get_inventory_item(self.CATEGORY, ident)
        if self.FILTERS and any(row.get(k) != v
                                for k, v in self.FILTERS.items()):
            raise exception.NotFound('%s %s could not be found.' % (
                inv_db.NAMES[self.CATEGORY], ident))
        return self.render_item(row)


class HostCollection(base.HostSubCollection):
    """``GET /v1/ihosts/<host>/<KEY>``: one host's rows."""

    CATEGORY = None
    FILTERS = None
    POLICY = None

    def __init__(self):
        super().__init__()
        self.SORT_KEYS = inv_db.SORT_KEYS[self.CATEGORY]

    def list_for_host(self, host, page):
        authorize(READ_RULE, pecan.request.context)
        return pecan.request.dbapi.list_inventory(
            self.CATEGORY, host['id'], page, self.FILTERS)
