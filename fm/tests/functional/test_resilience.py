"""fm-manager and fm-api keep working across a RabbitMQ restart and a
PostgreSQL restart, and lose no accepted alarm."""
import pytest
import requests

from fm.tests.functional import fixtures
from stx_common.alarms import client
from stx_common.contracts import alarm as contract

pytestmark = pytest.mark.functional


def _fault(entity):
    return contract.Fault(
        alarm_id='200.004', alarm_state='set', entity_type_id='host',
        entity_instance_id=entity, severity='critical', reason_text='x',
        alarm_type='operational-violation',
        probable_cause='application-subsystem-failure', suppression=True)


def _entities(service):
    return {r['entity_instance_id'] for r in service.alarms()}


@pytest.fixture
def alarm_client(conf, tmp_path):
    clients = []

    def make(url):
        conf(transport_url=url)
        conf('alarms', retry_interval=0.2)
        clients.append(client.AlarmClient(name='resilience',
                                          spool_dir=str(tmp_path / 's')))
        return clients[-1]
    yield make
    for instance in clients:
        instance.close(flush_timeout=0)


def test_rabbitmq_restart(tmp_path, pg_database, private_broker,
                          alarm_client):
    service = fixtures.FMService(tmp_path / 'fm', pg_database.url,
                                 private_broker.url).start()
    try:
        alarms = alarm_client(private_broker.url)
        alarms.set_fault(_fault('host=before'))
        service.wait_for_alarms(lambda rows: rows, what='first alarm')
        private_broker.stop()
        alarms.set_fault(_fault('host=during'))      # spooled, not lost
        assert service.alarms()                      # reads need no broker
        private_broker.start()
        alarms.set_fault(_fault('host=after'))
        service.wait_for_alarms(
            lambda rows: {r['entity_instance_id'] for r in rows} ==
            {'host=before', 'host=during', 'host=after'},
            what='every alarm after the broker came back')
        # fm-api's RPC to fm-manager works again too (reconnected)
        uuid = service.alarms()[0]['uuid']
        response = requests.delete('%s/v1/alarms/%s' % (service.url, uuid),
                                   timeout=60)
        assert response.status_code == 204
        assert len(_entities(service)) == 2
    finally:
        service.stop()


def test_postgresql_restart(tmp_path, private_postgres, rabbit_vhost,
                            alarm_client):
    database = private_postgres.database()
    service = fixtures.FMService(tmp_path / 'fm', database.url,
                                 rabbit_vhost.url).start()
    try:
        alarms = alarm_client(rabbit_vhost.url)
        alarms.set_fault(_fault('host=before'))
        service.wait_for_alarms(lambda rows: rows, what='first alarm')
        private_postgres.stop()
        response = service.get('/v1/alarms')
        assert response.status_code == 503
        assert 'database' in response.json()['error_message']
        alarms.set_fault(_fault('host=during'))   # accepted while DB down
        assert alarms.flush(30)
        private_postgres.start()
        service.wait_for_alarms(
            lambda rows: {r['entity_instance_id'] for r in rows} ==
            {'host=before', 'host=during'}, what='stored after DB restart')
        assert service.manager.running() and service.api.running()
    finally:
        service.stop()
