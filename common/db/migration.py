"""The alembic runner every service's migrations go through.

A service keeps its history in ``<svc>/db/migrations`` (``env.py`` calls
:func:`run_env`, one head). The runner is driven programmatically, so no
``alembic.ini`` has to be found at run time.
"""
import os
import time

from alembic import command
from alembic import config as alembic_config
from alembic import context as alembic_context
from alembic import script as alembic_script
from alembic.runtime import migration as alembic_migration
from oslo_db import exception as db_exc
from oslo_log import log
import sqlalchemy as sa

LOG = log.getLogger(__name__)


def _config(migrations_dir, url):
    config = alembic_config.Config()
    config.set_main_option('script_location', migrations_dir)
    config.set_main_option('sqlalchemy.url', url.replace('%', '%%'))
    return config


def wait_for_database(url, timeout=60.0):
    """Block until ``url`` accepts connections (the DB may be starting)."""
    deadline = time.monotonic() + timeout
    engine = sa.create_engine(url)
    try:
        while True:
            try:
                with engine.connect() as conn:
                    conn.execute(sa.text('SELECT 1'))
                return
            except sa.exc.OperationalError as exc:
                if time.monotonic() > deadline:
                    raise db_exc.DBConnectionError(exc) from exc
                time.sleep(1.0)
    finally:
        engine.dispose()


def _ensure_sqlite_dir(url):
    if url.startswith('sqlite:///') and url != 'sqlite:///:memory:':
        path = url[len('sqlite:///'):]
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)


def upgrade(migrations_dir, url, revision='head'):
    """Bring the database at ``url`` to ``revision``."""
    _ensure_sqlite_dir(url)
    command.upgrade(_config(migrations_dir, url), revision)


def stamp(migrations_dir, url, revision='head'):
    command.stamp(_config(migrations_dir, url), revision)


def current_revision(url):
    """The revision the database is at, or None when never migrated."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return alembic_migration.MigrationContext.configure(
                conn).get_current_revision()
    finally:
        engine.dispose()


def heads(migrations_dir):
    """The head revisions of the history (a sound history has one)."""
    scripts = alembic_script.ScriptDirectory(migrations_dir)
    return list(scripts.get_heads())


def run_env(target_metadata=None):
    """Body of every service's ``env.py``: migrate online."""
    config = alembic_context.config
    connectable = config.attributes.get('connection')
    if connectable is not None:
        alembic_context.configure(connection=connectable,
                                  target_metadata=target_metadata)
        with alembic_context.begin_transaction():
            alembic_context.run_migrations()
        return
    engine = sa.create_engine(config.get_main_option('sqlalchemy.url'),
                              poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        alembic_context.configure(connection=connection,
                                  target_metadata=target_metadata,
                                  render_as_batch=True)
        with alembic_context.begin_transaction():
            alembic_context.run_migrations()
    engine.dispose()
