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


def test_fragments_are_merged(tmp_path):
    main = tmp_path / 'openapi.yaml'
    main.write_text('openapi: 3.0.3\npaths:\n  /a: {get: {}}\n'
                    'components:\n  schemas:\n    A: {type: object}\n')
    (tmp_path / 'openapi.d').mkdir()
    (tmp_path / 'openapi.d' / 'b.yaml').write_text(
        'paths:\n  /b: {get: {}}\ncomponents:\n  schemas:\n'
        '    B: {type: object}\n')
    document = openapi.load_document(str(main))
    assert set(document['paths']) == {'/a', '/b'}
    assert set(document['components']['schemas']) == {'A', 'B'}


def test_a_route_documented_twice_is_an_error(tmp_path):
    import pytest

    main = tmp_path / 'openapi.yaml'
    main.write_text('paths:\n  /a: {get: {}}\n')
    (tmp_path / 'openapi.d').mkdir()
    (tmp_path / 'openapi.d' / 'again.yaml').write_text(
        'paths:\n  /a: {get: {}}\n')
    with pytest.raises(ValueError):
        openapi.load_document(str(main))
