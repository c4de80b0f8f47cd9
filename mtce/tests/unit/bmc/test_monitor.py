"""BMC access accounting and alarm 200.010."""
import pytest

from mtce.bmc import base, factory, monitor
from mtce.tests.unit.bmc import emulators
from mtce.tests.unit.bmc.recorder import AlarmRecorder

ENTITY = 'host=worker-0'


class ScriptedBMC:
    """A driver whose next answers the test decides."""

    def __init__(self):
        self.fail_with = None

    def ping(self):
        if self.fail_with is not None:
            raise self.fail_with

    def power_on(self):
        self.ping()
        return 'done'

    def close(self):
        pass


def test_alarm_after_threshold_and_clear_on_success(conf):
    alarms, changes = AlarmRecorder(), []
    bmc = ScriptedBMC()
    mon = monitor.BMCMonitor('worker-0', bmc, alarm_client=alarms,
                             on_change=lambda h, ok: changes.append(ok))
    assert mon.threshold == 5                 # StarlingX's count
    assert mon.check() is True
    assert alarms.calls == [('clear', '200.010', ENTITY, None)]

    bmc.fail_with = base.BMCAccessError('no answer', '10.0.0.9')
    for _ in range(4):
        assert mon.check() is False
    assert alarms.raised('200.010', ENTITY) is None and mon.accessible
    assert mon.check() is False
    fault = alarms.raised('200.010', ENTITY)
    assert fault.severity == 'warning'
    assert fault.reason_text == ('worker-0 access to board management '
                                 'module has failed.')
    assert not mon.accessible and changes == [False]
    mon.check()
    assert alarms.count('set') == 1           # raised once

    # a command refused by the BMC still proves access
    bmc.fail_with = base.BMCCommandError('refused')
    with pytest.raises(base.BMCCommandError):
        mon.call(bmc.power_on)
    assert mon.accessible and changes == [False, True]
    assert alarms.raised('200.010', ENTITY) is None
    bmc.fail_with = None
    assert mon.call(bmc.power_on) == 'done'
    assert alarms.count('clear') == 2


def test_threshold_option_and_reprovisioning(conf):
    conf('bmc', access_failure_threshold=2)
    alarms = AlarmRecorder()
    bmc = ScriptedBMC()
    bmc.fail_with = base.BMCAccessError('down')
    mon = monitor.BMCMonitor('c-1', bmc, alarm_client=alarms)
    mon.check()
    mon.set_driver(ScriptedBMC())             # count starts again
    mon.driver.fail_with = base.BMCAccessError('down')
    mon.check()
    assert alarms.count('set') == 0
    mon.check()
    assert alarms.raised('200.010', 'host=c-1') is not None


def test_wrong_credentials_on_a_real_bmc(conf, tmp_path):
    conf('bmc', access_failure_threshold=2)
    bmc = emulators.IpmiEmulator(tmp_path, 'right-pw').start()
    try:
        alarms = AlarmRecorder()
        wrong = factory.get_driver('ipmi', bmc.address, 'admin', 'wrong-pw',
                                   port=bmc.port)
        mon = monitor.BMCMonitor('worker-1', wrong, alarm_client=alarms)
        assert not mon.check() and not mon.check()
        assert alarms.raised('200.010', 'host=worker-1') is not None
        assert 'Incorrect password' in mon.last_error
        mon.set_driver(factory.get_driver('ipmi', bmc.address, 'admin',
                                          'right-pw', port=bmc.port))
        assert mon.check()
        assert alarms.raised('200.010', 'host=worker-1') is None
    finally:
        bmc.stop()
