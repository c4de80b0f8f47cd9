"""Pagination of list requests: ``limit``, ``marker``, ``sort_key``,
``sort_dir`` and the ``next`` link, as StarlingX's collections have them.
"""
import dataclasses
from urllib import parse

from oslo_config import cfg

from stx_common import exception

CONF = cfg.CONF

SORT_DIRS = ('asc', 'desc')


@dataclasses.dataclass(frozen=True)
class Page:
    """A validated page request.

    ``sort_key`` None means the collection's own default order (which may
    sort on several columns); ``sort_dir`` is then that order's direction.
    """

    limit: int
    marker: str | None
    sort_key: str | None
    sort_dir: str


def _to_int(name, value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise exception.Invalid(reason='%s must be an integer, not %r'
                                % (name, value)) from None
    return number


def parse_page(limit=None, marker=None, sort_key=None, sort_dir=None,
               sort_keys=('id',), default_sort_dir='asc'):
    """Validate the paging parameters of a list request.

    :param sort_keys: the keys this collection can be sorted by.
    :raises Invalid: for a non-positive limit, an unknown sort key or
        direction.
    """
    if limit is None or limit == '':
        size = CONF.api.limit_max
    else:
        size = _to_int('limit', limit)
        if size <= 0:
            raise exception.Invalid(reason='limit must be positive')
        size = min(size, CONF.api.limit_max)
    key = sort_key or None
    if key is not None and key not in sort_keys:
        raise exception.Invalid(reason='sort_key %r is not one of: %s'
                                % (key, ', '.join(sort_keys)))
    direction = (sort_dir or default_sort_dir).lower()
    if direction not in SORT_DIRS:
        raise exception.Invalid(reason="sort_dir must be 'asc' or 'desc'")
    return Page(size, marker or None, key, direction)


def base_url(request):
    return (CONF.api.public_endpoint or request.host_url).rstrip('/')


def next_link(request, resource, items, page, marker_field='uuid',
              **extra):
    """The ``next`` URL of a full page, or None after the last page.

    :param resource: collection path under the API root (``v1/alarms``).
    :param items: the dicts or rows returned for this page.
    """
    if not items or len(items) < page.limit:
        return None
    last = items[-1]
    marker = (last[marker_field] if isinstance(last, dict)
              else getattr(last, marker_field))
    params = [('limit', page.limit)]
    params += [(k, v) for k, v in extra.items() if v not in (None, '')]
    if page.sort_key is not None:
        params += [('sort_key', page.sort_key), ('sort_dir', page.sort_dir)]
    params.append(('marker', marker))
    return '%s/%s?%s' % (base_url(request), resource.strip('/'),
                         parse.urlencode(params))
