"""Maintenance messages on the wire, and the monitors' notifiers."""
import pytest

from mtce.common import messages as m
from mtce.common import notifiers
from mtce.hwmon import hooks
from mtce.pmon import events
from stx_common import datagram

KEY = b'unit-key'


def _roundtrip(data):
    return m.decode(datagram.Opener(KEY).open(data))


def test_messages_roundtrip():
    sealer = datagram.Sealer(KEY, 'worker-0')
    alive = _roundtrip(m.seal_alive(sealer, 'mgmt', 42, 'b1',
                                    m.I_AM_CONFIGURED | m.I_AM_LOCKED,
                                    'worker'))
    assert alive == m.Alive('worker-0', 'mgmt', 42, 'b1',
                            m.I_AM_CONFIGURED | m.I_AM_LOCKED, 'worker')
    assert alive.flag_names() == ['configured', 'locked']
    command = _roundtrip(m.seal_command(sealer, m.CMD_START_SERVICES, 7,
                                       {'personality': 'worker'}))
    assert (command.command, command.ident, command.args,
            command.sender) == ('start-services', 7,
                                {'personality': 'worker'}, 'worker-0')
    result = _roundtrip(m.seal_result(sealer, m.CMD_REBOOT, 7, 'ack'))
    assert (result.hostname, result.status) == ('worker-0', 'ack')


@pytest.mark.parametrize('document', [
    {'t': 'alive', 'n': 'oam', 'u': 1, 'b': 'x', 'f': 0},
    {'t': 'alive', 'n': 'mgmt', 'u': 'one', 'b': 'x', 'f': 0},
    {'t': 'cmd', 'c': 'format-disk', 'i': 1},
    {'t': 'rsp', 'c': 'reboot', 'i': 1, 's': 'maybe'},
    {'t': 'hello'},
    [1, 2],
])
def test_malformed_messages(document):
    sealer = datagram.Sealer(KEY, 'worker-0')
    with pytest.raises(m.MessageError):
        _roundtrip(sealer.seal_json(document))


def test_unknown_commands_are_not_sealed():
    with pytest.raises(ValueError):
        m.seal_command(datagram.Sealer(KEY, 'c'), 'format-disk', 1)


class Client:
    def __init__(self, fail=False):
        self.sent = []
        self.fail = fail

    def process_event(self, context, event):
        if self.fail:
            raise RuntimeError('broker away')
        self.sent.append(('process_event', event))

    def sensor_event(self, context, event):
        self.sent.append(('sensor_event', event))


def test_notifiers_cast_to_maintenance():
    client = Client()
    notifier = notifiers.ProcessEventNotifier(client)
    assert isinstance(notifier, events.ProcessNotifier)
    notifier.notify(events.ProcessEvent('worker-0', 'sshd', 'major',
                                        'major'))
    hook = notifiers.SensorEventHook(client)
    assert isinstance(hook, hooks.MaintenanceHook)
    hook.notify(hooks.SensorEvent('worker-0', 'CPU Temp', 'temperature',
                                  'alarm', 'critical', 95.0,
                                  host_degraded=True))
    assert [(k, e['hostname']) for k, e in client.sent] == [
        ('process_event', 'worker-0'), ('sensor_event', 'worker-0')]
    assert client.sent[1][1]['host_degraded'] is True


def test_a_notifier_survives_a_broker_outage():
    notifiers.ProcessEventNotifier(Client(fail=True)).notify(
        events.ProcessEvent('worker-0', 'sshd', 'major', 'major'))
