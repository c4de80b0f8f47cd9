"""A host's sensor audit against real BMC emulators: alarms 200.007,
200.014, 200.015, log / reset / power-cycle actions, maintenance events."""
import pytest

from mtce.bmc import base
from mtce.hwmon import hooks, monitor, provider
from mtce.tests.unit.bmc import emulators, fixtures
from mtce.tests.unit.bmc.recorder import AlarmRecorder
from stx_lab.bmc import sensors

PASSWORD = 'Hw-pw-31b7'
DEFAULTS = {'minor': 'ignore', 'major': 'log', 'critical': 'alarm'}
CPU = 'host=worker-0.sensor=CPU Temp'

ipmi_bmc = fixtures.emulator(emulators.IpmiEmulator, PASSWORD)
redfish_bmc = fixtures.emulator(emulators.RedfishEmulator, PASSWORD)


def _record(bmc, **values):
    values.setdefault('hostname', 'worker-0')
    if isinstance(bmc, emulators.RedfishEmulator):
        values.setdefault('bm_type', 'redfish')
        values.setdefault('bm_ip', bmc.url)
    else:
        values.setdefault('bm_type', 'ipmi')
        values.setdefault('bm_ip', bmc.address)
        values.setdefault('bm_port', bmc.port)
    values.setdefault('bm_username', 'admin')
    values.setdefault('bm_password', PASSWORD)
    return provider.record_from_dict(values)


class Host:
    def __init__(self, bmc, **values):
        self.bmc = bmc
        self.alarms = AlarmRecorder()
        self.hook = hooks.CollectingHook()
        self.mon = monitor.HostMonitor(_record(bmc, **values), self.alarms,
                                       self.hook, DEFAULTS)

    def audit(self, times=1):
        for _ in range(times):
            self.mon.audit()

    def actions(self):
        return [(e.sensor, e.action, e.severity) for e in self.hook.events]


@pytest.fixture
def restore(ipmi_bmc, redfish_bmc):
    changed = []

    def set_sensor(bmc, name, value):
        changed.append((bmc, name))
        bmc.set_sensor(name, value)

    yield set_sensor
    defaults = {s.name: s.value for s in sensors.default_sensors()}
    for bmc, name in changed:
        bmc.set_sensor(name, defaults[name])


def test_critical_reading_alarms_and_clears(conf, ipmi_bmc, restore):
    host = Host(ipmi_bmc)
    host.audit()
    assert host.alarms.active == {}
    assert ('clear', '200.007', CPU, None) in host.alarms.calls  # stale
    assert len(host.mon.model.sensors) == 7

    restore(ipmi_bmc, 'CPU Temp', 95)
    host.audit()                       # debounce: first sample only
    assert host.alarms.raised('200.007', CPU) is None
    host.audit()
    fault = host.alarms.raised('200.007', CPU)
    assert fault.severity == 'critical'
    assert fault.reason_text == ("Host is degraded due to a 'Critical' "
                                 "out-of-tolerance reading from the 'CPU "
                                 "Temp' sensor")
    event = host.hook.events[-1]
    assert (event.action, event.value, event.host_degraded) == (
        'alarm', 95.0, True)
    assert host.mon.degraded

    ipmi_bmc.set_sensor('CPU Temp', 45)
    host.audit(2)
    assert host.alarms.raised('200.007', CPU) is None
    assert host.actions()[-1] == ('CPU Temp', 'clear', 'ok')
    assert host.hook.events[-1].host_degraded is False


def test_major_reading_is_logged_by_default(conf, ipmi_bmc, restore):
    host = Host(ipmi_bmc)
    host.audit()
    restore(ipmi_bmc, 'System Fan 1', 1000)           # below lnc: "nc"
    host.audit(2)
    assert host.alarms.active == {}
    assert host.actions() == [('System Fan 1', 'log', 'major')]


def test_sensor_and_group_settings(conf, ipmi_bmc, restore):
    host = Host(ipmi_bmc,
                groups={'fan': {'actions_major_group': 'alarm'}},
                sensors={'Inlet Temp': {'t_major_upper': 30,
                                        'actions_major': 'alarm'},
                         'CPU Temp': {'suppress': True}})
    host.audit()
    restore(ipmi_bmc, 'System Fan 2', 1000)
    restore(ipmi_bmc, 'Inlet Temp', 33)             # BMC: ok; ours: major
    restore(ipmi_bmc, 'CPU Temp', 99)               # suppressed
    host.audit(2)
    assert host.alarms.raised(
        '200.007', 'host=worker-0.sensor=System Fan 2').severity == 'major'
    assert host.alarms.raised(
        '200.007', 'host=worker-0.sensor=Inlet Temp').severity == 'major'
    assert host.alarms.raised('200.007', CPU) is None

    # settings change: the fan group no longer alarms -> cleared
    host.mon.update(_record(ipmi_bmc))
    host.audit()
    assert host.alarms.raised(
        '200.007', 'host=worker-0.sensor=System Fan 2') is None


def test_reset_action_through_ipmi(conf, ipmi_bmc, restore):
    host = Host(ipmi_bmc, sensors={'CPU Temp': {
        'actions_critical': 'reset'}})
    host.audit()
    before = len(ipmi_bmc.requests())
    restore(ipmi_bmc, 'CPU Temp', 97)
    host.audit(3)
    assert ipmi_bmc.requests()[before:] == ['reset']   # once
    assert host.alarms.raised('200.007', CPU).severity == 'critical'
    assert host.actions() == [('CPU Temp', 'alarm', 'critical'),
                              ('CPU Temp', 'reset', 'critical')]


def test_power_cycle_action_through_redfish(conf, redfish_bmc, restore):
    host = Host(redfish_bmc, groups={'voltage': {
        'actions_critical_group': 'power-cycle'}})
    host.audit()
    before = len(redfish_bmc.requests())
    restore(redfish_bmc, '12V', 13.5)
    host.audit(2)
    # sushy-tools allows no PowerCycle: off, then on
    assert redfish_bmc.requests()[before:] == ['ForceOff', 'On']
    assert host.actions()[-1] == ('12V', 'power-cycle', 'critical')
    assert host.alarms.raised(
        '200.007', 'host=worker-0.sensor=12V').severity == 'critical'


def test_unreadable_bmc_raises_200_015_then_clears(conf, ipmi_bmc):
    host = Host(ipmi_bmc, bm_password='wrong-password')
    host.audit()
    assert host.alarms.raised('200.015', 'host=worker-0').severity == \
        'major'
    assert 'Incorrect password' in host.mon.last_error
    host.audit()
    assert host.alarms.count('set', '200.015') == 1
    host.mon.update(_record(ipmi_bmc))
    host.audit()
    assert host.alarms.raised('200.015', 'host=worker-0') is None


def test_partial_read_raises_200_015(conf):
    class HalfBMC:
        def sensors(self):
            raise base.PartialSensorRead(
                [base.SensorReading('CPU Temp', 'temperature', 50.0,
                                    'degrees C', 'ok')],
                {'voltage': 'HTTP 500', 'power': 'HTTP 500'})

        def close(self):
            pass

    alarms = AlarmRecorder()
    mon = monitor.HostMonitor(provider.HostRecord('h1', 'ipmi', '10.0.0.1'),
                              alarms, hooks.CollectingHook(), DEFAULTS,
                              driver_factory=lambda *a, **k: HalfBMC())
    mon.audit()
    assert alarms.raised('200.015', 'host=h1') is not None
    assert sorted(mon.failed_groups) == ['power', 'voltage']
    assert list(mon.model.sensors) == ['CPU Temp']


def test_no_bmc_raises_200_014(conf, ipmi_bmc):
    host = Host(ipmi_bmc, bm_type='none')
    host.audit()
    fault = host.alarms.raised('200.014', 'host=worker-0')
    assert fault.severity == 'minor'
    assert 'no BMC provisioned' in host.mon.last_error
    host.mon.update(_record(ipmi_bmc))
    host.audit()
    assert host.alarms.raised('200.014', 'host=worker-0') is None
    host.mon.remove()
