"""Sensor severity, thresholds, debounce and action policy."""
import pytest

from mtce.bmc import base
from mtce.hwmon import model, policy

DEFAULTS = {'minor': 'ignore', 'major': 'log', 'critical': 'alarm'}


def reading(name='CPU Temp', status='ok', value=40.0, group='temperature'):
    return base.SensorReading(name=name, group=group, value=value,
                              unit='degrees C', status=status)


@pytest.mark.parametrize('status, severity', [
    ('ok', 'ok'), ('nc', 'major'), ('cr', 'critical'), ('nr', 'critical'),
    ('na', 'offline'), ('ns', 'minor'), ('', 'minor'), ('OK', 'ok'),
])
def test_bmc_status_to_severity(status, severity):
    assert policy.severity_of_status(status) == severity


def test_configured_thresholds():
    limits = {'t_minor_upper': 70, 't_major_upper': 80,
              't_critical_upper': 90, 't_critical_lower': 5}
    assert policy.severity_of_value(60, limits) == 'ok'
    assert policy.severity_of_value(70, limits) == 'minor'
    assert policy.severity_of_value(85, limits) == 'major'
    assert policy.severity_of_value(95, limits) == 'critical'
    assert policy.severity_of_value(5, limits) == 'critical'
    assert policy.severity_of_value(None, limits) == 'offline'


def test_policy_precedence_sensor_group_defaults():
    pol = policy.policy_for('CPU Temp', 'temperature', DEFAULTS)
    assert (pol.action('minor'), pol.action('major'),
            pol.action('critical')) == ('ignore', 'log', 'alarm')
    assert pol.action('ok') is None and pol.action('offline') is None
    pol = policy.policy_for(
        'CPU Temp', 'temperature', DEFAULTS,
        sensor_settings={'actions_critical': 'reset'},
        group_settings={'actions_critical_group': 'power-cycle',
                        'actions_major_group': 'alarm'})
    assert pol.action('critical') == 'reset'
    assert pol.action('major') == 'alarm'
    suppressed = policy.policy_for('x', 'fan', DEFAULTS,
                                   group_settings={'suppress': True})
    assert suppressed.action('critical') == 'ignore'


def test_policy_thresholds_override_bmc_status():
    pol = policy.policy_for('CPU Temp', 'temperature', DEFAULTS,
                            sensor_settings={'t_major_upper': 50})
    assert pol.severity(reading(status='ok', value=55)) == 'major'
    assert pol.severity(reading(status='cr', value=45)) == 'ok'
    plain = policy.policy_for('CPU Temp', 'temperature', DEFAULTS)
    assert plain.severity(reading(status='cr', value=45)) == 'critical'


@pytest.mark.parametrize('severity, action', [
    ('major', 'reset'), ('minor', 'power-cycle'), ('critical', 'explode'),
])
def test_actions_allowed_per_severity(severity, action):
    with pytest.raises(ValueError, match='is not one of'):
        policy.check_action(severity, action)
    assert policy.check_action('critical', 'power-cycle') == 'power-cycle'


def _severity(r):
    return policy.severity_of_status(r.status)


def test_model_first_sample_then_debounce():
    m = model.SensorModel()
    changes, _ = m.update([reading(status='cr')], _severity)
    assert [(c.old, c.new) for c in changes] == [('ok', 'critical')]
    changes, _ = m.update([reading(status='ok')], _severity)
    assert changes == [] and m.sensors['CPU Temp'].severity == 'critical'
    changes, _ = m.update([reading(status='ok')], _severity)
    assert [(c.old, c.new) for c in changes] == [('critical', 'ok')]
    # a one-sample flapper changes nothing
    m.update([reading(status='nc')], _severity)
    changes, _ = m.update([reading(status='ok')], _severity)
    assert changes == [] and m.sensors['CPU Temp'].severity == 'ok'
    # a changing candidate restarts the count
    m.update([reading(status='nc')], _severity)
    m.update([reading(status='cr')], _severity)
    changes, _ = m.update([reading(status='cr')], _severity)
    assert [(c.old, c.new) for c in changes] == [('ok', 'critical')]


def test_model_missing_sensors_and_relearn():
    names = ['s%d' % i for i in range(7)]
    m = model.SensorModel()
    m.update([reading(n) for n in names], _severity)
    for expected in ([], [], [('ok', 'minor')]):
        changes, dropped = m.update([reading(n) for n in names[1:]],
                                    _severity)
        assert [(c.old, c.new) for c in changes] == expected
        assert dropped == []
    assert m.sensors['s0'].severity == 'minor'
    # five missing at once: the model is learned again
    changes, dropped = m.update([reading(n) for n in names[5:]], _severity)
    assert sorted(s.name for s in dropped) == names[:5]
    assert set(m.sensors) == {'s5', 's6'} and m.relearned == 1


def test_model_keeps_sensors_of_unread_groups():
    m = model.SensorModel()
    fan = reading('Fan 1', group='fan')
    m.update([reading(), fan], _severity)
    for _ in range(4):
        changes, _ = m.update([reading()], _severity, failed_groups={'fan'})
        assert changes == []
    assert m.sensors['Fan 1'].missing == 0
