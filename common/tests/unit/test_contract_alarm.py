import datetime

import pytest

from stx_common.contracts import alarm as contract


def _fault(**kwargs):
    values = dict(alarm_id='200.004', alarm_state='set',
                  entity_type_id='host',
                  entity_instance_id='host=worker-0', severity='critical',
                  reason_text='worker-0 failed', alarm_type='equipment',
                  probable_cause='equipment-malfunction',
                  proposed_repair_action='wait', service_affecting=True,
                  suppression=False)
    values.update(kwargs)
    return contract.Fault(**values)


def test_valid_fault_passes():
    assert _fault().validate()


@pytest.mark.parametrize('field, value, reason', [
    ('alarm_id', '', 'alarm_id is required'),
    ('severity', 'huge', "severity 'huge' is not one of"),
    ('alarm_type', 'weird', "alarm_type 'weird' is not one of"),
    ('probable_cause', 'gremlins', "probable_cause 'gremlins'"),
    ('alarm_state', 'on', "alarm_state 'on'"),
    ('reason_text', 'x' * 256, 'longer than 255'),
])
def test_invalid_faults(field, value, reason):
    with pytest.raises(contract.InvalidFault) as err:
        _fault(**{field: value}).validate()
    assert reason in str(err.value)


def test_wire_round_trip():
    fault = _fault(uuid='12345678-1234-1234-1234-123456789012',
                   timestamp=datetime.datetime(2026, 1, 2, 3, 4, 5, 6))
    text = contract.to_wire(fault)
    assert text.startswith('###12345678-1234-1234-1234-123456789012###'
                           '200.004###set###host###host=worker-0###'
                           '2026-01-02 03:04:05.000006###critical###')
    assert text.endswith('###True###False###False###False###')
    assert contract.from_wire(text) == fault


@pytest.mark.parametrize('uuid', ['', '12345678-1234-1234-1234-123456789012'])
def test_wire_as_fmclientcli_writes_it(uuid):
    fault = contract.from_wire(
        uuid + '###200.004###set###host###host=w0### ###critical###r###'
        'equipment###equipment-malfunction###repair###True###True###False'
        '###')
    assert fault.uuid == (uuid or None)
    assert fault.alarm_id == '200.004' and fault.suppression is True
    assert fault.inhibit_alarms is False
    assert fault.timestamp is not None  # empty timestamp means now


def test_wire_with_a_leading_separator_and_14_fields():
    fault = contract.from_wire(
        '###12345678-1234-1234-1234-123456789012###200.004###set###host'
        '###host=w0### ###critical###r###equipment###equipment-malfunction'
        '###repair###True###True###False###')
    assert fault.alarm_id == '200.004' and fault.severity == 'critical'


def test_wire_with_too_few_fields():
    with pytest.raises(contract.InvalidFault):
        contract.from_wire('###200.004###set###')


def test_event_round_trip_and_batch():
    event = contract.AlarmEvent('set', fault=_fault(uuid='u' * 36))
    clear = contract.AlarmEvent('clear', alarm_id='200.004',
                                entity_instance_id='host=w0')
    body = contract.batch_message([event, clear])
    again = contract.events_of(body)
    assert [e.action for e in again] == ['set', 'clear']
    assert again[0].fault == event.fault
    assert again[1].event_uuid == clear.event_uuid


def test_event_validation():
    with pytest.raises(contract.InvalidFault):
        contract.AlarmEvent('clear', entity_instance_id='x').validate()
    with pytest.raises(contract.InvalidFault):
        contract.AlarmEvent('clear_all', entity_instance_id='').validate()
    with pytest.raises(contract.InvalidFault):
        contract.AlarmEvent('explode').validate()


@pytest.mark.parametrize('severity, threshold, expected', [
    ('critical', 'major', True), ('minor', 'major', False),
    ('warning', 'warning', True), ('critical', 'none', False),
    ('critical', None, False)])
def test_affecting(severity, threshold, expected):
    assert contract.affecting(severity, threshold) is expected
