import pytest

from fm.tests.functional import fixtures


@pytest.fixture
def fm_service(tmp_path, pg_database, rabbit_vhost):
    service = fixtures.FMService(tmp_path / 'fm', pg_database.url,
                                 rabbit_vhost.url).start()
    yield service
    service.stop()
