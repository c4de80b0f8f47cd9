"""sysinv's binding of the shared alembic runner."""
import os

from oslo_config import cfg

from stx_common.db import cli, migration

CONF = cfg.CONF
MIGRATIONS = os.path.join(os.path.dirname(__file__), 'migrations')


def upgrade(url=None, revision='head'):
    migration.upgrade(MIGRATIONS, url or CONF.database.connection, revision)


def current_revision(url=None):
    return migration.current_revision(url or CONF.database.connection)


dbsync_main = cli.make_dbsync('sysinv', MIGRATIONS)
