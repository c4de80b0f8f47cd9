"""The alembic history and the models describe the same schema."""
from alembic import autogenerate
from alembic.runtime import migration as alembic_migration
import sqlalchemy as sa

from sysinv.db import migration, models


def test_one_head():
    from stx_common.db import migration as common

    assert common.heads(migration.MIGRATIONS) == ['0001']


def test_models_match_migrations(conf, tmp_path):
    url = 'sqlite:///%s' % (tmp_path / 'sync.sqlite')
    migration.upgrade(url)
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            context = alembic_migration.MigrationContext.configure(
                conn, opts={'compare_type': True})
            diff = autogenerate.compare_metadata(context,
                                                 models.Base.metadata)
    finally:
        engine.dispose()
    assert diff == []
    assert migration.current_revision(url) == '0001'


def test_unique_constraints_follow_the_oslo_db_convention():
    for table in models.Base.metadata.tables.values():
        for constraint in table.constraints:
            if isinstance(constraint, sa.UniqueConstraint):
                assert constraint.name.startswith('uniq_%s0' % table.name)
                assert len(constraint.name) <= 63
