"""Pecan hooks: the request context and the request id."""
from oslo_context import context as oslo_context
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
                request_id=environ.get(oslo_context.HTTP_REQUEST_ID_HEADER))
        else:
            context = ctx.RequestContext.from_environ(environ)
            context.is_admin = 'admin' in context.roles
        state.request.context = context


class RequestIdHook(hooks.PecanHook):
    """Answers every request with ``X-OpenStack-Request-Id``."""

    def after(self, state):
        context = getattr(state.request, 'context', None)
        if context is not None and state.response is not None:
            state.response.headers['X-OpenStack-Request-Id'] = (
                context.request_id)


def context():
    """The context of the request being served."""
    return pecan.request.context
