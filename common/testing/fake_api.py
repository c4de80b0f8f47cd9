"""A fake REST API behind a requests adapter, for client unit tests.

The client's real HTTP code runs; answers come from a table of routes,
``(METHOD, path) -> (status, body)`` or a callable taking the request.
Every request sent is recorded. (Functional tests use the real APIs.)
"""
import json
from urllib import parse

import requests
from requests import adapters

REASONS = {200: 'OK', 204: 'No Content', 400: 'Bad Request',
           403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
           500: 'Internal Server Error'}


def error_body(message, status=400):
    """StarlingX's error body."""
    fault = {'faultcode': 'Client' if status < 500 else 'Server',
             'faultstring': message, 'debuginfo': None}
    return {'error_message': json.dumps(fault)}


class FakeAPI(adapters.BaseAdapter):
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
        response.reason = REASONS.get(status, 'X')
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

    # -- what was sent ------------------------------------------------------
    def calls(self):
        """``METHOD path`` of every request, in order."""
        return ['%s %s' % (r.method, parse.urlsplit(r.url).path)
                for r in self.requests]

    def params(self, index=-1):
        """The query parameters of a recorded request, as pairs."""
        return parse.parse_qsl(parse.urlsplit(self.requests[index].url)
                               .query, keep_blank_values=True)

    def body(self, index=-1):
        return json.loads(self.requests[index].body)

    def sent(self, method, path):
        """The JSON bodies sent with ``method`` to ``path``."""
        return [json.loads(r.body) for r in self.requests
                if r.method == method and
                parse.urlsplit(r.url).path == path]
