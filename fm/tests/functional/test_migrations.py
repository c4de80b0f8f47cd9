"""FM's schema on PostgreSQL matches its models, and dbsync is
idempotent."""
import subprocess

import pytest

from fm.db import migration, models
from stx_common.db import migration as runner
from stx_common.testing import migrations, process

pytestmark = pytest.mark.functional


def test_models_match_migrations_on_postgresql(pg_database):
    assert migrations.schema_differences(
        migration.MIGRATIONS, models.Base.metadata, pg_database.url) == []


def test_dbsync_twice_and_version(pg_database, tmp_path):
    config = tmp_path / 'fm.conf'
    config.write_text('[database]\nconnection = %s\n[DEFAULT]\nstate_path '
                      '= %s\n' % (pg_database.url, tmp_path))
    argv = [process.script('fm-dbsync'), '--config-file', str(config)]
    for _ in range(2):
        subprocess.run(argv, check=True, capture_output=True, timeout=120)
    version = subprocess.run(argv + ['version'], check=True,
                             capture_output=True, text=True, timeout=120)
    assert version.stdout.strip() == runner.heads(migration.MIGRATIONS)[0]
