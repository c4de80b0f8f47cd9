"""The OpenAPI 3 document of each API, and what keeps it true.

Each service keeps a hand-written ``openapi.yaml`` beside its controllers
(optionally with fragments in ``openapi.d/``);
:class:`OpenAPIController` serves it as ``/openapi.json`` and
:func:`collect_routes` walks the pecan controller tree so a test can check
that every route is documented and every documented route exists.
"""
import functools
import glob
import inspect
import os
import re

import pecan
from pecan import rest
import yaml

# Methods of a RestController and the (verb, on item?) they serve.
_REST_METHODS = {
    'get_all': ('GET', False), 'get_one': ('GET', True),
    'post': ('POST', False), 'put': ('PUT', True),
    'patch': ('PATCH', True), 'delete': ('DELETE', True),
}


@functools.cache
def load_document(path):
    """The document at ``path``, merged with every fragment in
    ``<path without .yaml>.d/*.yaml`` (their ``paths`` and
    ``components`` are added), so each area of an API can document its
    routes in a file of its own."""
    with open(path) as handle:
        document = yaml.safe_load(handle)
    fragments = os.path.splitext(path)[0] + '.d'
    for name in sorted(glob.glob(os.path.join(fragments, '*.yaml'))):
        with open(name) as handle:
            fragment = yaml.safe_load(handle) or {}
        for path_key, item in fragment.get('paths', {}).items():
            if path_key in document.setdefault('paths', {}):
                raise ValueError('%s documents %s again' % (name, path_key))
            document['paths'][path_key] = item
        for section, entries in fragment.get('components', {}).items():
            document.setdefault('components', {}).setdefault(
                section, {}).update(entries)
    return document


class OpenAPIController:
    """Serves one document at the path it is mounted on."""

    def __init__(self, path):
        self.path = path

    @pecan.expose('json')
    def index(self):
        return load_document(self.path)


def normalize(path):
    """``/v1/alarms/{uuid}`` and ``/v1/alarms/{id}`` are the same route."""
    return re.sub(r'\{[^}]*\}', '{}', path.rstrip('/') or '/')


def _children(controller):
    for name, value in inspect.getmembers(controller):
        if name.startswith('_'):
            continue
        if isinstance(value, rest.RestController) or (
                hasattr(type(value), 'index') and
                getattr(type(value).index, 'exposed', False)):
            yield name, value


def collect_routes(controller, prefix=''):
    """Every (METHOD, path) the controller tree serves.

    A RestController child mounted under an item (``/ihosts/{id}/icpus``)
    declares ``PARENT_ITEM = True``; routes it also serves from the top
    are collected where it is mounted there.
    """
    routes = set()
    if isinstance(controller, OpenAPIController):
        return {('GET', prefix or '/')}
    if isinstance(controller, rest.RestController):
        for method, (verb, on_item) in _REST_METHODS.items():
            if method in type(controller).__dict__ or any(
                    method in k.__dict__ for k in type(controller).__mro__
                    if k not in (rest.RestController, object)):
                routes.add((verb, prefix + ('/{id}' if on_item else '')))
        for action, verbs in getattr(controller, '_custom_actions',
                                     {}).items():
            for verb in verbs:
                routes.add((verb.upper(), '%s/%s' % (prefix, action)))
    else:
        index = getattr(type(controller), 'index', None)
        if index is not None and getattr(index, 'exposed', False):
            routes.add(('GET', prefix or '/'))
    for name, child in _children(controller):
        if child is controller:
            continue
        if getattr(child, 'PARENT_ITEM', False):
            path = '%s/{id}/%s' % (prefix, name)
        else:
            path = '%s/%s' % (prefix, name)
        routes |= collect_routes(child, path)
    return routes


def documented_routes(document):
    """Every (METHOD, path) the OpenAPI document describes."""
    routes = set()
    for path, item in document.get('paths', {}).items():
        for verb in item:
            if verb.lower() in ('get', 'post', 'put', 'patch', 'delete'):
                routes.add((verb.upper(), path))
    return routes


def compare(root, document):
    """(routes missing from the document, documented routes not served)."""
    served = {(v, normalize(p)) for v, p in collect_routes(root)}
    documented = {(v, normalize(p)) for v, p in
                  documented_routes(document)}
    return sorted(served - documented), sorted(documented - served)
