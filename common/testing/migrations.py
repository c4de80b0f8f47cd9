"""Checking that a service's alembic history builds its models exactly."""
from alembic import autogenerate
from alembic.runtime import migration as alembic_migration
import sqlalchemy as sa

from stx_common.db import migration


def schema_differences(migrations_dir, metadata, url):
    """Migrate ``url`` to head, then list how it differs from
    ``metadata`` (empty when the history and the models agree)."""
    migration.upgrade(migrations_dir, url)
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            context = alembic_migration.MigrationContext.configure(
                conn, opts={'compare_type': True,
                            'compare_server_default': False})
            return autogenerate.compare_metadata(context, metadata)
    finally:
        engine.dispose()
