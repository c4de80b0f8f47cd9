"""Pecan hooks: the request context."""
import pecan
from pecan import hooks

from stx_common import context as ctx


class ContextHook(hooks.PecanHook):
    """Puts a :class:`RequestContext` on ``pecan.request.context``.

    With Keystone, identity and roles come from keystonemiddleware's
    headers; with ``noauth`` every request acts as admin.
    """

    def __init__(self, auth_strategy):
        super().__init__()
        self.auth_strategy = auth_strategy

    def before(self, state):
        environ = state.request.environ
        if self.auth_strategy == 'noauth':
            context = ctx.get_admin_context(
                request_id=environ.get('openstack.request_id'))
        else:
            context = ctx.RequestContext.from_environ(environ)
            context.is_admin = 'admin' in context.roles
        state.request.context = context


def context():
    """The context of the request being served."""
    return pecan.request.context
