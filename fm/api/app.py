"""fm-api's WSGI application."""
import os

from oslo_config import cfg
from pecan import hooks

from fm.api.controllers import root
from fm.db import api as db_api
from fm.manager import rpcapi
from stx_common.api import app as common_app

CONF = cfg.CONF
OPENAPI = os.path.join(os.path.dirname(__file__), 'openapi.yaml')


class FMHook(hooks.PecanHook):
    """Gives controllers the DB API (reads) and the manager (writes)."""

    def __init__(self, dbapi, manager):
        super().__init__()
        self.dbapi = dbapi
        self.manager = manager

    def before(self, state):
        state.request.dbapi = self.dbapi
        state.request.manager = self.manager


def make_app(dbapi=None, manager=None, auth_strategy=None):
    """The fm-api application.

    :param dbapi: FM's DB API (default: from ``[database]``).
    :param manager: the fm-manager RPC client (default: a new one).
    """
    dbapi = dbapi or db_api.Connection()
    manager = manager or rpcapi.ManagerAPI()
    return common_app.make_app(root.RootController(OPENAPI),
                               extra_hooks=[FMHook(dbapi, manager)],
                               auth_strategy=auth_strategy)
