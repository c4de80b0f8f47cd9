"""GETs of sysinv-api: version documents, systems, hosts and paging."""
import json
from urllib import parse

import pytest

from sysinv.tests.unit.fixtures import make_host, make_system


def _fault(response):
    return json.loads(response.json['error_message'])


@pytest.fixture
def site(dbapi):
    make_system(dbapi)
    for index in range(3):
        make_host(dbapi, 'worker-%d' % index)
    return dbapi


def test_version_documents(api):
    root = api.get('/').json
    assert root['name'] == 'Titanium SysInv API'
    assert root['versions'][0]['id'] == 'v1'
    v1 = api.get('/v1').json
    assert v1['ihosts'][0]['href'].endswith('/v1/ihosts/')


def test_system_list_and_show(api, site):
    systems = api.get('/v1/isystems').json['isystems']
    assert len(systems) == 1
    system = systems[0]
    assert system['name'] == 'flock'
    assert system['capabilities']['bm_region'] == 'External'
    assert api.get('/v1/isystems/%s' % system['uuid']).json == system
    assert system['created_at'].endswith('+00:00')


def test_host_list_show_and_identity(api, site):
    hosts = api.get('/v1/ihosts').json['ihosts']
    assert [h['hostname'] for h in hosts] == ['controller-0', 'worker-0',
                                              'worker-1', 'worker-2']
    listed = hosts[1]
    for key in ('subfunctions', 'personality', 'peers', 'id', 'uuid',
                'hostname', 'mgmt_ip', 'isystem_uuid'):
        assert key in listed
    assert listed['action'] == 'none'
    assert 'icpus' not in listed
    shown = api.get('/v1/ihosts/worker-0').json
    assert shown['icpus'][0]['href'].endswith(
        '/v1/ihosts/%s/icpus' % shown['uuid'])
    assert api.get('/v1/ihosts/%d' % shown['id']).json == shown
    assert api.get('/v1/ihosts/%s' % shown['uuid']).json == shown
    assert api.get('/v1/ihosts/detail').json['ihosts'][1] == shown


def test_controller_personality_capability(api, site):
    controller = api.get('/v1/ihosts/controller-0').json
    assert controller['capabilities']['Personality'] == 'Controller-Active'
    assert 'Personality' not in api.get(
        '/v1/ihosts/worker-0').json['capabilities']


def test_host_pages_have_next_links(api, site):
    body = api.get('/v1/ihosts?limit=2').json
    assert len(body['ihosts']) == 2
    assert 'limit=2' in body['next'] and 'marker=' in body['next']
    link = parse.urlsplit(body['next'])
    rest = api.get('%s?%s' % (link.path, link.query)).json
    assert [h['hostname'] for h in rest['ihosts']] == ['worker-1',
                                                        'worker-2']
    assert api.get('/v1/ihosts?personality=controller').json[
        'ihosts'][0]['hostname'] == 'controller-0'


def test_bad_list_parameters_are_400(api, site):
    for query in ('limit=0', 'limit=x', 'sort_key=nope', 'sort_dir=up',
                  'marker=nope'):
        response = api.get('/v1/ihosts?' + query, expect_errors=True)
        assert response.status_int == 400, query
        assert _fault(response)['faultcode'] == 'Client'


def test_missing_host_is_404(api, site):
    response = api.get('/v1/ihosts/worker-9', expect_errors=True)
    assert response.status_int == 404
    assert 'worker-9' in _fault(response)['faultstring']


def test_system_post_and_delete_are_refused(api, site):
    uuid = api.get('/v1/isystems').json['isystems'][0]['uuid']
    assert api.post_json('/v1/isystems', {}, expect_errors=True
                         ).status_int == 403
    assert api.delete('/v1/isystems/%s' % uuid, expect_errors=True
                      ).status_int == 403
