"""sysinv's expected errors: they cross RPC (allowed exmod of every sysinv
process) and map to HTTP statuses through their ``code``.

StarlingX answers semantic refusals with 400 and the refusal text; the
same text is the message here (:class:`ClientSideError`).
"""
from stx_common import exception


class ClientSideError(exception.Invalid):
    """A refused request, with StarlingX's text as the whole message."""

    msg_fmt = '%(reason)s'


class OperationNotPermitted(exception.Forbidden):
    msg_fmt = 'Operation not permitted.'


class NotFound(exception.NotFound):
    msg_fmt = 'Resource could not be found.'


class SystemNotFound(NotFound):
    msg_fmt = 'No system with id %(system)s found.'


class HostNotFound(NotFound):
    msg_fmt = 'Host %(host)s could not be found.'


class AddressPoolNotFound(NotFound):
    msg_fmt = 'Address pool %(pool)s could not be found.'


class NetworkNotFound(NotFound):
    msg_fmt = 'Network %(network)s could not be found.'


class AddressNotFound(NotFound):
    msg_fmt = 'Address %(address)s could not be found.'


class AddressPoolExhausted(exception.Conflict):
    msg_fmt = 'Address pool %(pool)s has no free address left.'


class HostLocked(exception.Invalid):
    msg_fmt = ('Unable to complete the action %(action)s because Host '
               '%(host)s is in administrative state = unlocked.')


class HostAlreadyExists(exception.Conflict):
    msg_fmt = 'Host %(host)s already exists.'


class AlreadyBootstrapped(exception.Conflict):
    msg_fmt = ("System '%(name)s' (%(uuid)s) is already bootstrapped; "
               'bootstrap runs once. Change the system with '
               "'system modify' and the host commands instead.")


class MaintenanceRejected(exception.Invalid):
    """Maintenance answered ``fail``: StarlingX's wording."""

    msg_fmt = 'Operation Rejected: %(reason)s.%(action)s.'


class VimRejected(exception.Invalid):
    msg_fmt = ('VIM API Error or Timeout on action = %(action)s Please '
               'retry and if problem persists then contact your system '
               'administrator.')
