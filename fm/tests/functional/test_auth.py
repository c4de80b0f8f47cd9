"""fm-api with auth_strategy=keystone against a real Keystone."""
import json

import pytest
import requests
import yaml

from fm.api import app
from fm.tests.functional import fixtures
from stx_common.alarms import client
from stx_common.contracts import alarm as contract

pytestmark = [pytest.mark.functional, pytest.mark.keystone]

PUBLIC = {'/', '/openapi.json'}


@pytest.fixture(scope='module')
def secured(tmp_path_factory, keystone, rabbit_vhost):
    from stx_common.testing import postgres

    database = postgres.Database().create()
    service = fixtures.FMService(tmp_path_factory.mktemp('fm'),
                                 database.url, rabbit_vhost.url,
                                 auth_strategy='keystone',
                                 keystone=keystone).start()
    yield service
    service.stop()
    database.drop()


@pytest.fixture
def alarm(conf, tmp_path, secured):
    conf(transport_url=secured.transport_url)
    alarms = client.AlarmClient(name='auth', spool_dir=str(tmp_path))
    uuid = alarms.set_fault(contract.Fault(
        alarm_id='200.001', alarm_state='set', entity_type_id='host',
        entity_instance_id='host=worker-0', severity='warning',
        reason_text='worker-0 was administratively locked',
        alarm_type='operational-violation',
        probable_cause='out-of-service', suppression=True))
    alarms.close()
    yield uuid


def _routes():
    with open(app.OPENAPI) as handle:
        document = yaml.safe_load(handle)
    for path, item in document['paths'].items():
        for verb in item:
            if verb in ('get', 'post', 'put', 'patch', 'delete'):
                yield verb.upper(), path


@pytest.mark.parametrize('verb, path', sorted(_routes()))
def test_no_token_is_401_on_every_route(secured, verb, path):
    url = secured.url + path.replace('{uuid}', 'x' * 36)
    response = requests.request(verb, url, json=[] if verb in (
        'POST', 'PUT', 'PATCH') else None, timeout=30)
    if path in PUBLIC:
        assert response.status_code == 200
        return
    assert response.status_code == 401
    fault = json.loads(response.json()['error_message'])
    assert fault['faultcode'] == 'Client'
    assert 'Keystone' in response.headers.get('WWW-Authenticate', '')


def test_a_bogus_token_is_401(secured):
    assert secured.get('/v1/alarms', token='bogus').status_code == 401


def test_reader_reads_but_cannot_delete(secured, keystone, alarm):
    token = keystone.token('reader-user')
    rows = secured.wait_for_alarms(lambda rows: rows, token=token)
    assert rows[0]['uuid'] == alarm
    response = requests.delete('%s/v1/alarms/%s' % (secured.url, alarm),
                               headers={'X-Auth-Token': token}, timeout=30)
    assert response.status_code == 403
    fault = json.loads(response.json()['error_message'])
    assert 'fm:alarm:delete' in fault['faultstring']
    assert secured.get('/v1/alarms/%s' % alarm, token=token).ok


def test_admin_deletes(secured, keystone, alarm):
    token = keystone.token('admin')
    secured.wait_for_alarms(lambda rows: rows, token=token)
    response = requests.delete('%s/v1/alarms/%s' % (secured.url, alarm),
                               headers={'X-Auth-Token': token}, timeout=30)
    assert response.status_code == 204
    assert secured.get('/v1/alarms/%s' % alarm,
                       token=token).status_code == 404


@pytest.mark.parametrize('user, status', [
    ('configurator-user', 200), ('operator-user', 403),
    ('reader-user', 403)])
def test_who_may_suppress(secured, keystone, user, status):
    token = keystone.token(user)
    records = secured.get('/v1/event_suppression', token=token).json()[
        'event_suppression']
    uuid = records[0]['uuid']
    response = requests.patch(
        '%s/v1/event_suppression/%s' % (secured.url, uuid),
        json=[{'op': 'replace', 'path': '/suppression_status',
               'value': 'unsuppressed'}],
        headers={'X-Auth-Token': token}, timeout=30)
    assert response.status_code == status


def test_bad_input_with_a_token_is_4xx_never_500(secured, keystone):
    token = keystone.token('admin')
    headers = {'X-Auth-Token': token}
    checks = [
        ('GET', '/v1/alarms/00000000-0000-0000-0000-000000000000', None,
         404),
        ('GET', '/v1/alarms?q.field=severity&q.value=x&q.op=zz', None, 400),
        ('GET', '/v1/alarms?q.field=nonsense&q.value=x', None, 400),
        ('PATCH', '/v1/event_suppression/nope', [{'op': 'replace',
                                                  'path': '/x'}], 400),
        ('POST', '/v1/alarms', {'alarm_id': '999.999', 'alarm_state': 'set',
                                'entity_instance_id': 'host=x',
                                'severity': 'major',
                                'entity_type_id': 'host',
                                'alarm_type': 'equipment',
                                'probable_cause': 'unknown'}, 400),
    ]
    for verb, path, body, status in checks:
        response = requests.request(verb, secured.url + path, json=body,
                                    headers=headers, timeout=30)
        assert response.status_code == status, (verb, path, response.text)
        assert 'error_message' in response.json()
