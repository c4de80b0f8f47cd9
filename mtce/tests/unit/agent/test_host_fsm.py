"""Every transition of maintenance's state machines, and StarlingX's
state sequences of the main flows."""
import itertools

import pytest

from mtce.agent import host_fsm as f
from mtce.common import states as s
from stx_common import exception

# The host table written out again, independently of the module: a change
# of either must be deliberate.
HOST = {
    (s.LOCKED_OFFLINE, f.EV_MTCALIVE, s.LOCKED_ONLINE),
    (s.LOCKED_POWER_OFF, f.EV_MTCALIVE, s.LOCKED_ONLINE),
    (s.LOCKED_FAILED, f.EV_MTCALIVE, s.LOCKED_ONLINE),
    (s.LOCKED_NOT_INSTALLED, f.EV_MTCALIVE, s.LOCKED_ONLINE),
    (s.LOCKED_ONLINE, f.EV_MTCALIVE_LOST, s.LOCKED_OFFLINE),
    (s.LOCKED_FAILED, f.EV_MTCALIVE_LOST, s.LOCKED_OFFLINE),
    (s.LOCKED_ONLINE, f.EV_REBOOTING, s.LOCKED_OFFLINE),
    (s.LOCKED_OFFDUTY, f.EV_REBOOTING, s.LOCKED_OFFLINE),
    (s.LOCKED_ONLINE, f.EV_FAIL, s.LOCKED_FAILED),
    (s.LOCKED_ONLINE, f.EV_POWERED_OFF, s.LOCKED_POWER_OFF),
    (s.LOCKED_OFFLINE, f.EV_POWERED_OFF, s.LOCKED_POWER_OFF),
    (s.LOCKED_FAILED, f.EV_POWERED_OFF, s.LOCKED_POWER_OFF),
    (s.LOCKED_NOT_INSTALLED, f.EV_POWERED_OFF, s.LOCKED_POWER_OFF),
    (s.LOCKED_POWER_OFF, f.EV_POWERED_ON, s.LOCKED_OFFLINE),
    (s.LOCKED_ONLINE, f.EV_UNLOCK, s.UNLOCKED_ONLINE),
    (s.LOCKED_OFFLINE, f.EV_UNLOCK, s.UNLOCKED_OFFLINE),
    (s.LOCKED_FAILED, f.EV_UNLOCK, s.UNLOCKED_FAILED),
    (s.LOCKED_POWER_OFF, f.EV_UNLOCK, s.UNLOCKED_POWER_OFF),
    (s.UNLOCKED_ONLINE, f.EV_REBOOTING, s.UNLOCKED_OFFLINE),
    (s.UNLOCKED_INTEST, f.EV_REBOOTING, s.UNLOCKED_OFFLINE),
    (s.UNLOCKED_OFFLINE, f.EV_BOOTED, s.UNLOCKED_INTEST),
    (s.UNLOCKED_ONLINE, f.EV_BOOTED, s.UNLOCKED_INTEST),
    (s.UNLOCKED_FAILED, f.EV_BOOTED, s.UNLOCKED_INTEST),
    (s.UNLOCKED_POWER_OFF, f.EV_BOOTED, s.UNLOCKED_INTEST),
    (s.ENABLED_AVAILABLE, f.EV_BOOTED, s.UNLOCKED_INTEST),
    (s.ENABLED_DEGRADED, f.EV_BOOTED, s.UNLOCKED_INTEST),
    (s.UNLOCKED_INTEST, f.EV_ENABLED, s.ENABLED_AVAILABLE),
    (s.UNLOCKED_INTEST, f.EV_ENABLED_DEGRADED, s.ENABLED_DEGRADED),
    (s.ENABLED_AVAILABLE, f.EV_DEGRADE, s.ENABLED_DEGRADED),
    (s.ENABLED_DEGRADED, f.EV_DEGRADE_CLEAR, s.ENABLED_AVAILABLE),
    (s.ENABLED_AVAILABLE, f.EV_FAIL, s.UNLOCKED_FAILED),
    (s.ENABLED_DEGRADED, f.EV_FAIL, s.UNLOCKED_FAILED),
    (s.UNLOCKED_INTEST, f.EV_FAIL, s.UNLOCKED_FAILED),
    (s.UNLOCKED_OFFLINE, f.EV_FAIL, s.UNLOCKED_FAILED),
    (s.UNLOCKED_ONLINE, f.EV_FAIL, s.UNLOCKED_FAILED),
    (s.UNLOCKED_FAILED, f.EV_POWERED_OFF, s.UNLOCKED_POWER_OFF),
    (s.UNLOCKED_OFFLINE, f.EV_POWERED_OFF, s.UNLOCKED_POWER_OFF),
    (s.UNLOCKED_POWER_OFF, f.EV_POWERED_ON, s.UNLOCKED_OFFLINE),
    (s.ENABLED_AVAILABLE, f.EV_LOCK, s.LOCKED_OFFDUTY),
    (s.ENABLED_DEGRADED, f.EV_LOCK, s.LOCKED_OFFDUTY),
    (s.UNLOCKED_INTEST, f.EV_LOCK, s.LOCKED_OFFDUTY),
    (s.UNLOCKED_ONLINE, f.EV_LOCK, s.LOCKED_OFFDUTY),
    (s.UNLOCKED_OFFLINE, f.EV_LOCK, s.LOCKED_OFFLINE),
    (s.UNLOCKED_FAILED, f.EV_LOCK, s.LOCKED_FAILED),
    (s.UNLOCKED_POWER_OFF, f.EV_LOCK, s.LOCKED_POWER_OFF),
    (s.LOCKED_OFFDUTY, f.EV_DISABLED, s.LOCKED_ONLINE),
}

ENABLE = {
    (f.EN_START, f.E_REBOOT, f.EN_RESET_PROGRESSION),
    (f.EN_START, f.E_SKIP_REBOOT, f.EN_BOOT_WAIT),
    (f.EN_RESET_PROGRESSION, f.E_RETRY, f.EN_RESET_PROGRESSION),
    (f.EN_RESET_PROGRESSION, f.E_OFFLINE, f.EN_BOOT_WAIT),
    (f.EN_RESET_PROGRESSION, f.E_TIMEOUT, f.EN_FAILURE),
    (f.EN_BOOT_WAIT, f.E_MTCALIVE, f.EN_CONFIG_WAIT),
    (f.EN_BOOT_WAIT, f.E_TIMEOUT, f.EN_FAILURE),
    (f.EN_CONFIG_WAIT, f.E_CONFIGURED, f.EN_GOENABLED_WAIT),
    (f.EN_CONFIG_WAIT, f.E_CONFIG_FAIL, f.EN_FAILURE),
    (f.EN_CONFIG_WAIT, f.E_TIMEOUT, f.EN_FAILURE),
    (f.EN_GOENABLED_WAIT, f.E_PASS, f.EN_SERVICES_WAIT),
    (f.EN_GOENABLED_WAIT, f.E_FAIL, f.EN_FAILURE),
    (f.EN_GOENABLED_WAIT, f.E_TIMEOUT, f.EN_FAILURE),
    (f.EN_SERVICES_WAIT, f.E_PASS, f.EN_HEARTBEAT_SOAK),
    (f.EN_SERVICES_WAIT, f.E_FAIL, f.EN_FAILURE),
    (f.EN_SERVICES_WAIT, f.E_TIMEOUT, f.EN_FAILURE),
    (f.EN_HEARTBEAT_SOAK, f.E_SOAKED, f.EN_ENABLED),
    (f.EN_HEARTBEAT_SOAK, f.E_HEARTBEAT_LOSS, f.EN_FAILURE),
    (f.EN_FAILURE, f.E_RETRY, f.EN_START),
    (f.EN_FAILURE, f.E_THRESHOLD, f.EN_AR_DISABLED),
}

RECOVERY = {
    (f.RC_START, f.E_DELAYED, f.RC_MTCALIVE_WAIT),
    (f.RC_START, f.E_EXHAUSTED, f.RC_FULL_ENABLE),
    (f.RC_MTCALIVE_WAIT, f.E_SAME_BOOT, f.RC_SOAK),
    (f.RC_MTCALIVE_WAIT, f.E_REBOOTED, f.RC_RETEST),
    (f.RC_MTCALIVE_WAIT, f.E_TIMEOUT, f.RC_FAILED_WAIT),
    (f.RC_SOAK, f.E_SOAKED, f.RC_RECOVERED),
    (f.RC_SOAK, f.E_HEARTBEAT_LOSS, f.RC_START),
    (f.RC_FAILED_WAIT, f.E_REBOOTED, f.RC_RETEST),
    (f.RC_FAILED_WAIT, f.E_SAME_BOOT, f.RC_FAILED_WAIT),
    (f.RC_FAILED_WAIT, f.E_TIMEOUT, f.RC_FULL_ENABLE),
}

DISABLE = {
    (f.DS_START, f.E_LOCK, f.DS_SERVICES_STOP),
    (f.DS_START, f.E_FORCE_LOCK, f.DS_RESET),
    (f.DS_SERVICES_STOP, f.E_STOPPED, f.DS_DONE),
    (f.DS_SERVICES_STOP, f.E_TIMEOUT, f.DS_DONE),
    (f.DS_RESET, f.E_OFFLINE, f.DS_DONE),
    (f.DS_RESET, f.E_TIMEOUT, f.DS_DONE),
}

REBOOT = {
    (f.RB_REQUEST, f.E_SENT, f.RB_WAIT),
    (f.RB_WAIT, f.E_OFFLINE, f.RB_DONE),
    (f.RB_WAIT, f.E_RETRY, f.RB_REQUEST),
    (f.RB_WAIT, f.E_EXHAUSTED, f.RB_BMC_RESET),
    (f.RB_WAIT, f.E_NO_BMC, f.RB_FAILED),
    (f.RB_BMC_RESET, f.E_OFFLINE, f.RB_DONE),
    (f.RB_BMC_RESET, f.E_FAIL, f.RB_FAILED),
}

BMC_ACTION = {
    (f.BA_QUERY, f.E_READY, f.BA_COMMAND),
    (f.BA_QUERY, f.E_ALREADY, f.BA_DONE),
    (f.BA_QUERY, f.E_REFUSE, f.BA_REFUSED),
    (f.BA_QUERY, f.E_BMC_ERROR, f.BA_RETRY_WAIT),
    (f.BA_COMMAND, f.E_SENT, f.BA_VERIFY),
    (f.BA_COMMAND, f.E_BMC_ERROR, f.BA_RETRY_WAIT),
    (f.BA_VERIFY, f.E_CONFIRMED, f.BA_DONE),
    (f.BA_VERIFY, f.E_TIMEOUT, f.BA_RETRY_WAIT),
    (f.BA_RETRY_WAIT, f.E_RETRY, f.BA_QUERY),
    (f.BA_RETRY_WAIT, f.E_EXHAUSTED, f.BA_FAILED),
}

REINSTALL = {
    (f.RI_START, f.E_BMC, f.RI_POWER_CYCLE),
    (f.RI_START, f.E_NO_BMC, f.RI_WIPE),
    (f.RI_POWER_CYCLE, f.E_SENT, f.RI_OFFLINE_WAIT),
    (f.RI_POWER_CYCLE, f.E_BMC_ERROR, f.RI_FAILED),
    (f.RI_WIPE, f.E_SENT, f.RI_OFFLINE_WAIT),
    (f.RI_WIPE, f.E_TIMEOUT, f.RI_FAILED),
    (f.RI_OFFLINE_WAIT, f.E_OFFLINE, f.RI_ONLINE_WAIT),
    (f.RI_OFFLINE_WAIT, f.E_TIMEOUT, f.RI_FAILED),
    (f.RI_ONLINE_WAIT, f.E_ONLINE, f.RI_DONE),
    (f.RI_ONLINE_WAIT, f.E_TIMEOUT, f.RI_FAILED),
}

EXPECTED = [(f.HOST, HOST), (f.ENABLE, ENABLE), (f.RECOVERY, RECOVERY),
            (f.DISABLE, DISABLE), (f.REBOOT, REBOOT),
            (f.BMC_ACTION, BMC_ACTION), (f.REINSTALL, REINSTALL)]
ALL = [(table, row) for table, rows in EXPECTED for row in sorted(rows)]


@pytest.mark.parametrize('table,expected', EXPECTED,
                         ids=[t.entity for t, _ in EXPECTED])
def test_table_is_exactly_the_documented_one(table, expected):
    assert set(table.transitions()) == expected


@pytest.mark.parametrize('table,row', ALL,
                         ids=['%s:%s--%s' % (t.entity, r[0], r[1])
                              for t, r in ALL])
def test_every_transition(table, row):
    source, event, target = row
    assert table.allows(source, event)
    assert table.next_state(source, event) == target


@pytest.mark.parametrize('table,expected', EXPECTED,
                         ids=[t.entity for t, _ in EXPECTED])
def test_anything_else_is_refused(table, expected):
    allowed = {(a, e) for a, e, _ in expected}
    for state, event in itertools.product(sorted(table.states),
                                          sorted(table.events)):
        if (state, event) in allowed:
            continue
        with pytest.raises(exception.InvalidTransition):
            table.next_state(state, event)


def test_host_states_are_starlingx_combinations():
    assert f.HOST.states == set(s.HOST_STATES)
    for state in f.HOST.states:
        admin, oper, avail = s.split(state)
        assert admin in s.ADMINISTRATIVE
        assert oper in s.OPERATIONAL
        assert avail in s.AVAILABILITY
        assert s.join(admin, oper, avail) == state
    assert f.HOST.initial == 'locked-disabled-offline'


def _walk(table, start, events):
    states = [start]
    for event in events:
        states.append(table.next_state(states[-1], event))
    return states


def test_unlock_sequence_of_a_worker():
    assert _walk(f.HOST, s.LOCKED_ONLINE, [
        f.EV_UNLOCK, f.EV_REBOOTING, f.EV_BOOTED, f.EV_ENABLED]) == [
        'locked-disabled-online', 'unlocked-disabled-online',
        'unlocked-disabled-offline', 'unlocked-disabled-intest',
        'unlocked-enabled-available']


def test_lock_sequence():
    assert _walk(f.HOST, s.ENABLED_AVAILABLE, [f.EV_LOCK, f.EV_DISABLED]) \
        == ['unlocked-enabled-available', 'locked-disabled-offduty',
            'locked-disabled-online']


def test_power_off_failure_and_recovery_sequence():
    assert _walk(f.HOST, s.ENABLED_AVAILABLE, [
        f.EV_FAIL, f.EV_POWERED_OFF, f.EV_POWERED_ON, f.EV_BOOTED,
        f.EV_ENABLED]) == [
        'unlocked-enabled-available', 'unlocked-disabled-failed',
        'unlocked-disabled-power-off', 'unlocked-disabled-offline',
        'unlocked-disabled-intest', 'unlocked-enabled-available']


def test_enable_stage_sequence():
    assert _walk(f.ENABLE, f.EN_START, [
        f.E_REBOOT, f.E_OFFLINE, f.E_MTCALIVE, f.E_CONFIGURED, f.E_PASS,
        f.E_PASS, f.E_SOAKED])[-1] == f.EN_ENABLED


@pytest.mark.parametrize('stage,cause', sorted(f.FAILURE_CAUSE.items()))
def test_failure_causes(stage, cause):
    assert cause in s.AR_CAUSES
    assert f.ENABLE.allows(stage, f.E_TIMEOUT) or \
        f.ENABLE.allows(stage, f.E_HEARTBEAT_LOSS)


@pytest.mark.parametrize('count,threshold,exhausted', [
    (1, 2, False), (2, 2, False), (3, 2, True), (1, 0, True), (0, 0, False)])
def test_ar_threshold(count, threshold, exhausted):
    assert f.ar_exhausted(count, threshold) is exhausted


def test_every_cause_has_its_tasks():
    for cause in s.AR_CAUSES:
        assert s.AR_DISABLED_TASKS[cause].endswith(
            'threshold reached, Lock/Unlock to retry')
        assert len(s.AR_DISABLED_TASKS[cause]) <= 63
        assert s.AR_RETRY_TASKS[cause]


def test_tasks_fit_in_63_characters():
    tasks = [getattr(s, n) for n in dir(s) if n.startswith('TASK_')]
    assert tasks and all(len(task) <= 63 for task in tasks)
