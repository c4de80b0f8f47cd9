"""sysinv-api with auth_strategy=keystone against a real Keystone: tokens
on every route, RBAC by role, maintenance recognised by User-Agent *and*
the service role."""
import json

import pytest
import requests
import yaml

from sysinv.api import app
from sysinv.tests.functional import fixtures

pytestmark = [pytest.mark.functional, pytest.mark.keystone]

PUBLIC = {'/', '/v1', '/openapi.json'}
STATES = [{'op': 'replace', 'path': '/availability', 'value': 'online'},
          {'op': 'replace', 'path': '/task', 'value': 'Testing'}]


@pytest.fixture(scope='module')
def secured(tmp_path_factory, keystone, rabbit_vhost):
    from stx_common.testing import postgres

    database = postgres.Database().create()
    service = fixtures.SysinvService(
        tmp_path_factory.mktemp('sysinv'), database.url, rabbit_vhost.url,
        auth_strategy='keystone', keystone=keystone).start(fixtures.SITE)
    yield service
    service.stop()
    database.drop()


def _routes():
    with open(app.OPENAPI) as handle:
        document = yaml.safe_load(handle)
    for path, item in document['paths'].items():
        for verb in item:
            if verb in ('get', 'post', 'put', 'patch', 'delete'):
                yield verb.upper(), path


def _fault(response):
    return json.loads(response.json()['error_message'])['faultstring']


@pytest.mark.parametrize('verb, path', sorted(_routes()))
def test_no_token_is_401_on_every_route(secured, verb, path):
    url = secured.url + path.replace('{uuid}', 'x' * 36).replace(
        '{ihost}', 'controller-0')
    response = requests.request(verb, url, json=[] if verb in (
        'POST', 'PUT', 'PATCH') else None, timeout=30)
    if path in PUBLIC:
        assert response.status_code == 200
        return
    assert response.status_code == 401
    fault = json.loads(response.json()['error_message'])
    assert fault['faultcode'] == 'Client'


def test_a_bogus_token_is_401(secured):
    assert secured.get('/v1/ihosts', token='bogus').status_code == 401


def test_reader_reads_but_cannot_write(secured, keystone):
    token = keystone.token('reader-user')
    assert secured.get('/v1/ihosts', token=token).status_code == 200
    assert secured.get('/v1/isystems', token=token).status_code == 200
    denied = [
        secured.action('controller-0', 'lock', token),
        secured.post('/v1/ihosts', {'hostname': 'worker-0',
                                    'personality': 'worker',
                                    'mgmt_mac': '08:00:27:0f:0a:01'}, token),
        secured.request('DELETE', '/v1/ihosts/controller-0', token),
    ]
    for response in denied:
        assert response.status_code == 403, response.text
        assert 'sysinv:ihosts:' in _fault(response)


@pytest.mark.parametrize('user', ['operator-user', 'configurator-user',
                                  'admin'])
def test_who_may_run_host_actions(secured, keystone, user):
    token = keystone.token(user)
    response = secured.action('controller-0', 'lock', token)
    assert response.status_code == 400  # past the policy: already locked
    assert "already 'locked' host controller-0" in _fault(response)


def test_operators_do_not_modify_the_system(secured, keystone):
    uuid = secured.get('/v1/isystems', token=keystone.token('admin')).json(
    )['isystems'][0]['uuid']
    ops = [{'op': 'replace', 'path': '/description', 'value': 'x'}]
    assert secured.patch('/v1/isystems/%s' % uuid, ops,
                         keystone.token('operator-user')).status_code == 403
    response = secured.patch('/v1/isystems/%s' % uuid, ops,
                             keystone.token('configurator-user'))
    assert response.status_code == 200
    assert response.json()['description'] == 'x'


def test_maintenance_needs_its_user_agent_and_the_service_role(secured,
                                                               keystone):
    service_token = keystone.token('service-user')
    response = secured.patch('/v1/ihosts/controller-0', STATES,
                             service_token, user_agent='mtce/1.0')
    assert response.status_code == 200, response.text
    assert (response.json()['availability'], response.json()['task']) == (
        'online', 'Testing')
    others = [dict(op, value='offline' if op['path'] == '/availability'
                   else 'Enabling') for op in STATES]
    # the header alone is not enough ...
    response = secured.patch('/v1/ihosts/controller-0', others,
                             keystone.token('admin'), user_agent='mtce/1.0')
    assert response.status_code == 400
    assert 'contains restricted' in _fault(response)
    # ... nor the role alone
    response = secured.patch('/v1/ihosts/controller-0', others,
                             service_token)
    assert response.status_code == 400
    assert 'contains restricted' in _fault(response)


def test_bad_input_with_a_token_is_4xx_never_500(secured, keystone):
    token = keystone.token('admin')
    checks = [
        ('GET', '/v1/ihosts/nobody', None, 404),
        ('GET', '/v1/ihosts?limit=abc', None, 400),
        ('POST', '/v1/ihosts', {'mgmt_mac': 'x'}, 400),
        ('PATCH', '/v1/ihosts/controller-0', [{'op': 'jump'}], 400),
        ('PATCH', '/v1/ihosts/controller-0',
         [{'op': 'replace', 'path': '/action', 'value': 'fly'}], 400),
        ('DELETE', '/v1/ihosts/controller-0', None, 400),
        ('DELETE', '/v1/ihosts/controller-9', None, 404),
    ]
    for verb, path, body, status in checks:
        response = secured.request(verb, path, token, json=body)
        assert response.status_code == status, (verb, path, response.text)
        assert 'error_message' in response.json()
