"""host-add and attribute-update rules (pure functions)."""
import pytest

from sysinv import exception
from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.conductor import provisioning_checks as p

STANDARD = {'system_mode': c.SYSTEM_MODE_DUPLEX,
            'system_type': c.TIS_STD_BUILD}
AIO_DX = {'system_mode': c.SYSTEM_MODE_DUPLEX,
          'system_type': c.TIS_AIO_BUILD}
AIO_SX = {'system_mode': c.SYSTEM_MODE_SIMPLEX,
          'system_type': c.TIS_AIO_BUILD}
ENABLED_C0 = {'id': 1, 'uuid': 'u1', 'hostname': 'controller-0',
              'personality': c.CONTROLLER, 'mgmt_mac': '08:00:27:00:00:01',
              'administrative': s.ADMIN_UNLOCKED,
              'operational': s.OPERATIONAL_ENABLED}
LOCKED_C0 = dict(ENABLED_C0, administrative=s.ADMIN_LOCKED,
                 operational=s.OPERATIONAL_DISABLED)


def refused(call, *args, **kwargs):
    with pytest.raises(exception.ClientSideError) as info:
        call(*args, **kwargs)
    return str(info.value)


def add(system=STANDARD, hosts=(ENABLED_C0,), **values):
    values.setdefault('mgmt_mac', '08:00:27:00:00:99')
    return p.check_new_host(values, system, list(hosts))


# -- host-add -----------------------------------------------------------------
def test_mac_is_required_and_normalized():
    values, existing = add(hostname='worker-0', personality=c.WORKER,
                           mgmt_mac='08-00-27-AA-BB-CC')
    assert values['mgmt_mac'] == '08:00:27:aa:bb:cc'
    assert existing is None
    assert refused(add, hostname='worker-0', personality=c.WORKER,
                   mgmt_mac=None) == \
        'Expected a MAC address but received None.'


def test_simplex_refuses_new_hosts():
    assert refused(add, AIO_SX, hostname='worker-0',
                   personality=c.WORKER) == (
        'Host-add Rejected: Adding a host on a simplex system is not '
        'allowed.')


def test_no_unlocked_enabled_controller():
    assert refused(add, STANDARD, (LOCKED_C0,), hostname='worker-0',
                   personality=c.WORKER) == (
        "Provisioning request for new host '08:00:27:00:00:99' is not "
        'permitted while there is no unlocked-enabled controller. Unlock '
        'controller-0, wait for it to enable and then retry.')


def test_first_controller_needs_no_enabled_controller():
    values, _ = add(STANDARD, (), personality=c.CONTROLLER)
    assert values['hostname'] == 'controller-0'


def test_controllers_are_named_automatically():
    values, _ = add(personality=c.CONTROLLER)
    assert values['hostname'] == 'controller-1'
    assert values['subfunctions'] == c.CONTROLLER
    values, _ = add(AIO_DX, personality=c.CONTROLLER)
    assert values['subfunctions'] == 'controller,worker'
    c1 = dict(ENABLED_C0, id=2, hostname='controller-1',
              mgmt_mac='08:00:27:00:00:02')
    assert refused(add, STANDARD, (ENABLED_C0, c1),
                   personality=c.CONTROLLER) == (
        'Two controller nodes have already been configured. This host can '
        'not be configured as a controller.')


def test_storage_hosts_are_named_automatically():
    values, _ = add(personality=c.STORAGE)
    assert values['hostname'] == 'storage-0'
    s0 = {'id': 5, 'hostname': 'storage-0', 'personality': c.STORAGE,
          'mgmt_mac': '08:00:27:00:00:05'}
    values, _ = add(STANDARD, (ENABLED_C0, s0), personality=c.STORAGE)
    assert values['hostname'] == 'storage-1'
    assert refused(add, STANDARD, (ENABLED_C0, s0), personality=c.STORAGE,
                   hostname='storage-7') == (
        'Storage name storage-7 not allowed.  Expected storage-1. Storage '
        'nodes can be one of: storage-#.')


def test_workers_need_a_valid_hostname():
    assert refused(add, personality=c.WORKER) == (
        'Host-add Rejected. Must provide a hostname for a node of '
        'personality worker')
    assert refused(add, personality=c.WORKER, hostname='bad name') == (
        'Error: Name may only contain letters, numbers, underscores, '
        'periods and hyphens.')
    assert refused(add, personality=c.WORKER, hostname='w' * 256) == (
        'Error: Name restricted to at most 255 characters.')
    assert refused(add, personality=c.WORKER, hostname='controller-1') == (
        'controller-1 Reject attempt to configure invalid hostname for '
        'personality worker.')
    assert refused(add, personality=c.WORKER, hostname='storage-3') == (
        'storage-3 Reject attempt to configure invalid hostname for '
        'personality worker.')


def test_controller_and_storage_hostname_rules():
    assert refused(p.validate_hostname, 'ctl', c.CONTROLLER) == (
        "Host with personality=controller can only have a hostname from "
        "['controller-0', 'controller-1']")
    assert refused(p.validate_hostname, 'st-1', c.STORAGE) == (
        'Host with personality=storage can only have a hostname starting '
        'with storage-(number)')


def test_personality_must_suit_the_system():
    assert refused(add, AIO_SX, (), hostname='w', personality=c.WORKER) == (
        'Personality [worker] for host is not compatible with installed '
        'software. ')
    add(AIO_DX, hostname='worker-0', personality=c.WORKER)
    assert refused(add, AIO_DX, personality=c.STORAGE).startswith(
        'Personality [storage]')
    assert 'Invalid personality' in refused(add, personality='router',
                                            hostname='r')
    assert 'personality is a required field' in refused(add, hostname='w')


def test_duplicate_hostname_and_mac():
    w0 = {'id': 4, 'hostname': 'worker-0', 'personality': c.WORKER,
          'mgmt_mac': '08:00:27:00:00:04'}
    hosts = (ENABLED_C0, w0)
    assert refused(add, STANDARD, hosts, hostname='worker-0',
                   personality=c.WORKER) == \
        'Host-add Rejected: Hostname already exists'
    assert refused(add, STANDARD, hosts, hostname='worker-1',
                   personality=c.WORKER, mgmt_mac='08:00:27:00:00:04') == (
        'Host-add Rejected: Host with mgmt_mac 08:00:27:00:00:04 already '
        'exists')


def test_a_discovered_mac_is_reused():
    placeholder = {'id': 9, 'uuid': 'u9', 'hostname': None,
                   'personality': None, 'mgmt_mac': '08:00:27:00:00:99'}
    values, existing = add(STANDARD, (ENABLED_C0, placeholder),
                           hostname='worker-0', personality=c.WORKER)
    assert existing == placeholder
    assert values['hostname'] == 'worker-0'


def test_subfunctions_rules():
    values, _ = add(hostname='worker-0', personality=c.WORKER,
                    subfunctions='lowlatency')
    assert values['subfunctions'] == 'worker,lowlatency'
    assert 'contains unsupported values' in refused(
        add, hostname='worker-0', personality=c.WORKER,
        subfunctions='storage')


# -- board management ---------------------------------------------------------
def test_board_management_type_and_fields():
    bm = p.check_board_management
    assert bm({}, {'bm_ip': '10.0.0.5', 'bm_username': 'root'},
              {'bm_ip', 'bm_username'}, []) == {
        'bm_type': c.BM_TYPE_DYNAMIC, 'bm_ip': '10.0.0.5',
        'bm_username': 'root'}
    assert "'ilo9' is not a supported board management type" in refused(
        bm, {}, {'bm_type': 'ilo9'}, {'bm_type'}, [])
    assert refused(bm, {}, {'hostname': 'w', 'bm_type': 'ipmi'},
                   {'bm_type'}, []) == (
        'w: Rejected: Board Management controller username is not '
        'configured.')
    assert refused(bm, {}, {'hostname': 'w', 'bm_type': 'ipmi',
                            'bm_username': 'u', 'bm_ip': 'x.y'},
                   {'bm_type'}, []) == (
        'w: Rejected: Board Management controller IP Address is not valid.')
    other = {'uuid': 'o', 'bm_ip': '10.0.0.5'}
    assert refused(bm, {'uuid': 'me'}, {'bm_type': 'ipmi', 'bm_username': 'u',
                                        'bm_ip': '10.0.0.5'},
                   {'bm_ip'}, [other]) == \
        'Host-add Rejected: bm_ip 10.0.0.5 already exists'


def test_board_management_deprovision_and_username_change():
    bm = p.check_board_management
    old = {'uuid': 'me', 'hostname': 'w', 'bm_type': 'ipmi',
           'bm_ip': '10.0.0.5', 'bm_username': 'root'}
    assert bm(old, {'bm_type': 'none', 'bm_ip': '10.0.0.5'}, {'bm_type'},
              []) == {'bm_type': None, 'bm_ip': None, 'bm_username': None}
    new = dict(old, bm_username='admin')
    assert refused(bm, old, new, {'bm_username'}, []) == (
        'w Rejected: username change attempt from root to admin without '
        'corresponding password.')
    assert bm(old, new, {'bm_username', 'bm_password'}, [])[
        'bm_username'] == 'admin'


# -- updates ------------------------------------------------------------------
def worker(**values):
    row = {'id': 4, 'uuid': 'u4', 'hostname': 'worker-0',
           'personality': c.WORKER, 'subfunctions': c.WORKER,
           'administrative': s.ADMIN_LOCKED, 'invprovision': None,
           'capabilities': {}}
    row.update(values)
    return row


def update(host, delta, hosts=(ENABLED_C0,)):
    return p.check_update(host, delta, STANDARD, list(hosts) + [host])


def test_fields_frozen_once_provisioned():
    for field in ('hostname', 'personality', 'subfunctions'):
        assert refused(update, worker(invprovision=s.PROVISIONED),
                       {field: 'x'}) == (
            'The following fields can not be modified because this host '
            'worker-0 has been configured: hostname, personality, '
            'subfunctions')


def test_set_fields_cannot_change():
    assert refused(update, worker(), {'personality': c.STORAGE}) == (
        'Can not change personality after it has been set. Host worker-0 '
        'must be deleted and re-added in order to change the personality.')
    assert refused(update, worker(), {'subfunctions': 'lowlatency'}) == (
        'Can not change subfunctions after it has been set. Host worker-0 '
        'must be deleted and re-added in order to change the '
        'subfunctions.')
    assert refused(update, worker(), {'hostname': 'worker-9'}) == (
        'The hostname field can not be modified because the hostname '
        'worker-0 has already been configured. If changing hostname is '
        'required, please delete this host, then readd.')


def test_install_parameters_need_a_locked_host():
    assert refused(update, worker(administrative=s.ADMIN_UNLOCKED),
                   {'boot_device': '/dev/sdb'}) == (
        'Host must be locked before updating installation parameters.')
    updates, provisioned = update(worker(), {'boot_device': '/dev/sdb'})
    assert updates == {'boot_device': '/dev/sdb'} and not provisioned


def test_provisioning_a_discovered_host():
    placeholder = worker(hostname=None, personality=None, subfunctions=None)
    updates, provisioned = update(placeholder, {'hostname': 'worker-5',
                                                'personality': c.WORKER})
    assert provisioned
    assert updates == {'hostname': 'worker-5', 'personality': c.WORKER,
                       'subfunctions': c.WORKER}
    assert refused(update, placeholder, {'personality': c.WORKER}) == (
        'Host u4 of personality worker, must be provisioned with a '
        'hostname.')
    assert refused(update, placeholder, {'personality': c.WORKER,
                                         'hostname': 'controller-1'}) == (
        "Hostname controller-1 is not allowed for personality 'worker'. "
        'Please check hostname and personality.')
    updates, _ = update(placeholder, {'personality': c.CONTROLLER})
    assert updates['hostname'] == 'controller-1'


def test_protected_capabilities():
    assert refused(update, worker(), {'capabilities': {
        'Personality': 'Controller-Active'}}) == (
        'Setting capability not allowed: name=Personality, '
        'value=Controller-Active. ')
    monitor = worker(capabilities={'stor_function': 'monitor'})
    assert refused(update, monitor, {'capabilities': {}}) == (
        'Changing capability not allowed: name=stor_function, '
        'old_value=monitor, new_value=None. ')
    assert 'Changing capabilities type' in refused(
        update, worker(), {'capabilities': 'x'})


def test_value_checks():
    assert 'location must be a dictionary' in refused(
        update, worker(), {'location': 'rack 3'})
    assert 'clock_synchronization must be one of' in refused(
        update, worker(), {'clock_synchronization': 'gps'})
    updates, _ = update(worker(), {'ttys_dcd': 'True'})
    assert updates['ttys_dcd'] is True
