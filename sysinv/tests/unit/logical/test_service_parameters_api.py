"""/v1/service_parameter: the schema's defaults, list filters, add,
modify, delete and apply, with StarlingX's messages."""
import pytest

from sysinv.common import service_parameters as schema
from sysinv.conductor import service_parameters as flows
from sysinv.tests.unit.logical_fixtures import (
    fault,
)

URL = '/v1/service_parameter'


def listed(api, query=''):
    return api.get(URL + query).json['parameters']


def add(api, expect=200, **body):
    response = api.post_json(URL, body, expect_errors=True)
    assert response.status_int == expect, response.body
    return response


def mtce(api, name):
    return next(p for p in listed(api, '?section=maintenance')
                if p['name'] == name)


def patch(api, row, expect=200, **changes):
    response = api.patch_json('%s/%s' % (URL, row['uuid']), [
        {'op': 'replace', 'path': '/' + k, 'value': v}
        for k, v in changes.items()], expect_errors=True)
    assert response.status_int == expect, response.body
    return response


def test_defaults_are_populated_once(api, site):
    maintenance = listed(api, '?q.field=service&q.value=platform'
                              '&q.field=section&q.value=maintenance')
    assert {p['name']: p['value'] for p in maintenance} == \
        schema.MTCE_DEFAULTS
    assert [p['section'] for p in listed(api)] == sorted(
        p['section'] for p in listed(api))
    assert flows.populate_defaults(site) == 0
    http = listed(api, '?service=http')
    assert {p['name'] for p in http} == {'http_port', 'https_port'}
    one = api.get('%s/%s' % (URL, http[0]['uuid'])).json
    assert one['links'][0]['href'].endswith(http[0]['uuid'])
    page = api.get(URL + '?limit=2').json
    assert len(page['parameters']) == 2 and 'next' in page
    response = api.get(URL + '?q.field=value&q.value=1', expect_errors=True)
    assert response.status_int == 400


def test_add_several_and_duplicates(api, site):
    rows = add(api, service='identity', section='security_compliance',
               parameters={'lockout_seconds': '300',
                           'lockout_failure_attempts': 5}).json['parameters']
    assert sorted((r['name'], r['value']) for r in rows) == [
        ('lockout_failure_attempts', '5'), ('lockout_seconds', '300')]
    response = add(api, 400, service='identity',
                   section='security_compliance',
                   parameters={'lockout_seconds': '30'})
    assert fault(response) == (
        400, 'Service parameter add failed: Parameter already exists: '
             'service=identity section=security_compliance '
             'name=lockout_seconds')


@pytest.mark.parametrize('body, message', [
    ({'section': 'config', 'parameters': {'a': 'b'}},
     'Unspecified service name'),
    ({'service': 'nova', 'section': 'config', 'parameters': {'a': 'b'}},
     'Invalid service name nova.'),
    ({'service': 'identity', 'parameters': {'a': 'b'}},
     'Unspecified section name.'),
    ({'service': 'identity', 'section': 'nope', 'parameters': {'a': 'b'}},
     'Invalid service section nope.'),
    ({'service': 'identity', 'section': 'config'},
     'Unspecified parameters.'),
    ({'service': 'identity', 'section': 'config',
      'parameters': {'colour': 'red'}},
     'The parameter name colour is invalid for service identity section '
     'config'),
    ({'service': 'identity', 'section': 'config',
      'parameters': {'token_expiration': ''}},
     'The service parameter value is mandatory'),
    ({'service': 'identity', 'section': 'config',
      'parameters': {'token_expiration': '60'}},
     "Parameter 'token_expiration' must be between 3600 and 14400 "
     'seconds.'),
    ({'service': 'identity', 'section': 'config',
      'parameters': {'token_expiration': 'soon'}},
     "Parameter 'token_expiration' must be an integer value."),
    ({'service': 'http', 'section': 'config',
      'parameters': {'http_port': 'x' * 4097}},
     'The service parameter value is restricted to at most 4096 '
     'characters.'),
    ({'service': 'docker', 'section': 'proxy',
      'parameters': {'http_proxy': 'proxy'}},
     "Parameter 'http_proxy' must be a valid address."),
    ({'service': 'docker', 'section': 'proxy',
      'parameters': {'no_proxy': 'a.b,not valid'}},
     "Parameter 'no_proxy' includes an invalid address 'not valid'."),
    ({'service': 'kubernetes', 'section': 'kube_apiserver',
      'parameters': {'feature-gates': ''}},
     'The service parameter value is mandatory'),
    ({'service': 'platform', 'section': 'sysinv', 'personality': 'router',
      'resource': 'x::y', 'parameters': {'a': 'b'}},
     'router is not a supported personality type'),
    ({'service': 'platform', 'section': 'maintenance',
      'resource': 'platform::mtce::params::mnfa_timeout',
      'parameters': {'custom': '1'}},
     'The specified resource is reserved for service=platform '
     'section=maintenance name=mnfa_timeout and cannot be customized.'),
    ({'service': 'platform', 'section': 'x', 'resource': 'a::b',
      'parameters': {'a': '1', 'b': '2'}},
     'Cannot specify multiple parameters with custom resource.'),
])
def test_add_refusals(api, site, body, message):
    assert fault(add(api, 400, **body)) == (400, message)


@pytest.mark.parametrize('name, value, message', [
    ('heartbeat_period', '50', "Parameter 'heartbeat_period' must be "
                               'between 100 and 1000.'),
    ('worker_boot_timeout', '700', "Parameter 'worker_boot_timeout' must "
                                   'be between 720 and 1800.'),
    ('controller_boot_timeout', '1900', "Parameter 'controller_boot_timeout'"
                                        ' must be between 1200 and 1800.'),
    ('heartbeat_failure_threshold', '9', "Parameter "
     "'heartbeat_failure_threshold' must be between 10 and 100."),
    ('heartbeat_degrade_threshold', '3', "Parameter "
     "'heartbeat_degrade_threshold' must be between 4 and 100."),
    ('mnfa_threshold', '1', "Parameter 'mnfa_threshold' must be between 2 "
                            'and 100.'),
    ('mnfa_timeout', '50', "Parameter 'mnfa_timeout' must be zero or "
                           'between 100 and 86400.'),
    ('heartbeat_failure_action', 'panic', "Action must be one of 'fail', "
                                          "'degrade', 'alarm' or 'none'"),
])
def test_maintenance_ranges(api, site, name, value, message):
    response = patch(api, mtce(api, name), 400, value=value)
    assert fault(response) == (400, message)


def test_modify_delete_and_protection(api, site, runtime):
    row = mtce(api, 'heartbeat_period')
    changed = patch(api, row, value='200').json
    assert changed['value'] == '200'
    host = api.get('/v1/ihosts/worker-0').json
    assert host['config_status'] == 'Config out-of-date'
    assert fault(patch(api, row, 400, name='x')) == (
        400, 'The following fields can not be modified: name')
    assert patch(api, row, name='heartbeat_period',
                 value='300').json['value'] == '300'
    response = api.delete('%s/%s' % (URL, row['uuid']), expect_errors=True)
    assert fault(response) == (
        400, "Platform Maintenance Parameter 'heartbeat_period' is "
             'required.')
    virtual = add(api, service='platform', section='config',
                  parameters={'virtual_system': 'true'}).json['parameters']
    assert fault(patch(api, virtual[0], 400, value='false')) == (
        400, "The parameter 'virtual_system' is readonly.")
    assert api.delete('%s/%s' % (URL, virtual[0]['uuid'])).status_int == 204
    secret = add(api, service='platform', section='sysinv',
                 resource='platform::sysinv::firewall',
                 parameters={'firewall_rules_id': 'abc'}).json['parameters']
    assert secret[0]['personality'] is None
    site.create_service_parameters([{
        'service': 'platform', 'section': 'sysinv',
        'name': 'firewall_rules_id', 'value': 'secret'}])
    masked = listed(api, '?section=sysinv&name=firewall_rules_id')
    assert {p['value'] for p in masked} == {'****'}


def test_apply(api, site, runtime):
    response = api.post_json(URL + '/apply', {'service': 'nova'},
                             expect_errors=True)
    assert fault(response) == (400, 'Invalid service name nova.')
    response = api.post_json(URL + '/apply', {}, expect_errors=True)
    assert fault(response) == (400, 'Unspecified service name')
    patch(api, mtce(api, 'heartbeat_degrade_threshold'), value='20')
    response = api.post_json(URL + '/apply', {'service': 'platform'},
                             expect_errors=True)
    assert fault(response) == (
        400, "Unable to apply service parameters. Service parameter "
             "'heartbeat_failure_threshold' should be greater than "
             "'heartbeat_degrade_threshold' ")
    patch(api, mtce(api, 'heartbeat_degrade_threshold'), value='6')
    runtime.agents.casts.clear()
    api.post_json(URL + '/apply', {'service': 'platform',
                                   'section': 'maintenance'})
    hosts = sorted(c[0] for c in runtime.agents.casts)
    assert hosts == ['controller-0', 'worker-0']
    assert len({c[1] for c in runtime.agents.casts}) == 1
    body = runtime.agents.casts[0][2]
    assert body['classes'] == ['platform::mtce::runtime']
    runtime.agents.casts.clear()
    api.post_json(URL + '/apply', {'service': 'platform'})
    by_host = {c[0]: c[2] for c in runtime.agents.casts}
    assert 'platform::postgresql::custom::runtime' in by_host[
        'controller-0']['classes']
    assert 'platform::postgresql::custom::runtime' not in by_host[
        'worker-0']['classes']
    assert 'config' not in by_host['worker-0']['service_parameters'][
        'platform']
    assert api.get('/v1/ihosts/worker-0').json['config_target'] == \
        runtime.agents.casts[0][1]
    assert body['service_parameters']['platform']['maintenance'][
        'heartbeat_period'] == '100'
    site.destroy_service_parameter(mtce(api, 'mnfa_timeout')['uuid'])
    response = api.post_json(URL + '/apply', {'service': 'platform'},
                             expect_errors=True)
    assert fault(response) == (
        400, "Unable to apply service parameters. Missing service parameter "
             "'mnfa_timeout' for service 'platform' in section "
             "'maintenance'.")


def test_kubernetes_oidc_apply_check(api, site, runtime):
    add(api, service='kubernetes', section='kube_apiserver',
        parameters={'oidc-client-id': 'x'})
    response = api.post_json(URL + '/apply', {'service': 'kubernetes'},
                             expect_errors=True)
    assert fault(response)[1].startswith(
        'Unable to apply service parameters. Please choose one of the '
        'valid Kubernetes OIDC parameter setups')


def test_validators():
    schema.validate_san_list('n', 'a.example.com,10.0.0.1')
    with pytest.raises(Exception, match='not a domain name or IP'):
        schema.validate_san_list('n', 'a b')
    with pytest.raises(Exception, match='must be a boolean value'):
        schema.validate_boolean('n', 'yes')
    with pytest.raises(Exception, match='invalid value format'):
        schema.validate_size('n', '10Q')
    with pytest.raises(Exception, match='must be a valid regex'):
        schema.validate_regex('n', '(')
    with pytest.raises(Exception, match='positive integer or zero'):
        schema.validate_zero_or_positive_integer('n', '-1')
    assert schema.section('platform', 'maintenance').validator(
        'heartbeat_period') is not None
    assert schema.map_resource('nothing') is None
