"""Errors of the FM client: each carries a one-line message for users."""


class ClientError(Exception):
    """Base of every error the client reports to a user.

    ``str()`` of an instance is a single line, fit for a CLI's stderr.
    """

    def __init__(self, message: str) -> None:
        super().__init__(' '.join(str(message).split()))

    @property
    def message(self) -> str:
        return str(self.args[0])


class CommandError(ClientError):
    """Bad input on the command line (arguments, query syntax)."""


class AuthError(ClientError):
    """Missing or refused credentials; no endpoint to talk to."""


class CommunicationError(ClientError):
    """fm-api could not be reached or did not answer in time."""


class HTTPError(ClientError):
    """fm-api answered with an error status.

    :ivar status: the HTTP status code.
    :ivar detail: the server's own message (``faultstring``).
    """

    def __init__(self, status: int, detail: str) -> None:
        self.status = status
        self.detail = ' '.join(str(detail).split())
        super().__init__('%s (HTTP %d)' % (self.detail, status))


class NotFound(HTTPError):
    """404: the uuid names nothing."""


class Forbidden(HTTPError):
    """403: the user's roles do not allow the call."""


class Unauthorized(HTTPError):
    """401: no token, or a token the server refuses."""


_BY_STATUS = {401: Unauthorized, 403: Forbidden, 404: NotFound}


def from_status(status: int, detail: str) -> HTTPError:
    """The :class:`HTTPError` subclass for ``status``."""
    return _BY_STATUS.get(status, HTTPError)(status, detail)
