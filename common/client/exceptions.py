"""Errors of the REST clients: each carries a one-line message for users.
"""


class ClientError(Exception):
    """Base of every error a client reports to a user.

    ``str()`` of an instance is a single line, fit for a CLI's stderr.
    """

    def __init__(self, message: str) -> None:
        super().__init__(' '.join(str(message).split()))

    @property
    def message(self) -> str:
        return str(self.args[0])


class CommandError(ClientError):
    """Bad input on the command line (arguments, query syntax, names)."""


class AuthError(ClientError):
    """Missing or refused credentials; no endpoint to talk to."""


class CommunicationError(ClientError):
    """The API could not be reached or did not answer in time."""


class HTTPError(ClientError):
    """The API answered with an error status.

    :ivar status: the HTTP status code.
    :ivar detail: the server's own message (``faultstring``).
    """

    def __init__(self, status: int, detail: str) -> None:
        self.status = status
        self.detail = ' '.join(str(detail).split())
        super().__init__('%s (HTTP %d)' % (self.detail, status))


class BadRequest(HTTPError):
    """400: the server refused the input."""


class Unauthorized(HTTPError):
    """401: no token, or a token the server refuses."""


class Forbidden(HTTPError):
    """403: the user's roles (or the resource's state) forbid the call."""


class NotFound(HTTPError):
    """404: the name or uuid names nothing."""


class Conflict(HTTPError):
    """409: the change conflicts with what exists."""


_BY_STATUS = {400: BadRequest, 401: Unauthorized, 403: Forbidden,
              404: NotFound, 409: Conflict}


def from_status(status: int, detail: str) -> HTTPError:
    """The :class:`HTTPError` subclass for ``status``."""
    return _BY_STATUS.get(status, HTTPError)(status, detail)
