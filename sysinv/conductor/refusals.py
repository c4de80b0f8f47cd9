"""How the logical-configuration rules refuse a request.

StarlingX answers most semantic refusals with 400 and its text
(``ClientSideError``); some of its errors are conflicts (409: address
pool ranges, an existing network type) or not-found (404). These helpers
raise the matching expected error with exactly the message given; every
class used here crosses RPC (``sysinv.exception`` and
``stx_common.exception`` are allowed remote exception modules).
"""
from stx_common import exception as common_exc
from sysinv import exception


def refuse(message):
    """400 with ``message``."""
    raise exception.ClientSideError(reason=message)


def conflict(message):
    """409 with ``message``."""
    raise common_exc.Conflict(message=message)


def not_found(message):
    """404 with ``message``."""
    raise exception.NotFound(message=message)


def not_found_error(message):
    """A factory of the 404 error, for the DB API's ``not_found``."""
    return lambda **_: exception.NotFound(message=message)
