"""oslo.db enginefacade contexts, one per service database.

Each service's ``db/api.py`` owns a context manager made here; it reads the
``[database]`` group of the process's configuration unless a connection is
given (tests). Sessions are opened only in a service's ``db/api.py``.
"""
from oslo_config import cfg
from oslo_db.sqlalchemy import enginefacade

from stx_common import context as ctx

CONF = cfg.CONF


def make_context_manager(connection=None, **options):
    """A transaction context manager for one database.

    :param connection: SQLAlchemy URL; default ``[database] connection``.
    :param options: further enginefacade options (``max_pool_size`` ...).
    """
    manager = enginefacade.transaction_context()
    values = {'sqlite_fk': True}
    if connection is not None:
        values['connection'] = connection
    values.update(options)
    manager.configure(**values)
    return manager


class ContextManagerOwner:
    """Mixin for a service's DB API: ``self._reader()``/``self._writer()``.

    ``with self._writer() as session:`` opens one transaction, committed
    on exit; nested calls on the same context share it.
    """

    def __init__(self, context_manager=None, connection=None):
        self._tx = context_manager or make_context_manager(connection)

    def _reader(self, context=None):
        return self._tx.reader.using(context or ctx.get_admin_context())

    def _writer(self, context=None):
        return self._tx.writer.using(context or ctx.get_admin_context())

    def get_engine(self):
        return self._tx.writer.get_engine()

    def dispose(self):
        """Close pooled connections (tests, forked workers)."""
        self._tx.dispose_pool()
