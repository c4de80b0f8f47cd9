"""FM's alembic history has one head and builds exactly its models."""
from fm.db import migration, models
from stx_common.db import migration as runner
from stx_common.testing import migrations


def test_one_head():
    assert len(runner.heads(migration.MIGRATIONS)) == 1


def test_models_match_migrations_on_sqlite(tmp_path):
    url = 'sqlite:///%s' % (tmp_path / 'fm.sqlite')
    assert migrations.schema_differences(
        migration.MIGRATIONS, models.Base.metadata, url) == []
