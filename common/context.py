"""The request context carried from REST through RPC to notifications."""
from oslo_context import context
from oslo_db.sqlalchemy import enginefacade


@enginefacade.transaction_context_provider
class RequestContext(context.RequestContext):
    """Who asks, with which roles, under which request id.

    It crosses RPC as a dict (:meth:`to_dict` / :meth:`from_dict`) through
    :class:`stx_common.rpc.RequestContextSerializer`.
    """

    def __init__(self, is_admin=None, **kwargs):
        super().__init__(is_admin=bool(is_admin), **kwargs)

    def to_dict(self):
        values = super().to_dict()
        values['is_admin'] = self.is_admin
        return values

    @classmethod
    def from_dict(cls, values, **kwargs):
        kwargs.setdefault('is_admin', values.get('is_admin', False))
        return super().from_dict(values, **kwargs)


def get_admin_context(**kwargs):
    """A context for a service acting on its own behalf."""
    kwargs.setdefault('roles', ['admin'])
    return RequestContext(is_admin=True, overwrite=False, **kwargs)
