"""Exceptions that carry their HTTP status.

A service subclasses these; the API fault middleware turns any of them into
StarlingX's error body with ``code`` as the status, and RPC servers declare
them expected so they cross RPC without a traceback in the logs.
"""


class FlockException(Exception):
    """Base of every expected error.

    :cvar msg_fmt: message template filled from the keyword arguments.
    :cvar code: the HTTP status the API answers with.
    """

    msg_fmt = 'An unknown error occurred.'
    code = 500

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if message is None:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError, ValueError):
                message = self.msg_fmt
        self.message = str(message)
        super().__init__(self.message)

    def __str__(self):
        return self.message


class Invalid(FlockException):
    msg_fmt = 'Invalid input: %(reason)s'
    code = 400


class NotAuthorized(FlockException):
    msg_fmt = 'Not authorized.'
    code = 401


class Forbidden(FlockException):
    msg_fmt = 'Access was denied to this resource.'
    code = 403


class NotFound(FlockException):
    msg_fmt = 'Resource could not be found.'
    code = 404


class Conflict(FlockException):
    msg_fmt = 'Conflict: %(reason)s'
    code = 409


class ServiceUnavailable(FlockException):
    msg_fmt = 'Service temporarily unavailable: %(reason)s'
    code = 503


class InvalidTransition(Conflict):
    msg_fmt = ('%(entity)s cannot take event "%(event)s" in state '
               '"%(state)s".')
