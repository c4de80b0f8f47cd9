"""The alarm client over kombu's in-memory transport (unit level); the
same client against the real broker is in tests/functional."""
import pytest

from stx_common.alarms import catalogue, channel, client
from stx_common.contracts import alarm as contract


def _fault(**kwargs):
    values = dict(alarm_id='200.004', alarm_state='set',
                  entity_type_id='host', entity_instance_id='host=w0',
                  severity='critical', reason_text='w0 failed',
                  alarm_type='equipment',
                  probable_cause='equipment-malfunction')
    values.update(kwargs)
    return contract.Fault(**values)


def _drain(conf):
    received = []
    with channel.connect() as connection:
        queue = channel.declare(connection)
        while True:
            message = queue.get(no_ack=True)
            if message is None:
                return received
            received += contract.events_of(message.decode())


@pytest.fixture
def alarms(conf, tmp_path, monkeypatch):
    monkeypatch.setattr(catalogue, 'checkers', lambda: ())
    instance = client.AlarmClient(name='unit', spool_dir=str(tmp_path))
    yield instance
    instance.close(flush_timeout=0)


def test_raise_clear_log_arrive_in_order(conf, alarms):
    uuid = alarms.set_fault(_fault())
    alarms.clear_fault('200.004', 'host=w0')
    alarms.clear_all('host=w0')
    log_uuid = alarms.log_event(_fault(alarm_id='200.021',
                                       alarm_state='msg'))
    assert alarms.flush(5)
    events = _drain(conf)
    assert [e.action for e in events] == ['set', 'clear', 'clear_all', 'log']
    assert events[0].fault.uuid == uuid and len(uuid) == 36
    assert events[0].event_uuid == uuid
    assert events[3].fault.uuid == log_uuid
    assert alarms.pending() == 0


def test_bad_faults_are_refused_at_once(conf, alarms):
    with pytest.raises(contract.InvalidFault):
        alarms.set_fault(_fault(severity='huge'))
    with pytest.raises(contract.InvalidFault):
        alarms.set_fault(_fault(alarm_state='msg'))
    with pytest.raises(contract.InvalidFault):
        alarms.clear_fault('', 'host=w0')
    assert alarms.pending() == 0


def test_catalogue_checkers_are_consulted(conf, tmp_path, monkeypatch):
    def refuse(fault):
        raise contract.InvalidFault(reason='alarm id %s is not in the alarm '
                                    'catalogue' % fault.alarm_id)

    monkeypatch.setattr(catalogue, 'checkers', lambda: (refuse,))
    instance = client.AlarmClient(name='cat', spool_dir=str(tmp_path))
    try:
        with pytest.raises(contract.InvalidFault) as err:
            instance.set_fault(_fault(alarm_id='999.999'))
        assert 'not in the alarm catalogue' in str(err.value)
    finally:
        instance.close(flush_timeout=0)
