import json

from oslo_db import exception as db_exc
import oslo_messaging as messaging
import webob
import webob.exc

from stx_common import exception
from stx_common.api import faults


def _call(app, path='/'):
    request = webob.Request.blank(path)
    return request.get_response(faults.FaultMiddleware(app))


def _fault(response):
    body = json.loads(response.body)
    assert list(body) == ['error_message']
    return json.loads(body['error_message'])


def _raising(exc):
    def app(environ, start_response):
        raise exc
    return app


def test_known_error_keeps_message_and_status():
    response = _call(_raising(exception.NotFound('Alarm x not found.')))
    assert response.status_int == 404
    assert _fault(response) == {'faultcode': 'Client',
                                'faultstring': 'Alarm x not found.',
                                'debuginfo': None}


def test_unexpected_error_is_a_bare_500_without_internals():
    response = _call(_raising(KeyError('secret internals')))
    assert response.status_int == 500
    fault = _fault(response)
    assert fault['faultcode'] == 'Server'
    assert 'secret' not in fault['faultstring']
    assert 'Traceback' not in response.text


def test_lost_database_and_rpc_answer_503():
    assert _call(_raising(db_exc.DBConnectionError())).status_int == 503
    assert _call(_raising(messaging.MessagingTimeout())).status_int == 503
    undeliverable = messaging.MessageUndeliverable(None, 'x', 'topic', None)
    assert _call(_raising(undeliverable)).status_int == 503


def test_other_layers_errors_are_reformatted():
    def app(environ, start_response):
        response = webob.exc.HTTPUnauthorized(
            headers={'WWW-Authenticate': 'Keystone uri="http://k"'})
        return response(environ, start_response)

    response = _call(app)
    assert response.status_int == 401
    assert _fault(response)['faultcode'] == 'Client'
    assert response.headers['WWW-Authenticate'] == 'Keystone uri="http://k"'


def test_good_answers_pass_untouched():
    def app(environ, start_response):
        start_response('200 OK', [('Content-Type', 'application/json')])
        return [b'{"a": 1}']

    response = _call(app)
    assert response.status_int == 200 and response.json == {'a': 1}
