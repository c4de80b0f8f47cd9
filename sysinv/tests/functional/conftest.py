import pytest

from sysinv.tests.functional import fixtures


@pytest.fixture
def sysinv_service(tmp_path, pg_database, rabbit_vhost):
    """sysinv on an empty database (not bootstrapped)."""
    service = fixtures.SysinvService(tmp_path / 'sysinv', pg_database.url,
                                     rabbit_vhost.url).start()
    yield service
    service.stop()


@pytest.fixture
def site_service(tmp_path, pg_database, rabbit_vhost):
    """sysinv bootstrapped with :data:`fixtures.SITE`."""
    service = fixtures.SysinvService(tmp_path / 'sysinv', pg_database.url,
                                     rabbit_vhost.url).start(fixtures.SITE)
    yield service
    service.stop()
