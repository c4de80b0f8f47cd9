"""Alarms raised by any process reach FM through the durable queue:
with every part real (RabbitMQ, PostgreSQL, fm-manager, fm-api)."""
import pytest

from stx_common.alarms import client
from stx_common.contracts import alarm as contract

pytestmark = pytest.mark.functional


def _fault(entity='host=worker-0', alarm_id='200.004', severity='critical'):
    return contract.Fault(
        alarm_id=alarm_id, alarm_state='set', entity_type_id='host',
        entity_instance_id=entity, severity=severity,
        reason_text='%s failed' % entity, alarm_type='operational-violation',
        probable_cause='application-subsystem-failure',
        proposed_repair_action='wait for recovery', service_affecting=True,
        suppression=True)


@pytest.fixture
def alarms(conf, tmp_path, fm_service):
    conf(transport_url=fm_service.transport_url)
    instance = client.AlarmClient(name='test', spool_dir=str(tmp_path / 's'))
    yield instance
    instance.close()


def _keys(rows):
    return {(r['alarm_id'], r['entity_instance_id']) for r in rows}


def test_raise_list_clear(fm_service, alarms):
    uuid = alarms.set_fault(_fault())
    rows = fm_service.wait_for_alarms(lambda rows: rows,
                                      what='alarm stored')
    assert rows[0]['uuid'] == uuid
    alarms.clear_fault('200.004', 'host=worker-0')
    fm_service.wait_for_alarms(lambda rows: rows == [], what='cleared')
    states = [e['state'] for e in fm_service.get(
        '/v1/event_log').json()['event_log']]
    assert states == ['clear', 'set']


def test_alarm_raised_while_fm_manager_is_down_is_listed_later(
        fm_service, alarms):
    fm_service.manager.stop()
    alarms.set_fault(_fault('host=worker-1'))
    assert alarms.flush(30)          # in the durable queue now
    assert fm_service.alarms() == []
    fm_service.start_manager()
    rows = fm_service.wait_for_alarms(lambda rows: rows,
                                      what='stored after restart')
    assert _keys(rows) == {('200.004', 'host=worker-1')}


def test_unknown_alarm_id_is_refused_at_the_raiser(fm_service, alarms):
    with pytest.raises(contract.InvalidFault) as err:
        alarms.set_fault(_fault(alarm_id='999.999'))
    assert 'not in the alarm catalogue' in str(err.value)
    with pytest.raises(contract.InvalidFault) as err:
        alarms.set_fault(_fault(severity='minor'))
    assert "severity 'minor' is not allowed for 200.004" in str(err.value)


def test_a_burst_is_stored_in_order(fm_service, alarms):
    for index in range(300):
        alarms.set_fault(_fault('host=worker-%d' % index))
    for index in range(0, 300, 2):
        alarms.clear_fault('200.004', 'host=worker-%d' % index)
    rows = fm_service.wait_for_alarms(
        lambda rows: len(rows) == 150 and rows, what='burst stored')
    assert _keys(rows) == {('200.004', 'host=worker-%d' % i)
                           for i in range(1, 300, 2)}
