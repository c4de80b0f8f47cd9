"""The HTTP layer: error bodies, auth choices, paging through ``next``."""
import json
from urllib import parse

from keystoneauth1 import exceptions as ksa_exc
import pytest
import requests

from fm.client import exceptions as exc
from fm.client import http, query
from fm.client.v1 import event_suppression
from fm.tests.unit.client import fakes


def response(status, body, reason='Bad Request'):
    result = requests.Response()
    result.status_code = status
    result.reason = reason
    result._content = body if isinstance(body, bytes) else \
        json.dumps(body).encode()
    return result


def test_starlingx_error_body_gives_the_faultstring():
    body = fakes.error_body('Alarm 42 could not be found.', 404)
    assert http.error_detail(response(404, body)) == \
        'Alarm 42 could not be found.'


@pytest.mark.parametrize('body, detail', [
    ({'error_message': {'faultstring': 'nested dict'}}, 'nested dict'),
    ({'error_message': 'not json inside'}, 'not json inside'),
    ({'error': {'message': 'keystone style', 'code': 401}},
     'keystone style'),
    ({'faultstring': 'bare\nfault   string'}, 'bare fault string'),
    (b'<html>proxy error</html>', 'Bad Gateway'),
    (b'', 'Bad Gateway'),
    ({'unrelated': 1}, 'Bad Gateway'),
])
def test_other_error_bodies(body, detail):
    assert http.error_detail(response(502, body, 'Bad Gateway')) == detail


def test_error_status_becomes_a_one_line_exception():
    api = fakes.FakeAPI({('GET', '/v1/alarms/x'): (
        404, fakes.error_body('Alarm x could not be found.', 404))})
    with pytest.raises(exc.NotFound) as err:
        fakes.http_client(api).get('/v1/alarms/x')
    assert str(err.value) == 'Alarm x could not be found. (HTTP 404)'
    assert err.value.status == 404


def test_forbidden_and_server_errors():
    api = fakes.FakeAPI({
        ('DELETE', '/v1/alarms/x'): (403, fakes.error_body(
            "Policy doesn't allow fm:alarm:delete to be performed.", 403)),
        ('GET', '/v1/alarms'): (500, b'oops')})
    client = fakes.http_client(api)
    with pytest.raises(exc.Forbidden, match='fm:alarm:delete'):
        client.delete('/v1/alarms/x')
    with pytest.raises(exc.HTTPError, match=r'Internal Server Error \(HTTP '
                                            r'500\)'):
        client.get('/v1/alarms')


def test_token_header_only_when_given():
    api = fakes.FakeAPI({('GET', '/v1/alarms'): (200, {'alarms': []})})
    fakes.http_client(api, token='secret').get('/v1/alarms')
    fakes.http_client(api).get('/v1/alarms')
    assert api.requests[0].headers['X-Auth-Token'] == 'secret'
    assert 'X-Auth-Token' not in api.requests[1].headers


def test_unreachable_server_is_one_line(free_port):
    client = http.HTTPClient('http://127.0.0.1:%d' % free_port, timeout=2)
    with pytest.raises(exc.CommunicationError) as err:
        client.get('/v1/alarms')
    assert 'Unable to reach fm-api at http://127.0.0.1:%d' % free_port in \
        str(err.value)
    assert 'Connection refused' in str(err.value)
    assert '\n' not in str(err.value)


def test_timeouts_are_one_line(monkeypatch):
    client = http.HTTPClient('http://fm.test:1', timeout=0.5)

    def hang(*args, **kwargs):
        assert kwargs['timeout'] == 0.5
        raise requests.ReadTimeout('read timed out')

    monkeypatch.setattr(client._requests, 'request', hang)
    with pytest.raises(exc.CommunicationError,
                       match='did not answer within 0.5s'):
        client.get('/v1/alarms')


@pytest.mark.parametrize('url', ['http://h:18002', 'http://h:18002/',
                                 'http://h:18002/v1', 'http://h:18002/v1/'])
def test_endpoint_root(url):
    assert http.HTTPClient(url).url('/v1/alarms') == \
        'http://h:18002/v1/alarms'


def _pages(request):
    params = dict(parse.parse_qsl(parse.urlsplit(request.url).query))
    marker = params.get('marker')
    if marker is None:
        return 200, {'alarms': [{'uuid': 'a'}, {'uuid': 'b'}],
                     'next': 'http://elsewhere/v1/alarms?limit=2&marker=b'
                             '&include_suppress=True'}
    if marker == 'b':
        return 200, {'alarms': [{'uuid': 'c'}, {'uuid': 'd'}],
                     'next': 'http://elsewhere/v1/alarms?limit=2&marker=d'
                             '&include_suppress=True'}
    return 200, {'alarms': [{'uuid': 'e'}]}


def test_list_follows_next_links_on_our_endpoint():
    api = fakes.FakeAPI({('GET', '/v1/alarms'): _pages})
    client = fakes.v1_client(api)
    records = client.alarm.list(q=query.parse('severity=major'),
                                include_suppress=True)
    assert [r['uuid'] for r in records] == ['a', 'b', 'c', 'd', 'e']
    assert all(r.url.startswith(fakes.URL) for r in api.requests)
    first = api.params(0)
    assert ('q.field', 'severity') in first and ('q.value', 'major') in first
    assert ('include_suppress', 'True') in first
    assert ('marker', 'd') in api.params(2)


def test_a_limit_asks_for_one_page():
    api = fakes.FakeAPI({('GET', '/v1/alarms'): _pages})
    records = fakes.v1_client(api).alarm.list(limit=2)
    assert [r['uuid'] for r in records] == ['a', 'b']
    assert ('limit', '2') in api.params(0)
    assert len(api.requests) == 1


def test_a_repeating_next_link_is_not_followed_forever():
    api = fakes.FakeAPI({('GET', '/v1/event_log'): (200, {
        'event_log': [{'uuid': 'x'}],
        'next': 'http://h/v1/event_log?marker=x'})})
    records = fakes.v1_client(api).event_log.list()
    assert len(records) == 2 and len(api.requests) == 2


def test_event_log_filters():
    api = fakes.FakeAPI({('GET', '/v1/event_log'): (200,
                                                    {'event_log': []})})
    log = fakes.v1_client(api).event_log
    log.list(alarms=True)
    log.list(logs=True)
    log.list(alarms=True, logs=True, limit=5, include_suppress=True)
    assert ('alarms', 'True') in api.params(0)
    assert ('logs', 'True') in api.params(1)
    assert dict(api.params(2)) == {'limit': '5',
                                   'include_suppress': 'True'}


def test_summary_and_suppression_patch():
    patched = []

    def patch(request):
        patched.append(json.loads(request.body))
        return 200, {'uuid': 'u1', 'suppression_status': 'suppressed'}

    api = fakes.FakeAPI({
        ('GET', '/v1/alarms/summary'): (200, {'critical': 1}),
        ('PATCH', '/v1/event_suppression/u1'): patch})
    client = fakes.v1_client(api)
    assert client.alarm.summary()['critical'] == 1
    assert ('include_suppress', 'False') in api.params(0)
    client.event_suppression.set_status('u1', 'suppressed')
    assert patched == [[{'path': '/suppression_status',
                         'value': 'suppressed', 'op': 'replace'}]]
    with pytest.raises(ValueError):
        event_suppression.status_patch('maybe')


# -- choosing how to authenticate ------------------------------------------

def test_token_and_url_skip_keystone():
    client = http.make_client(http.Credentials(
        auth_token='t', fm_url='http://h:18002', auth_url='http://ks/v3'))
    assert client.token == 't' and client._keystone is None


def test_url_alone_is_noauth():
    client = http.make_client(http.Credentials(fm_url='http://h:18002/'))
    assert client.token is None and client.endpoint == 'http://h:18002'


def test_keystone_with_an_endpoint_override():
    client = http.make_client(http.Credentials(
        auth_url='http://ks/v3', username='u', password='p',
        project_name='admin', user_domain_name='Default',
        project_domain_name='Default', fm_url='http://h:18002',
        timeout=7))
    assert client._keystone is not None
    assert client.endpoint == 'http://h:18002'
    assert client._keystone.timeout == 7


@pytest.mark.parametrize('missing, text', [
    ('username', 'username via either --os-username'),
    ('password', 'password via either --os-password'),
    ('project_name', 'project name via either --os-project-name'),
])
def test_incomplete_keystone_credentials(missing, text):
    values = dict(auth_url='http://ks/v3', username='u', password='p',
                  project_name='admin', fm_url='http://h:18002')
    values[missing] = None
    with pytest.raises(exc.AuthError, match=text):
        http.make_client(http.Credentials(**values))


def test_no_credentials_at_all():
    with pytest.raises(exc.AuthError, match='--os-auth-url'):
        http.make_client(http.Credentials())


class FakeSession:
    def __init__(self, catalogue):
        self.catalogue = catalogue
        self.asked = []

    def get_endpoint(self, **filters):
        self.asked.append(filters)
        key = (filters['service_type'], filters.get('service_name'),
               filters['interface'])
        if key not in self.catalogue:
            raise ksa_exc.EndpointNotFound()
        return self.catalogue[key]


def test_catalogue_lookup_by_type_and_name():
    session = FakeSession({('faultmanagement', 'fm', 'internal'): 'http://i'})
    credentials = http.Credentials(interface='internalURL')
    assert http.catalogue_endpoint(session, credentials) == 'http://i'


def test_catalogue_lookup_falls_back_to_the_type():
    session = FakeSession({('faultmanagement', None, 'public'): 'http://p'})
    assert http.catalogue_endpoint(session, http.Credentials()) == \
        'http://p'


def test_no_endpoint_in_the_catalogue_says_use_fm_url():
    with pytest.raises(exc.AuthError, match='--fm-url'):
        http.catalogue_endpoint(FakeSession({}), http.Credentials(
            region_name='RegionOne'))


def test_keystone_refusing_the_password_is_one_line():
    session_error = ksa_exc.Unauthorized('The request you have made '
                                         'requires authentication.')
    error = http._keystone_error(session_error)
    assert isinstance(error, exc.AuthError)
    assert str(error).startswith('Invalid Identity credentials')
