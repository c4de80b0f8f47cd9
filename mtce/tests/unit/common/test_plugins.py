"""Event payloads, sinks and loading a sink by name (pmond, hwmond)."""
import pytest

from mtce.common import notifiers, plugins
from mtce.hwmon import hooks
from mtce.pmon import events


def test_payload_round_trip_with_version():
    event = events.ProcessEvent('worker-0', 'sshd', 'major', 'major',
                                restarts=2)
    payload = event.to_payload()
    assert payload['version'] == plugins.PAYLOAD_VERSION
    assert payload['restarts'] == 2
    assert events.ProcessEvent.from_payload(payload) == event
    sensor = hooks.SensorEvent('worker-0', 'CPU Temp', 'temperature',
                               'alarm', 'critical', 95.0)
    assert hooks.SensorEvent.from_payload(
        dict(sensor.to_payload(), unknown='ignored')) == sensor


def test_timestamp_is_utc_with_microseconds():
    stamp = plugins.timestamp()
    assert len(stamp) == 27 and stamp.endswith('Z') and stamp[10] == 'T'


@pytest.mark.parametrize('spec', [None, '', 'log'])
def test_log_is_the_default(spec):
    assert isinstance(events.load_notifier(spec), events.LogNotifier)
    assert isinstance(hooks.load_hook(spec), hooks.LogHook)


def test_module_attribute_is_called():
    notifier = events.load_notifier(
        'mtce.pmon.events:CollectingNotifier')
    assert isinstance(notifier, events.CollectingNotifier)
    notifier.notify('event')
    assert notifier.events == ['event']
    assert isinstance(hooks.load_hook('mtce.common.notifiers:'
                                      'SensorEventHook'),
                      notifiers.SensorEventHook)


def test_bad_specs():
    with pytest.raises(ValueError, match='notifier .*: expected "log" or '
                       '"module:attribute"'):
        events.load_notifier('mtce.pmon.events')
    with pytest.raises(TypeError,
                       match="hook 'mtce.pmon.events:CollectingNotifier' "
                             'is not a MaintenanceHook'):
        hooks.load_hook('mtce.pmon.events:CollectingNotifier')
