"""sysinv-api's WSGI application."""
import os

from oslo_config import cfg
from oslo_log import log
from pecan import hooks

from stx_common.api import app as common_app
from sysinv.api.controllers import root
from sysinv.common import constants
from sysinv.conductor import rpcapi
from sysinv.db import api as db_api

CONF = cfg.CONF
LOG = log.getLogger(__name__)
OPENAPI = os.path.join(os.path.dirname(__file__), 'openapi.yaml')
SERVICE_ROLE = 'service'
# Answered without a token (version discovery), as StarlingX's are.
PUBLIC_PATHS = ('/', '/v1', '/openapi.json')


def origin_of(user_agent, context, auth_strategy):
    """Which platform service sends a request: ``mtce``, ``vim`` or None.

    StarlingX recognises maintenance and the VIM by their User-Agent
    (``mtce/1.0``, ``vim/1.0``); with Keystone the caller must also hold
    the ``service`` role, so the header alone grants nothing.
    """
    agent = (user_agent or '').lower()
    for origin in constants.ORIGINS:
        if agent.startswith(origin):
            break
    else:
        return None
    if auth_strategy == 'noauth' or SERVICE_ROLE in (context.roles or ()):
        return origin
    LOG.warning('User-Agent %s without the %s role: treated as a user',
                user_agent, SERVICE_ROLE)
    return None


class SysinvHook(hooks.PecanHook):
    """Gives controllers the DB API (reads), the conductor (writes) and
    the caller's origin (mtce, vim or a user)."""

    def __init__(self, dbapi, conductor, auth_strategy):
        super().__init__()
        self.dbapi = dbapi
        self.conductor = conductor
        self.auth_strategy = auth_strategy

    def before(self, state):
        request = state.request
        request.dbapi = self.dbapi
        request.rpcapi = self.conductor
        request.origin = origin_of(request.user_agent, request.context,
                                   self.auth_strategy)


def make_app(dbapi=None, conductor=None, auth_strategy=None):
    """The sysinv-api application.

    :param dbapi: sysinv's DB API (default: from ``[database]``).
    :param conductor: the conductor RPC client (default: a new one).
    """
    dbapi = dbapi or db_api.Connection()
    conductor = conductor or rpcapi.ConductorAPI()
    strategy = auth_strategy or CONF.api.auth_strategy
    return common_app.make_app(
        root.RootController(OPENAPI),
        extra_hooks=[SysinvHook(dbapi, conductor, strategy)],
        auth_strategy=strategy, public_paths=PUBLIC_PATHS)
