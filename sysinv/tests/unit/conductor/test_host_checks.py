"""Every refusal rule of host actions, restricted fields and delete, with
StarlingX's message (pure functions, no database)."""
import pytest

from sysinv import exception
from sysinv.common import constants as c
from sysinv.common import host_fsm
from sysinv.common import states as s
from sysinv.conductor import host_checks as checks

DUPLEX = {'system_mode': c.SYSTEM_MODE_DUPLEX,
          'system_type': c.TIS_STD_BUILD}
SIMPLEX = {'system_mode': c.SYSTEM_MODE_SIMPLEX,
           'system_type': c.TIS_AIO_BUILD}


def host(**values):
    row = {'id': 2, 'uuid': 'u-2', 'hostname': 'worker-0',
           'personality': c.WORKER, 'subfunctions': c.WORKER,
           'mgmt_mac': '08:00:27:00:00:02', 'mgmt_ip': '192.168.204.5',
           'administrative': s.ADMIN_LOCKED,
           'operational': s.OPERATIONAL_DISABLED,
           'availability': s.AVAILABILITY_ONLINE,
           'inv_state': s.INV_STATE_INITIAL_INVENTORIED,
           'action_state': None, 'install_state': None, 'ihost_action': None,
           'bm_type': None, 'config_target': None, 'config_applied': None}
    row.update(values)
    return row


def controller(name='controller-0', **values):
    values.setdefault('id', 1 if name.endswith('0') else 3)
    values.setdefault('subfunctions', c.CONTROLLER)
    return host(hostname=name, personality=c.CONTROLLER, uuid='u-' + name,
                **values)


def refused(call, *args):
    with pytest.raises(exception.ClientSideError) as info:
        call(*args)
    assert info.value.code == 400
    return str(info.value)


# -- restricted fields --------------------------------------------------------
@pytest.mark.parametrize('field', sorted(checks.RESTRICTED))
def test_never_patchable(field):
    for origin in (None, c.ORIGIN_MTCE, c.ORIGIN_VIM):
        message = refused(checks.check_restricted, [field], origin)
        assert message == "Change ['%s'] contains restricted ['%s']." % (
            field, field)


@pytest.mark.parametrize('field', sorted(checks.MTCE_ONLY))
def test_mtce_only_fields(field):
    checks.check_restricted([field], c.ORIGIN_MTCE)
    for origin in (None, c.ORIGIN_VIM):
        assert 'contains restricted' in refused(checks.check_restricted,
                                                [field], origin)


def test_vim_only_field():
    checks.check_restricted(['vim_progress_status'], c.ORIGIN_VIM)
    for origin in (None, c.ORIGIN_MTCE):
        refused(checks.check_restricted, ['vim_progress_status'], origin)


def test_user_fields_pass():
    checks.check_restricted(['hostname', 'location', 'bm_ip'], None)


# -- supported actions --------------------------------------------------------
def test_unknown_action():
    assert refused(checks.check_supported_action, 'dance') == \
        "'dance' is not a supported maintenance action"
    for action in s.SUPPORTED_ACTIONS:
        checks.check_supported_action(action)


def test_vim_callbacks_are_the_vims():
    for action in s.VIM_CALLBACKS:
        assert 'reported by the VIM only' in refused(
            checks.check_action, action, host(), DUPLEX, [], 'controller-0',
            None)
        assert checks.check_action(action, host(), DUPLEX, [],
                                   'controller-0', c.ORIGIN_VIM) is None


# -- lock ---------------------------------------------------------------------
@pytest.mark.parametrize('action', s.LOCK_ACTIONS)
def test_lock_of_a_locked_host(action):
    assert refused(checks.check_lock, action, host(), DUPLEX,
                   'controller-0') == (
        "Avoiding %s action on already 'locked' host worker-0" % action)


@pytest.mark.parametrize('action', s.LOCK_ACTIONS)
def test_lock_of_the_active_controller(action):
    active = controller(administrative=s.ADMIN_UNLOCKED)
    assert refused(checks.check_lock, action, active, DUPLEX,
                   'controller-0') == (
        'controller-0 : Rejected: Can not lock an active controller.')
    checks.check_lock(action, active, SIMPLEX, 'controller-0')
    checks.check_lock(action, active, DUPLEX, 'controller-1')


def test_lock_of_an_unlocked_worker():
    progress = checks.check_action(
        s.LOCK_ACTION, host(administrative=s.ADMIN_UNLOCKED), DUPLEX, [],
        'controller-0', None)
    assert (progress.ihost_action, progress.task) == (s.LOCK_ACTION,
                                                      s.TASK_LOCKING)


# -- unlock -------------------------------------------------------------------
def test_unlock_after_a_failed_install():
    assert refused(checks.check_unlock, s.UNLOCK_ACTION,
                   host(install_state=s.INSTALL_STATE_FAILED)) == (
        'Cannot unlock host worker-0 due to installation failure')


def test_unlock_of_an_unlocked_host():
    assert refused(checks.check_unlock, s.UNLOCK_ACTION,
                   host(administrative=s.ADMIN_UNLOCKED)) == (
        "Avoiding 'unlock' action on already 'unlocked' host worker-0")
    locking = host(administrative=s.ADMIN_UNLOCKED,
                   ihost_action=s.FORCE_LOCK_ACTION + '--')
    assert refused(checks.check_unlock, s.FORCE_UNLOCK_ACTION, locking) == (
        'Host unlock rejected due to in progress action force-lock')


def test_unlock_of_a_powered_off_host():
    assert refused(checks.check_unlock, s.FORCE_UNLOCK_ACTION,
                   host(availability=s.AVAILABILITY_POWEROFF)) == (
        "Can not 'Unlock a Powered-Off' host worker-0; Power-on, wait for "
        "'online' status and then 'unlock'")


def test_unlock_of_an_offline_host_unless_forced():
    offline = host(availability=s.AVAILABILITY_OFFLINE)
    assert refused(checks.check_unlock, s.UNLOCK_ACTION, offline) == (
        "Host worker-0 is not online. Wait for 'online' availability status "
        "and then 'unlock'")
    checks.check_unlock(s.FORCE_UNLOCK_ACTION, offline)


@pytest.mark.parametrize('missing', ['mgmt_mac', 'mgmt_ip', 'hostname',
                                     'personality', 'subfunctions'])
def test_unlock_of_an_unprovisioned_host(missing):
    message = refused(checks.check_unlock, s.FORCE_UNLOCK_ACTION,
                      host(**{missing: None}))
    assert message.startswith('Can not unlock an unprovisioned host ')
    assert message.endswith("Please perform 'Edit Host' to provision host.")


def test_unlock_during_a_reinstall_unless_forced():
    reinstalling = host(action_state=s.HAS_REINSTALLING)
    assert refused(checks.check_unlock, s.UNLOCK_ACTION, reinstalling) == (
        'Can not unlock host worker-0 undergoing reinstall. Please ensure '
        'host has completed reinstall prior to unlock.')
    checks.check_unlock(s.FORCE_UNLOCK_ACTION, reinstalling)


def test_unlock_before_inventory_unless_forced():
    new = host(inv_state=None)
    assert refused(checks.check_unlock, s.UNLOCK_ACTION, new) == (
        'Can not unlock host worker-0 that has not yet been inventoried. '
        'Please wait for host to complete initial inventory prior to '
        'unlock.')
    checks.check_unlock(s.FORCE_UNLOCK_ACTION, new)


def test_unlock_progress():
    assert checks.check_action(s.UNLOCK_ACTION, host(), DUPLEX, [],
                               'controller-0', None) == \
        host_fsm.PROGRESS[s.UNLOCK_ACTION]
    forced = host_fsm.PROGRESS[s.FORCE_UNLOCK_ACTION]
    assert (forced.ihost_action, forced.task, forced.mtce_action) == (
        s.UNLOCK_ACTION, s.TASK_FORCE_UNLOCKING, s.UNLOCK_ACTION)


# -- swact --------------------------------------------------------------------
def _pair(**standby):
    active = controller(administrative=s.ADMIN_UNLOCKED,
                        operational=s.OPERATIONAL_ENABLED,
                        availability=s.AVAILABILITY_AVAILABLE)
    values = dict(administrative=s.ADMIN_UNLOCKED,
                  operational=s.OPERATIONAL_ENABLED,
                  availability=s.AVAILABILITY_AVAILABLE)
    values.update(standby)
    return active, [active, controller('controller-1', **values)]


def test_swact_of_a_worker():
    assert refused(checks.check_swact, s.SWACT_ACTION,
                   host(administrative=s.ADMIN_UNLOCKED), DUPLEX, []) == (
        'Swact action not allowed for non controller host worker-0.')


def test_swact_of_a_locked_controller():
    assert refused(checks.check_swact, s.SWACT_ACTION, controller(),
                   DUPLEX, []) == 'Controller is Locked ; No services to Swact'


def test_swact_on_simplex():
    active, hosts = _pair()
    assert refused(checks.check_swact, s.SWACT_ACTION, active, SIMPLEX,
                   hosts) == 'Swact action not allowed for a simplex system.'


def test_swact_without_a_standby():
    active, _ = _pair()
    assert 'no standby controller' in refused(
        checks.check_swact, s.SWACT_ACTION, active, DUPLEX, [active])


@pytest.mark.parametrize('standby, message', [
    ({'operational': s.OPERATIONAL_DISABLED},
     'controller-1 is not enabled and has operational state disabled.'
     'Standby controller must be  operationally enabled.'),
    ({'availability': s.AVAILABILITY_DEGRADED},
     'controller-1 has degraded availability status.  Standby controller '
     'must be in available status.'),
    ({'subfunctions': 'controller,worker',
      'subfunction_oper': s.OPERATIONAL_DISABLED},
     'controller-1 subfunction is not enabled and has operational state '
     'disabled.Standby controller subfunctions controller,worker must all '
     'be operationally enabled.'),
    ({'task': s.TASK_LOCKING},
     'controller-1 is being locked (Locking). Standby controller must be '
     'unlocked and enabled.'),
    ({'config_target': 'abc', 'config_applied': 'def'},
     'controller-1 target Config abc not yet applied. Apply target Config '
     'via Lock/Unlock prior to Swact'),
])
def test_swact_needs_a_ready_standby(standby, message):
    active, hosts = _pair(**standby)
    assert refused(checks.check_swact, s.SWACT_ACTION, active, DUPLEX,
                   hosts) == message
    checks.check_swact(s.FORCE_SWACT_ACTION, active, DUPLEX, hosts)


def test_swact_to_a_ready_standby():
    active, hosts = _pair()
    checks.check_swact(s.SWACT_ACTION, active, DUPLEX, hosts)


# -- reboot, reset, reinstall, power ------------------------------------------
UNLOCKED = {'administrative': s.ADMIN_UNLOCKED}


@pytest.mark.parametrize('action, system, values, message', [
    (s.REBOOT_ACTION, DUPLEX, UNLOCKED,
     "Can not 'Reboot' an 'unlocked' host worker-0; Please 'Lock' first"),
    (s.REBOOT_ACTION, SIMPLEX, {},
     'Rebooting a simplex system is not allowed.'),
    (s.RESET_ACTION, SIMPLEX, UNLOCKED, "Can not 'Reset' a simplex system"),
    (s.RESET_ACTION, DUPLEX, UNLOCKED,
     "Can not 'Reset' an 'unlocked' host worker-0; Please 'Lock' first"),
    (s.REINSTALL_ACTION, SIMPLEX, {},
     'Reinstalling a simplex system is not allowed.'),
    (s.REINSTALL_ACTION, DUPLEX, UNLOCKED,
     "Can not 'Reinstall' an 'unlocked' host worker-0; Please 'Lock' "
     "first"),
    (s.POWERON_ACTION, DUPLEX, UNLOCKED,
     "Can not 'Power-On' an already Powered-on and 'unlocked' host "
     "worker-0"),
    (s.POWERON_ACTION, SIMPLEX, {},
     "Can not 'Power-On' an already Powered-on simplex system"),
    (s.POWEROFF_ACTION, SIMPLEX, UNLOCKED,
     "Can not 'Power-Off' a simplex system via system commands"),
    (s.POWEROFF_ACTION, DUPLEX, UNLOCKED,
     "Can not 'Power-Off' an 'unlocked' host worker-0; Please 'Lock' "
     "first"),
])
def test_maintenance_action_refusals(action, system, values, message):
    assert refused(checks.check_maintenance_action, action, host(**values),
                   system) == message


def test_reinstall_of_an_offline_host_needs_a_bmc():
    offline = host(availability=s.AVAILABILITY_OFFLINE)
    assert refused(checks.check_maintenance_action, s.REINSTALL_ACTION,
                   offline, DUPLEX).startswith(
        "Can not 'Reinstall' worker-0 while it is 'offline' and a board "
        'management controller is not provisioned.')
    checks.check_maintenance_action(s.REINSTALL_ACTION,
                                    dict(offline, bm_type='ipmi'), DUPLEX)


@pytest.mark.parametrize('action', [s.REBOOT_ACTION, s.RESET_ACTION,
                                    s.REINSTALL_ACTION, s.POWERON_ACTION,
                                    s.POWEROFF_ACTION])
def test_maintenance_actions_of_a_locked_host(action):
    progress = checks.check_action(action, host(), DUPLEX, [],
                                   'controller-0', None)
    assert progress.ihost_action is None
    assert progress.mtce_action == action


def test_subfunction_config_needs_a_subfunction():
    assert refused(checks.check_subfunction_config, host()) == \
        'This host is not configured with a subfunction.'
    checks.check_subfunction_config(controller(
        subfunctions='controller,worker'))


# -- delete -------------------------------------------------------------------
def test_delete_of_an_unlocked_host():
    with pytest.raises(exception.HostLocked) as info:
        checks.check_delete(host(administrative=s.ADMIN_UNLOCKED), DUPLEX,
                            'controller-0')
    assert str(info.value) == (
        'Unable to complete the action delete because Host worker-0 is in '
        'administrative state = unlocked.')
    assert info.value.code == 400


def test_delete_on_simplex():
    assert refused(checks.check_delete, controller(), SIMPLEX,
                   'controller-0') == \
        'Deleting a host on a simplex system is not allowed.'
    checks.check_delete(host(), DUPLEX, 'controller-0')


def test_delete_of_the_active_controller():
    assert refused(checks.check_delete, controller(), DUPLEX,
                   'controller-0') == (
        'controller-0 : Rejected: Can not delete an active controller.')
    checks.check_delete(controller('controller-1'), DUPLEX, 'controller-0')


def test_mac_normalization():
    assert checks.normalize_mac('08-00-27-AB-cd-01') == '08:00:27:ab:cd:01'
    assert refused(checks.normalize_mac, 'nope') == \
        'Expected a MAC address but received nope.'
