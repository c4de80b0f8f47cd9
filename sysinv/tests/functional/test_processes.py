"""sysinv's processes against the real PostgreSQL and RabbitMQ."""
import pytest
import sqlalchemy as sa

from sysinv.db import migration, models

pytestmark = pytest.mark.functional


def test_dbsync_schema_matches_models_on_postgresql(tmp_path, pg_database,
                                                    rabbit_vhost):
    from alembic import autogenerate
    from alembic.runtime import migration as alembic_migration

    from sysinv.tests.functional import fixtures

    service = fixtures.SysinvService(tmp_path / 's', pg_database.url,
                                     rabbit_vhost.url)
    service.dbsync()
    assert service.run('sysinv-dbsync', 'version').stdout.strip() == '0001'
    engine = sa.create_engine(pg_database.url)
    try:
        with engine.connect() as conn:
            context = alembic_migration.MigrationContext.configure(
                conn, opts={'compare_type': True})
            assert autogenerate.compare_metadata(
                context, models.Base.metadata) == []
    finally:
        engine.dispose()
    assert migration.current_revision(pg_database.url) == '0001'


def test_api_and_conductor_serve(sysinv_service):
    root = sysinv_service.get('/').json()
    assert root['versions'][0]['id'] == 'v1'
    body = sysinv_service.get('/v1/ihosts').json()
    assert body == {'ihosts': []}
    assert sysinv_service.get('/v1/isystems').json() == {'isystems': []}
    missing = sysinv_service.get('/v1/ihosts/controller-9')
    assert missing.status_code == 404
    assert 'error_message' in missing.json()
