"""Version discovery documents (``GET /`` and ``GET /v1``)."""
import pecan

from stx_common.api import collection


def _link(href, rel):
    return {'href': href, 'rel': rel}


def root(name, description):
    """``GET /``: the API's name and its one version, v1."""
    base = collection.base_url(pecan.request)
    v1 = {'id': 'v1', 'status': 'CURRENT',
          'links': [_link(base + '/v1/', 'self')]}
    return {'name': name, 'description': description, 'versions': [v1],
            'default_version': v1}


def v1(media_type, resources):
    """``GET /v1``: links to each resource collection."""
    base = collection.base_url(pecan.request)
    document = {'id': 'v1', 'links': [_link(base + '/v1/', 'self')],
                'media_types': [{'base': 'application/json',
                                 'type': media_type}]}
    for name in resources:
        document[name] = [_link('%s/v1/%s/' % (base, name), 'self'),
                          _link('%s/%s/' % (base, name), 'bookmark')]
    return document
