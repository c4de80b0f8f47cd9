"""Assembling a service's WSGI application.

``make_app(root)`` gives: the fault middleware (StarlingX error format)
around the request-id middleware (``X-OpenStack-Request-Id``) around
Keystone's auth_token middleware (when ``[api] auth_strategy = keystone``)
around the pecan application with the context hook. Paths in
``public_paths`` need no token (version discovery).
"""
from keystonemiddleware import auth_token
from oslo_config import cfg
from oslo_middleware import request_id
import pecan

from stx_common.api import faults, hooks

CONF = cfg.CONF

PUBLIC_PATHS = ('/', '/openapi.json')


class PublicPathsAuth(auth_token.AuthProtocol):
    """auth_token that lets version discovery through without a token."""

    def __init__(self, app, conf, public_paths):
        super().__init__(app, conf)
        self.public_paths = set(public_paths)

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '/').rstrip('/') or '/'
        if path in self.public_paths:
            return self._app(environ, start_response)
        return super().__call__(environ, start_response)


def make_app(root, extra_hooks=(), auth_strategy=None,
             public_paths=PUBLIC_PATHS, conf=CONF):
    """The WSGI application of a service.

    :param root: the pecan root controller.
    :param extra_hooks: service hooks (an RPC client hook, ...).
    :param auth_strategy: overrides ``[api] auth_strategy``.
    """
    strategy = auth_strategy or conf.api.auth_strategy
    app = pecan.make_app(
        root,
        hooks=[hooks.ContextHook(strategy), *extra_hooks],
        force_canonical=False,
        guess_content_type_from_ext=False,
    )
    if strategy == 'keystone':
        app = PublicPathsAuth(app, {'oslo_config_config': conf},
                              public_paths)
    return faults.FaultMiddleware(request_id.RequestId(app))
