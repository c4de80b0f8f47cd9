"""fm-api end to end in-process: real controllers, real DB API on SQLite,
the real manager endpoints called directly (no transport)."""
import json

import pytest
import webtest

from fm.api import app
from fm.tests.unit.fixtures import cleared, fault, raised
from stx_common.api import openapi


@pytest.fixture
def api(synced, local_manager):
    return webtest.TestApp(app.make_app(synced, local_manager,
                                        auth_strategy='noauth'))


@pytest.fixture
def populated(synced):
    synced.store_events([
        raised(fault('200.004', 'host=worker-0')),
        raised(fault('200.006', 'host=worker-0.process=pmond',
                     severity='major')),
        raised(fault('100.101', 'host=controller-0', severity='minor')),
    ])
    return synced


def _fault_of(response):
    return json.loads(response.json['error_message'])


def test_list_brief_fields(api, populated):
    body = api.get('/v1/alarms').json
    assert 'next' not in body
    alarms = body['alarms']
    assert [a['alarm_id'] for a in alarms] == ['200.004', '200.006',
                                               '100.101']
    assert set(alarms[0]) == {'uuid', 'alarm_id', 'entity_instance_id',
                              'severity', 'timestamp', 'reason_text',
                              'mgmt_affecting', 'degrade_affecting',
                              'suppression_status'}
    assert alarms[0]['mgmt_affecting'] == 'True'
    assert alarms[0]['degrade_affecting'] == 'False'
    assert alarms[1]['degrade_affecting'] == 'True'   # 200.006 >= major


def test_detail_and_show_have_every_field(api, populated):
    full = api.get('/v1/alarms/detail').json['alarms'][0]
    assert {'alarm_type', 'probable_cause', 'service_affecting',
            'alarm_state', 'entity_type_id'} <= set(full)
    shown = api.get('/v1/alarms/%s' % full['uuid']).json
    assert shown == full
    assert api.get('/v1/alarms?expand=True').json['alarms'][0] == full


def test_unversioned_paths_route_to_v1(api, populated):
    assert api.get('/alarms').json == api.get('/v1/alarms').json
    assert api.get('/event_log').json == api.get('/v1/event_log').json
    assert api.get('/event_suppression').json['event_suppression']


def test_summary(api, populated):
    summary = api.get('/v1/alarms/summary').json
    assert summary == {'critical': 1, 'major': 1, 'minor': 1,
                       'warnings': 0, 'status': 'critical',
                       'system_uuid': None}


def test_query_filters(api, populated):
    rows = api.get('/v1/alarms', {'q.field': 'severity', 'q.op': 'eq',
                                  'q.value': 'major'}).json['alarms']
    assert [r['alarm_id'] for r in rows] == ['200.006']


def test_paging_with_next_links(api, populated):
    first = api.get('/v1/alarms?limit=2').json
    assert len(first['alarms']) == 2
    second = api.get(first['next'].split('localhost', 1)[1]).json
    assert len(second['alarms']) == 1
    uuids = [a['uuid'] for a in first['alarms'] + second['alarms']]
    assert len(set(uuids)) == 3


def test_delete_then_gone(api, populated):
    uuid = api.get('/v1/alarms').json['alarms'][0]['uuid']
    api.delete('/v1/alarms/%s' % uuid, status=204)
    response = api.get('/v1/alarms/%s' % uuid, status=404)
    assert 'could not be found' in _fault_of(response)['faultstring']
    states = [e['state'] for e in api.get('/v1/event_log').json[
        'event_log']]
    assert states.count('clear') == 1


def test_event_log_filters(api, populated):
    populated.store_events([cleared('200.004', 'host=worker-0')])
    everything = api.get('/v1/event_log').json['event_log']
    assert len(everything) == 4
    assert everything[0]['state'] == 'clear'          # newest first
    only = api.get('/v1/event_log?alarms=True').json['event_log']
    assert len(only) == 4
    assert api.get('/v1/event_log?logs=True').json['event_log'] == []
    ranged = api.get('/v1/event_log', {
        'q.field': ['start', 'end'], 'q.op': ['eq', 'eq'],
        'q.value': ['2020-01-01T11:00:00', '2020-01-01T12:30:00']}).json
    assert {e['state'] for e in ranged['event_log']} == {'set'}
    shown = api.get('/v1/event_log/%s' % everything[0]['uuid']).json
    assert shown['event_log_type'] == 'operational-violation'


def test_suppression_patch(api, populated):
    listed = api.get('/v1/event_suppression', {
        'q.field': 'alarm_id', 'q.op': 'eq', 'q.value': '200.006'}).json
    record = listed['event_suppression'][0]
    assert set(record) == {'uuid', 'alarm_id', 'description',
                           'suppression_status', 'links'}
    patch = [{'path': '/suppression_status', 'value': 'suppressed',
              'op': 'replace'}] * 2      # the stock client repeats it
    updated = api.patch_json('/v1/event_suppression/%s' % record['uuid'],
                             patch).json
    assert updated['suppression_status'] == 'suppressed'
    assert '200.006' not in {a['alarm_id'] for a in api.get(
        '/v1/alarms').json['alarms']}
    hidden = api.get('/v1/alarms?include_suppress=True').json['alarms']
    assert {a['suppression_status'] for a in hidden
            if a['alarm_id'] == '200.006'} == {'suppressed'}
    assert api.get('/v1/event_suppression', {
        'q.field': 'suppression_status', 'q.type': 'string',
        'q.value': 'suppressed'}).json['event_suppression'][0][
            'alarm_id'] == '200.006'


@pytest.mark.parametrize('patch, reason', [
    ([{'op': 'replace', 'path': '/suppression_status', 'value': 'maybe'}],
     'Valid values are: suppressed, unsuppressed'),
    ([{'op': 'replace', 'path': '/alarm_id', 'value': '1.1'}],
     'not allowed to be updated'),
    ([{'op': 'remove', 'path': '/suppression_status'}], 'invalid parameter'),
    ({'op': 'replace'}, 'non-empty list'),
    ([{'op': 'jump', 'path': '/suppression_status'}], 'op must be one of'),
])
def test_bad_suppression_patches(api, populated, patch, reason):
    uuid = api.get('/v1/event_suppression').json['event_suppression'][0][
        'uuid']
    response = api.patch_json('/v1/event_suppression/%s' % uuid, patch,
                              status=400)
    assert reason in _fault_of(response)['faultstring']


@pytest.mark.parametrize('method, path, status, reason', [
    ('get', '/v1/alarms/nope', 404, 'Alarm nope could not be found'),
    ('delete', '/v1/alarms/nope', 404, 'could not be found'),
    ('get', '/v1/event_log/nope', 404, 'could not be found'),
    ('get', '/v1/event_suppression/nope', 404, 'could not be found'),
    ('get', '/v1/alarms?limit=abc', 400, 'limit must be an integer'),
    ('get', '/v1/alarms?limit=-1', 400, 'limit must be positive'),
    ('get', '/v1/alarms?sort_key=password', 400, 'sort_key'),
    ('get', '/v1/alarms?marker=nope', 404, 'could not be found'),
    ('get', '/v1/alarms?include_suppress=perhaps', 400, 'boolean'),
    ('get', '/v1/alarms?q.field=severity', 400, 'malformed query'),
    ('get', '/v1/alarms?q.field=password&q.value=1', 400,
     'unknown query field'),
    ('get', '/v1/alarms?q.field=severity&q.value=1&q.op=lt', 400,
     "operator 'lt' is not supported"),
    ('get', '/v1/event_log?q.field=start&q.value=yesterday', 400,
     "Invalid date 'yesterday'"),
    ('get', '/v1/nothing-here', 404, 'not'),
])
def test_bad_requests_get_the_starlingx_error_format(api, populated, method,
                                                     path, status, reason):
    response = getattr(api, method)(path, status=status)
    fault = _fault_of(response)
    assert fault['faultcode'] == 'Client'
    assert reason in fault['faultstring']


def test_post_set_log_and_clear(api, populated):
    body = {'alarm_id': '200.010', 'alarm_state': 'set',
            'entity_type_id': 'host', 'entity_instance_id': 'host=worker-1',
            'severity': 'warning', 'reason_text': 'BMC access failed',
            'alarm_type': 'equipment',
            'probable_cause': 'communication-subsystem-failure',
            'proposed_repair_action': 'check the BMC',
            'service_affecting': False, 'suppression': True}
    uuid = api.post_json('/v1/alarms', body).json['uuid']
    assert api.get('/v1/alarms/%s' % uuid).json['alarm_id'] == '200.010'
    conflict = api.post_json('/v1/alarms', body, status=409)
    assert 'already raised' in _fault_of(conflict)['faultstring']
    api.post_json('/v1/alarms', dict(body, alarm_state='clear'))
    api.get('/v1/alarms/%s' % uuid, status=404)
    log = dict(body, alarm_id='200.021', alarm_state='msg',
               severity='not-applicable')
    log_uuid = api.post_json('/v1/alarms', log).json['uuid']
    assert api.get('/v1/event_log/%s' % log_uuid).json['state'] == 'log'


@pytest.mark.parametrize('change, reason', [
    ({'alarm_id': '999.999'}, 'not in the alarm catalogue'),
    ({'severity': 'critical'}, "severity 'critical' is not allowed"),
    ({'severity': 'loud'}, 'body at /severity'),
    ({'colour': 'red'}, 'Additional properties'),
])
def test_post_refuses_what_the_catalogue_refuses(api, populated, change,
                                                 reason):
    body = {'alarm_id': '200.010', 'alarm_state': 'set',
            'entity_type_id': 'host', 'entity_instance_id': 'host=worker-1',
            'severity': 'warning', 'alarm_type': 'equipment',
            'probable_cause': 'communication-subsystem-failure'}
    body.update(change)
    response = api.post_json('/v1/alarms', body, status=400)
    assert reason in _fault_of(response)['faultstring']


def test_bad_json_body(api, populated):
    response = api.post('/v1/alarms', 'not json',
                        content_type='application/json', status=400)
    assert 'not valid JSON' in _fault_of(response)['faultstring']


def test_version_documents(api):
    root = api.get('/').json
    assert root['versions'][0]['id'] == 'v1'
    assert 'alarms' in api.get('/v1').json


def test_openapi_document_matches_the_routes(api):
    document = api.get('/openapi.json').json
    root = app.root.RootController(app.OPENAPI)
    missing, extra = openapi.compare(root, document)
    assert missing == [] and extra == []


def test_delete_accepts_a_json_accept_header(api, populated):
    uuid = api.get('/v1/alarms').json['alarms'][0]['uuid']
    response = api.delete('/v1/alarms/%s' % uuid,
                          headers={'Accept': 'application/json'}, status=204)
    assert response.body == b''
