"""What every v1 controller shares: links, pages, wire forms of rows, and
the read-only sub-collection of a host.

A resource controller lists with :func:`page_of` and renders rows with
:func:`render`; a collection shown under a host (``/v1/ihosts/<host>/x``)
subclasses :class:`HostSubCollection` and is mounted as an attribute of
the host controller (StarlingX: sub-collections are read-only lists,
items are read and changed at the top-level URL).
"""
import datetime

import pecan
from pecan import rest

from stx_common.api import collection
from sysinv import policies


def timestamp(value):
    """StarlingX's form: ISO 8601 with an explicit UTC offset."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return value.isoformat()
    return value


def render(row, fields):
    """``{field: value}`` for ``fields``, timestamps in wire form."""
    return {field: timestamp(row.get(field)) for field in fields}


def links(resource, ident, sub=None):
    """self + bookmark links of an item (or of its sub-collection)."""
    base = collection.base_url(pecan.request)
    path = '%s/%s' % (resource, ident)
    if sub:
        path = '%s/%s' % (path, sub)
    return [{'href': '%s/v1/%s' % (base, path), 'rel': 'self'},
            {'href': '%s/%s' % (base, path), 'rel': 'bookmark'}]


def parse_page(kwargs, sort_keys):
    """The validated paging parameters of a list request."""
    return collection.parse_page(kwargs.get('limit'), kwargs.get('marker'),
                                 kwargs.get('sort_key'),
                                 kwargs.get('sort_dir'), sort_keys=sort_keys)


def page_of(key, items, resource, page, **extra):
    """``{key: items}`` plus ``next`` when the page is full."""
    body = {key: items}
    link = collection.next_link(pecan.request, resource, items, page,
                                **extra)
    if link:
        body['next'] = link
    return body


class HostSubCollection(rest.RestController):
    """A read-only list under ``/v1/ihosts/<host>/<name>``.

    A subclass sets ``KEY`` (the collection key) and implements
    :meth:`list_for_host` (rows of one host, for a page); item reads and
    every write go to the top-level controller.
    """

    PARENT_ITEM = True
    KEY = None
    SORT_KEYS = ('id', 'uuid')
    POLICY = None

    def list_for_host(self, host, page):
        raise NotImplementedError

    def render_item(self, row):
        raise NotImplementedError

    @pecan.expose('json')
    def get_all(self, host_ident, **kwargs):
        if self.POLICY:
            policies.authorize(self.POLICY, pecan.request.context)
        host = pecan.request.dbapi.get_host(host_ident)
        page = parse_page(kwargs, self.SORT_KEYS)
        rows = self.list_for_host(host, page)
        items = [self.render_item(r) for r in rows]
        return page_of(self.KEY, items, 'v1/ihosts/%s/%s' % (
            host['uuid'], self.KEY), page)
