import pytest

from stx_lab import exception, state
from stx_lab.bmc import sensors


def test_defaults_cover_every_kind_and_are_ok():
    found = sensors.default_sensors()
    assert {s.kind for s in found} == {sensors.TEMPERATURE, sensors.FAN,
                                       sensors.VOLTAGE, sensors.POWER}
    assert len({s.number for s in found}) == len(found)
    assert all(s.status == sensors.OK and s.health == 'OK' for s in found)


@pytest.mark.parametrize('value,status,health', [
    (45, 'ok', 'OK'), (80, 'unc', 'Warning'), (91, 'ucr', 'Critical'),
    (120, 'unr', 'Critical'), (10, 'lnc', 'Warning'), (4, 'lcr', 'Critical'),
])
def test_status_is_the_most_severe_crossed_threshold(value, status, health):
    sensor = sensors.Sensor(1, 'CPU Temp', sensors.TEMPERATURE, value,
                            lcr=5, lnc=10, unc=80, ucr=90, unr=100)
    assert sensor.status == status
    assert sensor.health == health


def test_store_sets_values_seen_by_every_reader(tmp_path):
    paths = state.LabPaths('ab12', str(tmp_path))
    store = sensors.SensorStore(paths, 'worker-0')
    store.initialise()
    store.set('cpu temp', 95)
    again = sensors.SensorStore(paths, 'worker-0')
    assert again.get('CPU Temp').value == 95.0
    assert again.get('CPU Temp').status == 'ucr'
    assert again.get('Inlet Temp').value == 24.0
    with pytest.raises(exception.LabError, match='no sensor'):
        store.set('Flux Capacitor', 1)


def test_store_without_file_has_defaults(tmp_path):
    store = sensors.SensorStore(state.LabPaths('ab12', str(tmp_path)), 'h')
    assert [s.name for s in store.all()] == [
        s.name for s in sensors.default_sensors()]
