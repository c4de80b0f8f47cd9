"""HTTP access to one REST API of the Flock, with or without Keystone.

Three ways to reach an API, chosen by :func:`make_client` from
:class:`Credentials` (filled from ``--os-*``/``--<svc>-url`` options or the
``OS_*``/``<SVC>_URL`` variables):

* a token and a URL (``--os-auth-token`` + the URL option): the token is
  sent as ``X-Auth-Token``, Keystone is not asked anything;
* Keystone credentials (``--os-auth-url``, user, password, project): a
  keystoneauth1 session gets and renews the token; the endpoint is the
  service's entry in the catalogue, unless the URL option overrides it;
* a URL alone: for an API running with ``auth_strategy = noauth``.

Every request has a timeout. Error answers become :class:`HTTPError`\\ s
whose message is the server's ``faultstring`` out of StarlingX's
``{"error_message": "<json>"}`` body (or the HTTP reason).

What differs between services (their name in messages, catalogue type
and name, URL option, User-Agent) is a :class:`Service`.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import re
from typing import Any

import requests

from stx_common.client import exceptions as exc

LOG = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 30.0

_ERRNO = re.compile(r'\[Errno -?\d+\] [^\'")\]]+')

Params = list[tuple[str, str]]


@dataclasses.dataclass(frozen=True)
class Service:
    """How one API is named and found.

    :ivar api: its name in messages (``fm-api``).
    :ivar service_type: its type in the Keystone catalogue.
    :ivar service_name: its name there (None: any service of the type).
    :ivar url_option: the command-line option that gives its URL.
    :ivar url_variable: the environment variable that gives its URL.
    :ivar user_agent: the User-Agent of requests.
    """

    api: str
    service_type: str
    service_name: str | None
    url_option: str
    url_variable: str
    user_agent: str


GENERIC = Service('the API', 'platform', None, '--url', 'URL',
                  'flock-client')


def error_detail(response: requests.Response) -> str:
    """The one-line message of an error answer.

    StarlingX's body is ``{"error_message": "<json of {faultcode,
    faultstring, debuginfo}>"}``; other JSON shapes with a ``message`` or
    ``faultstring`` are read too; anything else gives the HTTP reason.
    """
    try:
        doc = response.json()
    except ValueError:
        doc = None
    text = _message_of(doc)
    if not text:
        text = response.reason or 'HTTP error %d' % response.status_code
    return ' '.join(str(text).split())


def _message_of(doc: Any) -> str | None:
    if not isinstance(doc, dict):
        return None
    inner = doc.get('error_message')
    if isinstance(inner, str):
        try:
            inner = json.loads(inner)
        except ValueError:
            return inner or None
    if isinstance(inner, dict):
        return _message_of(inner) or None
    error = doc.get('error')
    if isinstance(error, dict) and error.get('message'):
        return str(error['message'])
    for key in ('faultstring', 'message', 'title', 'detail'):
        if doc.get(key):
            return str(doc[key])
    return None


def reason(error: Exception) -> str:
    """A short cause of a connection failure (``[Errno 111] ...``)."""
    text = str(error)
    match = _ERRNO.search(text)
    if match:
        return match.group(0).strip()
    return ' '.join(text.split())[:200] or type(error).__name__


@dataclasses.dataclass
class Credentials:
    """Where an API is and how to authenticate (the ``--os-*`` options).

    ``service_type``/``service_name`` left as None take the
    :class:`Service`'s.
    """

    auth_url: str | None = None
    username: str | None = None
    password: str | None = None
    project_name: str | None = None
    project_id: str | None = None
    user_domain_name: str | None = None
    user_domain_id: str | None = None
    project_domain_name: str | None = None
    project_domain_id: str | None = None
    region_name: str | None = None
    interface: str | None = None
    auth_token: str | None = None
    url: str | None = None
    service_type: str | None = None
    service_name: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    insecure: bool = False
    cacert: str | None = None
    cert: str | None = None
    key: str | None = None

    @property
    def verify(self) -> bool | str:
        if self.insecure:
            return False
        return self.cacert or True

    @property
    def client_cert(self) -> str | tuple[str, str] | None:
        if self.cert and self.key:
            return (self.cert, self.key)
        return self.cert or None


def _interface(name: str | None) -> str:
    """``publicURL`` (StarlingX's spelling) and ``public`` alike."""
    name = (name or 'public').strip()
    return name[:-3] if name.lower().endswith('url') else name


def base_url(url: str) -> str:
    """The API root of ``url`` (no trailing ``/`` nor ``/v1``)."""
    url = url.strip().rstrip('/')
    if url.endswith('/v1'):
        url = url[:-3]
    return url


class HTTPClient:
    """JSON requests to one API endpoint.

    :param endpoint: the API root, e.g. ``http://controller:18002``.
    :param token: sent as ``X-Auth-Token`` (not with ``session``).
    :param session: a keystoneauth1 session that authenticates the
        requests itself; without it plain ``requests`` is used.
    :param service: names the API in messages (default: the class's).
    """

    service: Service = GENERIC

    def __init__(self, endpoint: str, token: str | None = None,
                 session: Any = None, timeout: float = DEFAULT_TIMEOUT,
                 verify: bool | str = True,
                 service: Service | None = None,
                 cert: str | tuple[str, str] | None = None) -> None:
        if service is not None:
            self.service = service
        self.endpoint = base_url(endpoint)
        self.token = token
        self.timeout = timeout
        self.verify = verify
        self.cert = cert
        self._keystone = session
        self._requests = None if session is not None else requests.Session()

    def url(self, path: str) -> str:
        return '%s/%s' % (self.endpoint, path.lstrip('/'))

    def request(self, method: str, path: str, params: Params | None = None,
                body: Any = None) -> Any:
        """Send one request; the decoded JSON answer (None if empty).

        :raises HTTPError: for an error status.
        :raises CommunicationError: when the API cannot be reached.
        :raises AuthError: when Keystone refuses the credentials.
        """
        url = self.url(path)
        headers = {'User-Agent': self.service.user_agent}
        if method != 'DELETE':      # a 204 answer has no media type
            headers['Accept'] = 'application/json'
        LOG.debug('%s %s %s %s', method, url, params or '',
                  json.dumps(body) if body is not None else '')
        if self._keystone is not None:
            response = self._send_keystone(method, url, params, body,
                                           headers)
        else:
            if self.token:
                headers['X-Auth-Token'] = self.token
            response = self._send_plain(method, url, params, body, headers)
        LOG.debug('answer %s: %s', response.status_code,
                  response.text[:2000] if response.content else '')
        if response.status_code >= 400:
            raise exc.from_status(response.status_code,
                                  error_detail(response))
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise exc.CommunicationError(
                '%s at %s answered %s %s with a body that is not JSON'
                % (self.service.api, self.endpoint, method, path)) from None

    def get(self, path: str, params: Params | None = None) -> Any:
        return self.request('GET', path, params=params)

    def post(self, path: str, body: Any = None,
             params: Params | None = None) -> Any:
        return self.request('POST', path, params=params, body=body)

    def put(self, path: str, body: Any = None) -> Any:
        return self.request('PUT', path, body=body)

    def patch(self, path: str, body: Any) -> Any:
        return self.request('PATCH', path, body=body)

    def delete(self, path: str, params: Params | None = None) -> Any:
        return self.request('DELETE', path, params=params)

    def _send_plain(self, method, url, params, body, headers):
        assert self._requests is not None
        try:
            return self._requests.request(
                method, url, params=params, json=body, headers=headers,
                timeout=self.timeout, verify=self.verify, cert=self.cert)
        except requests.Timeout:
            raise exc.CommunicationError(
                '%s at %s did not answer within %gs'
                % (self.service.api, self.endpoint, self.timeout)) from None
        except requests.RequestException as error:
            raise exc.CommunicationError(
                'Unable to reach %s at %s: %s'
                % (self.service.api, self.endpoint, reason(error))) \
                from None

    def _send_keystone(self, method, url, params, body, headers):
        from keystoneauth1 import exceptions as ksa_exc

        try:
            return self._keystone.request(
                url, method, params=params, json=body, headers=headers,
                raise_exc=False)
        except ksa_exc.ConnectTimeout:
            raise exc.CommunicationError(
                '%s at %s did not answer within %gs'
                % (self.service.api, self.endpoint, self.timeout)) from None
        except ksa_exc.ConnectionError as error:
            raise exc.CommunicationError(
                'Unable to reach %s: %s' % (url.split('?')[0],
                                            reason(error))) from None
        except ksa_exc.ClientException as error:
            raise keystone_error(error, self.service) from None


def keystone_error(error: Exception,
                   service: Service = GENERIC) -> exc.ClientError:
    """A one-line error for a failure of Keystone itself."""
    from keystoneauth1 import exceptions as ksa_exc

    if isinstance(error, ksa_exc.Unauthorized):
        return exc.AuthError('Invalid Identity credentials: %s'
                             % reason(error))
    if isinstance(error, ksa_exc.ConnectionError):
        return exc.CommunicationError('Unable to reach Keystone: %s'
                                      % reason(error))
    if isinstance(error, ksa_exc.EndpointNotFound):
        return exc.AuthError('No %s endpoint in the Keystone catalogue; '
                             'give one with %s'
                             % (service.service_type, service.url_option))
    return exc.AuthError('Keystone: %s' % reason(error))


def _missing(credentials: Credentials) -> str | None:
    """What a Keystone login lacks, said as StarlingX's clients say it."""
    if not credentials.username:
        return ('You must provide a username via either --os-username or '
                'env[OS_USERNAME]')
    if not credentials.password:
        return ('You must provide a password via either --os-password or '
                'env[OS_PASSWORD]')
    if not (credentials.project_name or credentials.project_id):
        return ('You must provide a project name via either '
                '--os-project-name or env[OS_PROJECT_NAME]')
    return None


def keystone_session(credentials: Credentials,
                     service: Service = GENERIC) -> Any:
    """A keystoneauth1 session logged in with ``credentials``."""
    from keystoneauth1 import session as ksa_session
    from keystoneauth1.identity import generic

    scope = {
        'project_name': credentials.project_name,
        'project_id': credentials.project_id,
        'project_domain_name': credentials.project_domain_name,
        'project_domain_id': credentials.project_domain_id,
    }
    if credentials.username or not credentials.auth_token:
        problem = _missing(credentials)
        if problem:
            raise exc.AuthError(problem)
        auth = generic.Password(
            auth_url=credentials.auth_url, username=credentials.username,
            password=credentials.password,
            user_domain_name=credentials.user_domain_name,
            user_domain_id=credentials.user_domain_id, **scope)
    else:
        auth = generic.Token(auth_url=credentials.auth_url,
                             token=credentials.auth_token, **scope)
    return ksa_session.Session(auth=auth, timeout=credentials.timeout,
                               verify=credentials.verify,
                               cert=credentials.client_cert,
                               user_agent=service.user_agent)


def catalogue_endpoint(session: Any, credentials: Credentials,
                       service: Service = GENERIC) -> str:
    """The API's URL out of the Keystone service catalogue."""
    from keystoneauth1 import exceptions as ksa_exc

    service_type = credentials.service_type or service.service_type
    service_name = credentials.service_name or service.service_name
    lookup = {'service_type': service_type,
              'interface': _interface(credentials.interface),
              'region_name': credentials.region_name}
    attempts = [dict(lookup, service_name=service_name)]
    if service_name:
        attempts.append(lookup)     # a catalogue naming the service else
    for filters in attempts:
        try:
            url = session.get_endpoint(**filters)
        except ksa_exc.EndpointNotFound:
            url = None
        except ksa_exc.ClientException as error:
            raise keystone_error(error, service) from None
        if url:
            return url
    raise exc.AuthError(
        'No %s endpoint (interface %s%s) in the Keystone catalogue; give '
        'one with %s or env[%s]' % (
            service_type, lookup['interface'],
            ', region %s' % credentials.region_name
            if credentials.region_name else '',
            service.url_option, service.url_variable))


def make_client(credentials: Credentials, service: Service = GENERIC,
                client_class: type[HTTPClient] = HTTPClient) -> HTTPClient:
    """The :class:`HTTPClient` that ``credentials`` describe.

    :raises AuthError: when they are not enough to reach the API.
    """
    common = dict(timeout=credentials.timeout, verify=credentials.verify,
                  service=service, cert=credentials.client_cert)
    if credentials.auth_token and credentials.url:
        return client_class(credentials.url, token=credentials.auth_token,
                            **common)
    if credentials.auth_url:
        session = keystone_session(credentials, service)
        endpoint = credentials.url or catalogue_endpoint(
            session, credentials, service)
        return client_class(endpoint, session=session, **common)
    if credentials.url:
        return client_class(credentials.url, **common)
    raise exc.AuthError(
        'You must provide an auth url via either --os-auth-url or '
        'env[OS_AUTH_URL] (with a username, password and project), or '
        'the %s URL via %s or env[%s] (with --os-auth-token when it '
        'checks tokens)' % (service.api, service.url_option,
                            service.url_variable))
