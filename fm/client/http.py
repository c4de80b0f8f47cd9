"""HTTP access to fm-api, with or without Keystone.

Three ways to reach the API, chosen by :func:`make_client` from
:class:`Credentials` (filled from ``--os-*``/``--fm-url`` options or the
``OS_*``/``FM_URL`` variables):

* a token and a URL (``--os-auth-token`` + ``--fm-url``): the token is sent
  as ``X-Auth-Token``, Keystone is not asked anything;
* Keystone credentials (``--os-auth-url``, user, password, project): a
  keystoneauth1 session gets and renews the token; the endpoint is the
  ``faultmanagement`` service of the catalogue, unless ``--fm-url``
  overrides it;
* a URL alone: for an fm-api running with ``auth_strategy = noauth``.

Every request has a timeout. Error answers become :class:`HTTPError`s
whose message is the server's ``faultstring`` out of StarlingX's
``{"error_message": "<json>"}`` body (or the HTTP reason).
"""
from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import requests

from fm.client import exceptions as exc

SERVICE_TYPE = 'faultmanagement'
SERVICE_NAME = 'fm'
DEFAULT_TIMEOUT = 30.0
USER_AGENT = 'flock-fmclient'

_ERRNO = re.compile(r'\[Errno -?\d+\] [^\'")\]]+')


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


def _reason(error: Exception) -> str:
    """A short cause of a connection failure (``[Errno 111] ...``)."""
    text = str(error)
    match = _ERRNO.search(text)
    if match:
        return match.group(0).strip()
    return ' '.join(text.split())[:200] or type(error).__name__


@dataclasses.dataclass
class Credentials:
    """Where fm-api is and how to authenticate (the ``--os-*`` options)."""

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
    fm_url: str | None = None
    service_type: str = SERVICE_TYPE
    service_name: str | None = SERVICE_NAME
    timeout: float = DEFAULT_TIMEOUT
    insecure: bool = False
    cacert: str | None = None

    @property
    def verify(self) -> bool | str:
        if self.insecure:
            return False
        return self.cacert or True


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
    """JSON requests to one fm-api endpoint.

    :param endpoint: the API root, e.g. ``http://controller:18002``.
    :param token: sent as ``X-Auth-Token`` (not with ``session``).
    :param session: a keystoneauth1 session that authenticates the
        requests itself; without it plain ``requests`` is used.
    """

    def __init__(self, endpoint: str, token: str | None = None,
                 session: Any = None, timeout: float = DEFAULT_TIMEOUT,
                 verify: bool | str = True) -> None:
        self.endpoint = base_url(endpoint)
        self.token = token
        self.timeout = timeout
        self.verify = verify
        self._keystone = session
        self._requests = None if session is not None else requests.Session()

    def url(self, path: str) -> str:
        return '%s/%s' % (self.endpoint, path.lstrip('/'))

    def request(self, method: str, path: str,
                params: list[tuple[str, str]] | None = None,
                body: Any = None) -> Any:
        """Send one request; the decoded JSON answer (None if empty).

        :raises HTTPError: for an error status.
        :raises CommunicationError: when fm-api cannot be reached.
        :raises AuthError: when Keystone refuses the credentials.
        """
        url = self.url(path)
        headers = {'User-Agent': USER_AGENT}
        if method != 'DELETE':      # a 204 answer has no media type
            headers['Accept'] = 'application/json'
        if self._keystone is not None:
            response = self._send_keystone(method, url, params, body,
                                           headers)
        else:
            if self.token:
                headers['X-Auth-Token'] = self.token
            response = self._send_plain(method, url, params, body, headers)
        if response.status_code >= 400:
            raise exc.from_status(response.status_code,
                                  error_detail(response))
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise exc.CommunicationError(
                'fm-api at %s answered %s %s with a body that is not JSON'
                % (self.endpoint, method, path)) from None

    def get(self, path: str,
            params: list[tuple[str, str]] | None = None) -> Any:
        return self.request('GET', path, params=params)

    def patch(self, path: str, body: Any) -> Any:
        return self.request('PATCH', path, body=body)

    def delete(self, path: str) -> Any:
        return self.request('DELETE', path)

    def _send_plain(self, method, url, params, body, headers):
        assert self._requests is not None
        try:
            return self._requests.request(
                method, url, params=params, json=body, headers=headers,
                timeout=self.timeout, verify=self.verify)
        except requests.Timeout:
            raise exc.CommunicationError(
                'fm-api at %s did not answer within %gs'
                % (self.endpoint, self.timeout)) from None
        except requests.RequestException as error:
            raise exc.CommunicationError(
                'Unable to reach fm-api at %s: %s'
                % (self.endpoint, _reason(error))) from None

    def _send_keystone(self, method, url, params, body, headers):
        from keystoneauth1 import exceptions as ksa_exc

        try:
            return self._keystone.request(
                url, method, params=params, json=body, headers=headers,
                raise_exc=False)
        except ksa_exc.ConnectTimeout:
            raise exc.CommunicationError(
                'fm-api at %s did not answer within %gs'
                % (self.endpoint, self.timeout)) from None
        except ksa_exc.ConnectionError as error:
            raise exc.CommunicationError(
                'Unable to reach %s: %s' % (url.split('?')[0],
                                            _reason(error))) from None
        except ksa_exc.ClientException as error:
            raise _keystone_error(error) from None


def _keystone_error(error: Exception) -> exc.ClientError:
    """A one-line error for a failure of Keystone itself."""
    from keystoneauth1 import exceptions as ksa_exc

    if isinstance(error, ksa_exc.Unauthorized):
        return exc.AuthError('Invalid Identity credentials: %s'
                             % _reason(error))
    if isinstance(error, ksa_exc.ConnectionError):
        return exc.CommunicationError('Unable to reach Keystone: %s'
                                      % _reason(error))
    if isinstance(error, ksa_exc.EndpointNotFound):
        return exc.AuthError('No %s endpoint in the Keystone catalogue; '
                             'give one with --fm-url' % SERVICE_TYPE)
    return exc.AuthError('Keystone: %s' % _reason(error))


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


def keystone_session(credentials: Credentials) -> Any:
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
                               user_agent=USER_AGENT)


def catalogue_endpoint(session: Any, credentials: Credentials) -> str:
    """fm-api's URL out of the Keystone service catalogue."""
    from keystoneauth1 import exceptions as ksa_exc

    lookup = {'service_type': credentials.service_type,
              'interface': _interface(credentials.interface),
              'region_name': credentials.region_name}
    attempts = [dict(lookup, service_name=credentials.service_name)]
    if credentials.service_name:
        attempts.append(lookup)     # a catalogue naming the service else
    for filters in attempts:
        try:
            url = session.get_endpoint(**filters)
        except ksa_exc.EndpointNotFound:
            url = None
        except ksa_exc.ClientException as error:
            raise _keystone_error(error) from None
        if url:
            return url
    raise exc.AuthError(
        'No %s endpoint (interface %s%s) in the Keystone catalogue; give '
        'one with --fm-url or env[FM_URL]' % (
            credentials.service_type, lookup['interface'],
            ', region %s' % credentials.region_name
            if credentials.region_name else ''))


def make_client(credentials: Credentials) -> HTTPClient:
    """The :class:`HTTPClient` that ``credentials`` describe.

    :raises AuthError: when they are not enough to reach fm-api.
    """
    if credentials.auth_token and credentials.fm_url:
        return HTTPClient(credentials.fm_url, token=credentials.auth_token,
                          timeout=credentials.timeout,
                          verify=credentials.verify)
    if credentials.auth_url:
        session = keystone_session(credentials)
        endpoint = credentials.fm_url or catalogue_endpoint(session,
                                                            credentials)
        return HTTPClient(endpoint, session=session,
                          timeout=credentials.timeout,
                          verify=credentials.verify)
    if credentials.fm_url:
        return HTTPClient(credentials.fm_url, timeout=credentials.timeout,
                          verify=credentials.verify)
    raise exc.AuthError(
        'You must provide an auth url via either --os-auth-url or '
        'env[OS_AUTH_URL] (with a username, password and project), or '
        'the fm-api URL via --fm-url or env[FM_URL] (with --os-auth-token '
        'when it checks tokens)')
