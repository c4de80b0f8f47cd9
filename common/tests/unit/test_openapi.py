import pecan
from pecan import rest

from stx_common.api import openapi


class Things(rest.RestController):
    _custom_actions = {'summary': ['GET']}

    @pecan.expose('json')
    def get_all(self):
        return {}

    @pecan.expose('json')
    def get_one(self, uuid):
        return {}

    @pecan.expose('json')
    def delete(self, uuid):
        return None

    @pecan.expose('json')
    def summary(self):
        return {}


class Parts(rest.RestController):
    PARENT_ITEM = True

    @pecan.expose('json')
    def get_all(self, thing):
        return {}


class ThingsWithParts(Things):
    def __init__(self):
        self.parts = Parts()


class V1:
    def __init__(self):
        self.things = ThingsWithParts()

    @pecan.expose('json')
    def index(self):
        return {}


class Root:
    def __init__(self):
        self.v1 = V1()
        pecan.route(self, 'openapi.json', openapi.OpenAPIController('x'))

    @pecan.expose('json')
    def index(self):
        return {}


def test_collect_routes_walks_the_tree():
    assert openapi.collect_routes(Root()) == {
        ('GET', '/'), ('GET', '/openapi.json'), ('GET', '/v1'),
        ('GET', '/v1/things'), ('GET', '/v1/things/{id}'),
        ('DELETE', '/v1/things/{id}'), ('GET', '/v1/things/summary'),
        ('GET', '/v1/things/{id}/parts'),
    }


def test_compare_reports_both_directions():
    document = {'paths': {
        '/': {'get': {}}, '/openapi.json': {'get': {}}, '/v1': {'get': {}},
        '/v1/things': {'get': {}, 'post': {}},
        '/v1/things/{uuid}': {'get': {}, 'delete': {}, 'parameters': []},
        '/v1/things/{thing}/parts': {'get': {}},
    }}
    missing, extra = openapi.compare(Root(), document)
    assert missing == [('GET', '/v1/things/summary')]
    assert extra == [('POST', '/v1/things')]
