"""A fake fm-api behind a requests adapter: the client's real HTTP code
runs, answers come from a table of routes."""
import itertools
import json
from urllib import parse

import requests
from requests import adapters

from fm.client import http
from fm.client.v1 import client

URL = 'http://fm.test:18002'
_COUNT = itertools.count(1)


def error_body(message, status=400):
    fault = {'faultcode': 'Client' if status < 500 else 'Server',
             'faultstring': message, 'debuginfo': None}
    return {'error_message': json.dumps(fault)}


class FakeAPI(adapters.BaseAdapter):
    """Routes ``(METHOD, path)`` to ``(status, body)`` or to a callable
    taking the request; records every request it is sent."""

    def __init__(self, routes=None):
        super().__init__()
        self.routes = dict(routes or {})
        self.requests = []

    def send(self, request, **kwargs):
        self.requests.append(request)
        url = parse.urlsplit(request.url)
        answer = self.routes.get((request.method, url.path))
        if answer is None:
            answer = (404, error_body('no route %s %s' % (request.method,
                                                          url.path), 404))
        if callable(answer):
            answer = answer(request)
        status, body = answer
        response = requests.Response()
        response.status_code = status
        response.reason = {200: 'OK', 204: 'No Content', 400: 'Bad Request',
                           403: 'Forbidden', 404: 'Not Found',
                           500: 'Internal Server Error'}.get(status, 'X')
        response.url = request.url
        response.request = request
        if body is None:
            response._content = b''
        elif isinstance(body, bytes):
            response._content = body
        else:
            response._content = json.dumps(body).encode()
            response.headers['Content-Type'] = 'application/json'
        return response

    def close(self):
        pass

    def params(self, index=-1):
        """The query parameters of a recorded request, as pairs."""
        return parse.parse_qsl(parse.urlsplit(self.requests[index].url)
                               .query, keep_blank_values=True)


def http_client(api, token=None):
    result = http.HTTPClient(URL, token=token, timeout=5)
    result._requests.mount('http://', api)
    return result


def v1_client(api):
    return client.Client(http_client(api))


def alarm(alarm_id='100.101', entity='host=controller-0', severity='major',
          timestamp='2024-01-02T03:04:05.000006', status='unsuppressed',
          uuid=None, reason='Platform CPU threshold exceeded'):
    return {'uuid': uuid or '00000000-0000-0000-0000-%012d' % next(_COUNT),
            'alarm_id': alarm_id, 'entity_instance_id': entity,
            'severity': severity, 'timestamp': timestamp,
            'reason_text': reason, 'mgmt_affecting': 'True',
            'degrade_affecting': 'False', 'suppression_status': status}


def event(event_log_id='100.101', state='set', timestamp='2024-01-02T03:04:05',
          status='unsuppressed', entity='host=controller-0', uuid=None):
    return {'uuid': uuid or 'e-%s-%s-%s' % (event_log_id, state, timestamp),
            'event_log_id': event_log_id, 'state': state,
            'entity_instance_id': entity, 'severity': 'major',
            'timestamp': timestamp, 'reason_text': 'something happened',
            'suppression_status': status}
