"""The host's state machine tables."""
import pytest

from stx_common import exception
from sysinv.common import host_fsm
from sysinv.common import states as s


@pytest.mark.parametrize('admin, action, target', [
    (s.ADMIN_LOCKED, s.UNLOCK_ACTION, s.ADMIN_UNLOCKED),
    (s.ADMIN_LOCKED, s.FORCE_UNLOCK_ACTION, s.ADMIN_UNLOCKED),
    (s.ADMIN_UNLOCKED, s.LOCK_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_UNLOCKED, s.FORCE_LOCK_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_UNLOCKED, s.FORCE_UNSAFE_LOCK_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_UNLOCKED, s.SWACT_ACTION, s.ADMIN_UNLOCKED),
    (s.ADMIN_LOCKED, s.REBOOT_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_LOCKED, s.POWERON_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_LOCKED, s.DELETE_ACTION, s.ADMIN_LOCKED),
])
def test_accepted_actions(admin, action, target):
    assert host_fsm.ACTIONS.next_state(admin, action) == target


@pytest.mark.parametrize('admin, action', [
    (s.ADMIN_UNLOCKED, s.UNLOCK_ACTION),
    (s.ADMIN_LOCKED, s.LOCK_ACTION),
    (s.ADMIN_LOCKED, s.FORCE_LOCK_ACTION),
    (s.ADMIN_LOCKED, s.SWACT_ACTION),
    (s.ADMIN_UNLOCKED, s.REBOOT_ACTION),
    (s.ADMIN_UNLOCKED, s.RESET_ACTION),
    (s.ADMIN_UNLOCKED, s.REINSTALL_ACTION),
    (s.ADMIN_UNLOCKED, s.POWEROFF_ACTION),
    (s.ADMIN_UNLOCKED, s.POWERON_ACTION),
    (s.ADMIN_UNLOCKED, s.DELETE_ACTION),
])
def test_refused_actions(admin, action):
    assert not host_fsm.ACTIONS.allows(admin, action)
    with pytest.raises(exception.InvalidTransition):
        host_fsm.ACTIONS.next_state(admin, action)


def test_every_user_action_has_progress_or_is_a_config_action():
    for action in s.USER_ACTIONS:
        assert action in host_fsm.PROGRESS or \
            action == s.SUBFUNCTION_CONFIG_ACTION
    assert host_fsm.PROGRESS[s.FORCE_UNLOCK_ACTION].ihost_action == \
        s.UNLOCK_ACTION
    assert host_fsm.PROGRESS[s.LOCK_ACTION].vim
    assert not host_fsm.PROGRESS[s.UNLOCK_ACTION].vim
    assert host_fsm.PROGRESS[s.SWACT_ACTION].ihost_action is None


def test_provisioning_on_first_unlock_and_enable():
    after = host_fsm.provisioning_after
    assert after(None, host_fsm.EVENT_UNLOCKED) == s.PROVISIONING
    assert after(s.PROVISIONING, host_fsm.EVENT_ENABLED) == s.PROVISIONED
    assert after(s.UPGRADING, host_fsm.EVENT_ENABLED) == s.PROVISIONED
    assert after(s.PROVISIONED, host_fsm.EVENT_UNLOCKED) is None
    assert after(s.PROVISIONED, host_fsm.EVENT_ENABLED) is None


def test_report_tables_know_the_vocabulary():
    for value in s.AVAILABILITY_STATES:
        assert host_fsm.AVAILABILITY.next_state(s.AVAILABILITY_OFFLINE,
                                                value) == value
    with pytest.raises(exception.InvalidTransition):
        host_fsm.AVAILABILITY.next_state(s.AVAILABILITY_OFFLINE, 'sleepy')
    with pytest.raises(exception.InvalidTransition):
        host_fsm.ADMINISTRATIVE.next_state(s.ADMIN_LOCKED, 'half-locked')
    assert host_fsm.OPERATIONAL.next_state(
        s.OPERATIONAL_DISABLED, s.OPERATIONAL_ENABLED) == \
        s.OPERATIONAL_ENABLED
