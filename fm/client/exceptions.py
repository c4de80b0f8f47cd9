"""Errors of the FM client: each carries a one-line message for users.

They are the shared client errors of :mod:`stx_common.client.exceptions`.
"""
from stx_common.client.exceptions import (
    AuthError,
    BadRequest,
    ClientError,
    CommandError,
    CommunicationError,
    Conflict,
    Forbidden,
    HTTPError,
    NotFound,
    Unauthorized,
    from_status,
)

__all__ = ['AuthError', 'BadRequest', 'ClientError', 'CommandError',
           'CommunicationError', 'Conflict', 'Forbidden', 'HTTPError',
           'NotFound', 'Unauthorized', 'from_status']
