import pytest

from sysinv.tests.functional import fixtures


@pytest.fixture
def sysinv_service(tmp_path, pg_database, rabbit_vhost):
    service = fixtures.SysinvService(tmp_path / 'sysinv', pg_database.url,
                                     rabbit_vhost.url).start()
    yield service
    service.stop()
