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

The work is done by :mod:`stx_common.client.http`; this module names
fm-api for it.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from stx_common.client import exceptions as exc
from stx_common.client import http as common
from stx_common.client.http import DEFAULT_TIMEOUT, base_url, error_detail

SERVICE_TYPE = 'faultmanagement'
SERVICE_NAME = 'fm'
USER_AGENT = 'flock-fmclient'
SERVICE = common.Service(api='fm-api', service_type=SERVICE_TYPE,
                         service_name=SERVICE_NAME, url_option='--fm-url',
                         url_variable='FM_URL', user_agent=USER_AGENT)

__all__ = ['DEFAULT_TIMEOUT', 'SERVICE', 'Credentials', 'HTTPClient',
           'base_url', 'catalogue_endpoint', 'error_detail',
           'keystone_session', 'make_client']


@dataclasses.dataclass
class Credentials(common.Credentials):
    """Where fm-api is and how to authenticate; ``fm_url`` and ``url``
    are the same thing."""

    fm_url: str | None = None
    service_type: str | None = SERVICE_TYPE
    service_name: str | None = SERVICE_NAME

    def __post_init__(self) -> None:
        self.url = self.url or self.fm_url
        self.fm_url = self.url


class HTTPClient(common.HTTPClient):
    """JSON requests to one fm-api endpoint."""

    service = SERVICE


def _keystone_error(error: Exception) -> exc.ClientError:
    return common.keystone_error(error, SERVICE)


def keystone_session(credentials: common.Credentials) -> Any:
    return common.keystone_session(credentials, SERVICE)


def catalogue_endpoint(session: Any,
                       credentials: common.Credentials) -> str:
    """fm-api's URL out of the Keystone service catalogue."""
    return common.catalogue_endpoint(session, credentials, SERVICE)


def make_client(credentials: common.Credentials) -> HTTPClient:
    """The :class:`HTTPClient` that ``credentials`` describe.

    :raises AuthError: when they are not enough to reach fm-api.
    """
    return common.make_client(credentials, SERVICE, HTTPClient)
