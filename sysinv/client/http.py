"""HTTP access to sysinv-api, with or without Keystone.

As StarlingX's ``system``: Keystone credentials from the ``OS_*``
variables (the endpoint is the catalogue's ``platform`` service named
``sysinv``, unless ``--system-url``/``SYSTEM_URL`` overrides it), or a
token sent as is with ``--os-auth-token`` + ``--system-url`` (Keystone is
then not asked). A URL alone reaches a server without authentication.
The work is done by :mod:`stx_common.client.http`.
"""
from __future__ import annotations

import dataclasses

from stx_common.client import http as common

SERVICE_TYPE = 'platform'
SERVICE_NAME = 'sysinv'
DEFAULT_PORT = 6385
# Not 'mtce...' nor 'vim...': sysinv-api tells those callers apart by
# their User-Agent.
USER_AGENT = 'flock-systemclient'
SERVICE = common.Service(api='sysinv-api', service_type=SERVICE_TYPE,
                         service_name=SERVICE_NAME,
                         url_option='--system-url',
                         url_variable='SYSTEM_URL', user_agent=USER_AGENT)


@dataclasses.dataclass
class Credentials(common.Credentials):
    """Where sysinv-api is and how to authenticate; ``system_url`` and
    ``url`` are the same thing."""

    system_url: str | None = None
    service_type: str | None = SERVICE_TYPE
    service_name: str | None = SERVICE_NAME

    def __post_init__(self) -> None:
        self.url = self.url or self.system_url
        self.system_url = self.url


class HTTPClient(common.HTTPClient):
    """JSON requests to one sysinv-api endpoint."""

    service = SERVICE


def make_client(credentials: common.Credentials) -> HTTPClient:
    """The :class:`HTTPClient` that ``credentials`` describe.

    :raises AuthError: when they are not enough to reach sysinv-api.
    """
    return common.make_client(credentials, SERVICE, HTTPClient)
