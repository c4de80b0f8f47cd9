"""Host writes end to end in-process: sysinv-api's controllers, the
conductor's real endpoints, the real DB API on SQLite; maintenance and the
VIM are fake RPC clients (no answer unless a test sets one)."""
import json

import pytest

from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.tests.unit.fixtures import make_site, ready_to_unlock, set_states

MTCE = {'User-Agent': 'mtce/1.0'}
VIM = {'User-Agent': 'vim/1.0'}


def fault(response):
    return json.loads(response.json['error_message'])['faultstring']


def patch(api, ident, ops, status=200, headers=None):
    if isinstance(ops, dict):
        ops = [{'op': 'replace', 'path': '/' + k, 'value': v}
               for k, v in ops.items()]
    response = api.patch_json('/v1/ihosts/%s' % ident, ops,
                              headers=headers or {}, expect_errors=True)
    assert response.status_int == status, response.text
    return response


def action(api, ident, name, status=200, headers=None):
    return patch(api, ident, {'action': name}, status, headers)


def add(api, status=200, **body):
    response = api.post_json('/v1/ihosts', body, expect_errors=True)
    assert response.status_int == status, response.text
    return response


@pytest.fixture
def site(dbapi):
    """A duplex Standard site whose controller-0 is unlocked-enabled."""
    make_site(dbapi)
    set_states(dbapi, 'controller-0', invprovision=s.PROVISIONED)
    return dbapi


@pytest.fixture
def worker(api, site):
    return add(api, hostname='worker-0', personality=c.WORKER,
               mgmt_mac='08:00:27:00:01:01').json


# -- host-add -----------------------------------------------------------------
def test_host_add_records_the_host_and_its_addresses(api, worker, mtce):
    assert worker['hostname'] == 'worker-0'
    assert (worker['administrative'], worker['operational'],
            worker['availability']) == (s.ADMIN_LOCKED,
                                        s.OPERATIONAL_DISABLED,
                                        s.AVAILABILITY_OFFLINE)
    assert worker['mgmt_ip'] == '192.168.204.5'
    assert worker['action_state'] == s.HAS_REINSTALLING
    assert [m for m, _ in mtce.calls] == ['add_host']
    assert mtce.calls[0][1]['host']['mgmt_ip'] == '192.168.204.5'
    second = add(api, hostname='worker-1', personality=c.WORKER,
                 mgmt_mac='08:00:27:00:01:02').json
    assert second['mgmt_ip'] == '192.168.204.6'


def test_host_add_names_controllers_and_storage(api, site):
    controller = add(api, personality=c.CONTROLLER,
                     mgmt_mac='08:00:27:00:02:01').json
    assert controller['hostname'] == 'controller-1'
    assert controller['mgmt_ip'] == '192.168.204.4'
    storage = add(api, personality=c.STORAGE,
                  mgmt_mac='08:00:27:00:02:02').json
    assert storage['hostname'] == 'storage-0'
    assert fault(add(api, 400, personality=c.CONTROLLER,
                     mgmt_mac='08:00:27:00:02:03')).startswith(
        'Two controller nodes have already been configured.')


def test_host_add_refusals(api, dbapi):
    make_site(dbapi)
    assert fault(add(api, 400, hostname='worker-0', personality=c.WORKER,
                     mgmt_mac='08:00:27:00:01:01')).startswith(
        "Provisioning request for new host '08:00:27:00:01:01' is not "
        'permitted while there is no unlocked-enabled controller.')
    set_states(dbapi, 'controller-0')
    assert fault(add(api, 400, hostname='worker-0', personality=c.WORKER,
                     mgmt_mac=c.CONTROLLER and '08:00:27:00:00:01')) == (
        'Host-add Rejected: Host with mgmt_mac 08:00:27:00:00:01 already '
        'exists')
    assert 'mgmt_mac' in fault(add(api, 400, hostname='w',
                                   personality=c.WORKER))
    assert 'Additional properties' in fault(add(
        api, 400, hostname='w', personality=c.WORKER,
        mgmt_mac='08:00:27:00:01:01', colour='blue'))


def test_host_add_on_simplex(api, dbapi):
    make_site(dbapi, system_mode=c.SYSTEM_MODE_SIMPLEX,
              system_type=c.TIS_AIO_BUILD)
    set_states(dbapi, 'controller-0')
    assert fault(add(api, 400, hostname='worker-0', personality=c.WORKER,
                     mgmt_mac='08:00:27:00:01:01')) == (
        'Host-add Rejected: Adding a host on a simplex system is not '
        'allowed.')


def test_host_add_rejected_by_maintenance(api, site, mtce):
    mtce.answer = {'status': 'fail', 'reason': 'no room', 'action': 'retry'}
    assert fault(add(api, 400, hostname='worker-0', personality=c.WORKER,
                     mgmt_mac='08:00:27:00:01:01')) == (
        'Mtce rejected add request.Please retry and if problem persists '
        'then contact your system administrator.')
    assert api.get('/v1/ihosts/worker-0', expect_errors=True
                   ).status_int == 404
    assert site.get_address_by_name('worker-0-mgmt') is None


# -- actions ------------------------------------------------------------------
def test_unlock_is_recorded_in_progress(api, worker, site, mtce):
    assert fault(action(api, 'worker-0', s.UNLOCK_ACTION, 400)).startswith(
        'Host worker-0 is not online.')
    ready_to_unlock(site, 'worker-0')
    host = action(api, worker['id'], s.UNLOCK_ACTION).json
    assert (host['ihost_action'], host['task']) == (s.UNLOCK_ACTION,
                                                    s.TASK_UNLOCKING)
    assert host['action'] == s.NONE_ACTION
    assert host['administrative'] == s.ADMIN_LOCKED
    assert mtce.actions()[-1] == ('worker-0', s.UNLOCK_ACTION)
    assert site.get_host('worker-0')['action'] == s.NONE_ACTION


def test_force_unlock_skips_online_and_inventory(api, worker, mtce):
    host = action(api, 'worker-0', s.FORCE_UNLOCK_ACTION).json
    assert (host['ihost_action'], host['task']) == (
        s.UNLOCK_ACTION, s.TASK_FORCE_UNLOCKING)
    assert mtce.actions()[-1] == ('worker-0', s.UNLOCK_ACTION)


def test_refused_actions_change_nothing(api, worker, site, mtce):
    calls = len(mtce.calls)
    assert fault(action(api, 'worker-0', s.LOCK_ACTION, 400)) == (
        "Avoiding lock action on already 'locked' host worker-0")
    assert fault(action(api, 'worker-0', 'dance', 400)) == (
        "'dance' is not a supported maintenance action")
    set_states(site, 'worker-0')
    assert fault(action(api, 'worker-0', s.REBOOT_ACTION, 400)) == (
        "Can not 'Reboot' an 'unlocked' host worker-0; Please 'Lock' first")
    assert len(mtce.calls) == calls
    host = api.get('/v1/ihosts/worker-0').json
    assert (host['ihost_action'], host['task']) == (None, None)


def test_lock_of_the_active_controller(api, site):
    assert fault(action(api, 'controller-0', s.LOCK_ACTION, 400)) == (
        'controller-0 : Rejected: Can not lock an active controller.')


def test_lock_goes_to_maintenance_without_a_vim(api, worker, site, mtce,
                                               vim):
    set_states(site, 'worker-0')
    host = action(api, 'worker-0', s.LOCK_ACTION).json
    assert (host['ihost_action'], host['task']) == (s.LOCK_ACTION,
                                                    s.TASK_LOCKING)
    assert mtce.actions()[-1] == ('worker-0', s.LOCK_ACTION)
    assert vim.calls == []


def test_maintenance_rejection(api, worker, site, mtce):
    ready_to_unlock(site, 'worker-0')
    mtce.answer = {'status': 'fail', 'reason': 'BMC unreachable',
                   'action': 'retry'}
    assert fault(action(api, 'worker-0', s.UNLOCK_ACTION, 400)) == (
        'Operation Rejected: BMC unreachable.retry.')
    assert site.get_host('worker-0')['ihost_action'] is None
    mtce.answer = {'status': 'pass'}
    assert action(api, 'worker-0', s.UNLOCK_ACTION).json['task'] == \
        s.TASK_UNLOCKING


def test_maintenance_timeout_leaves_the_action_in_progress(api, worker,
                                                           mtce):
    mtce.answer = 'timeout'
    host = action(api, 'worker-0', s.POWERON_ACTION).json
    assert host['task'] == s.TASK_POWERING_ON


def test_every_maintenance_action_is_recorded(api, worker, mtce):
    for name, task in ((s.REBOOT_ACTION, s.TASK_REBOOTING),
                       (s.RESET_ACTION, s.TASK_RESETTING),
                       (s.POWEROFF_ACTION, s.TASK_POWERING_OFF),
                       (s.POWERON_ACTION, s.TASK_POWERING_ON)):
        host = action(api, 'worker-0', name).json
        assert host['task'] == task
        assert mtce.actions()[-1] == ('worker-0', name)


def test_reinstall_marks_the_host_reinstalling(api, worker, site):
    ready_to_unlock(site, 'worker-0')
    host = action(api, 'worker-0', s.REINSTALL_ACTION).json
    assert (host['task'], host['action_state'], host['inv_state']) == (
        s.TASK_REINSTALLING, s.HAS_REINSTALLING, s.INV_STATE_REINSTALLING)


def test_swact_checks_the_standby(api, site):
    add(api, personality=c.CONTROLLER, mgmt_mac='08:00:27:00:02:01')
    assert fault(action(api, 'controller-0', s.SWACT_ACTION, 400)) == (
        'controller-1 is not enabled and has operational state disabled.'
        'Standby controller must be  operationally enabled.')
    set_states(site, 'controller-1')
    assert action(api, 'controller-0', s.SWACT_ACTION).json['task'] == \
        s.TASK_SWACTING


# -- lock through the VIM -----------------------------------------------------
def test_lock_through_the_vim(api, conf, worker, site, mtce, vim):
    conf(vim_enabled=True, group='conductor')
    set_states(site, 'worker-0')
    assert fault(action(api, 'worker-0', s.LOCK_ACTION, 400)).startswith(
        'VIM API Error or Timeout on action = lock')
    vim.answer = {'status': 'pass'}
    calls = len(mtce.calls)
    host = action(api, 'worker-0', s.LOCK_ACTION).json
    assert host['ihost_action'] == s.LOCK_ACTION
    assert vim.actions()[-1] == ('worker-0', s.LOCK_ACTION)
    assert len(mtce.calls) == calls
    # the VIM reports services disabled: maintenance is told to lock
    host = action(api, 'worker-0', s.VIM_SERVICES_DISABLED,
                  headers=VIM).json
    assert host['vim_progress_status'] == s.VIM_SERVICES_DISABLED
    assert mtce.actions()[-1] == ('worker-0', s.LOCK_ACTION)


def test_force_lock_proceeds_without_the_vim(api, conf, worker, site, mtce):
    conf(vim_enabled=True, group='conductor')
    set_states(site, 'worker-0')
    host = action(api, 'worker-0', s.FORCE_LOCK_ACTION).json
    assert host['task'] == s.TASK_FORCE_LOCKING
    assert mtce.actions()[-1] == ('worker-0', s.FORCE_LOCK_ACTION)


def test_vim_callbacks(api, worker, site, mtce):
    assert fault(action(api, 'worker-0', s.VIM_SERVICES_ENABLED, 400)) == (
        "'services-enabled' is reported by the VIM only")
    host = action(api, 'worker-0', s.VIM_SERVICES_ENABLED, headers=VIM).json
    assert host['vim_progress_status'] == s.VIM_SERVICES_ENABLED
    set_states(site, 'worker-0', ihost_action=s.LOCK_ACTION,
               task=s.TASK_LOCKING)
    host = patch(api, 'worker-0', [
        {'op': 'replace', 'path': '/action',
         'value': s.VIM_SERVICES_DISABLE_FAILED},
        {'op': 'replace', 'path': '/vim_progress_status',
         'value': 'instances cannot migrate'}], headers=VIM).json
    assert (host['ihost_action'], host['task']) == ('', '')
    assert host['vim_progress_status'] == 'instances cannot migrate'
    set_states(site, 'worker-0', ihost_action=s.FORCE_LOCK_ACTION)
    action(api, 'worker-0', s.VIM_SERVICES_DISABLE_FAILED, headers=VIM)
    assert mtce.actions()[-1] == ('worker-0', s.FORCE_LOCK_ACTION)


# -- maintenance's state reports ----------------------------------------------
def test_mtce_reports_states_and_provisioning_follows(api, worker, site,
                                                      endpoint):
    host = patch(api, 'worker-0', {'availability': s.AVAILABILITY_ONLINE},
                 headers=MTCE).json
    assert host['action_state'] == s.HAS_REINSTALLED
    ready_to_unlock(site, 'worker-0')
    action(api, 'worker-0', s.UNLOCK_ACTION)
    host = patch(api, worker['uuid'], {
        'administrative': s.ADMIN_UNLOCKED,
        'operational': s.OPERATIONAL_DISABLED,
        'availability': s.AVAILABILITY_OFFLINE}, headers=MTCE).json
    assert host['administrative'] == s.ADMIN_UNLOCKED
    assert (host['ihost_action'], host['task']) == ('', '')
    assert host['invprovision'] == s.PROVISIONING
    patch(api, worker['uuid'], [
        {'op': 'replace', 'path': '/task', 'value': 'Booting'},
        {'op': 'replace', 'path': '/uptime', 'value': '123'}],
        headers=MTCE)
    host = patch(api, worker['uuid'], {
        'operational': s.OPERATIONAL_ENABLED,
        'availability': s.AVAILABILITY_AVAILABLE, 'task': ''},
        headers=MTCE).json
    assert host['invprovision'] == s.PROVISIONED
    assert host['uptime'] == 123


def test_mtce_state_values_are_checked(api, worker):
    assert 'availability' in fault(patch(
        api, 'worker-0', {'availability': 'sleepy'}, 400, MTCE))
    assert 'uptime' in fault(patch(api, 'worker-0', {'uptime': 'x'}, 400,
                                   MTCE))


def test_restricted_fields(api, worker):
    for field, value in (('administrative', s.ADMIN_UNLOCKED),
                         ('task', 'Booting'), ('uptime', 5),
                         ('vim_progress_status', 'x'),
                         ('mgmt_mac', '08:00:27:00:09:09'),
                         ('invprovision', s.PROVISIONED),
                         ('ihost_action', 'lock'), ('config_target', 'x')):
        message = fault(patch(api, 'worker-0', {field: value}, 400))
        assert message == "Change ['%s'] contains restricted ['%s']." % (
            field, field)
    assert 'restricted' in fault(patch(api, 'worker-0', {
        'vim_progress_status': 'x'}, 400, MTCE))
    assert 'restricted' in fault(patch(api, 'worker-0', {
        'operational': s.OPERATIONAL_ENABLED}, 400, VIM))


def test_state_report_through_the_contract_verb(local_conductor, worker):
    from sysinv.tests.unit.fixtures import admin

    host = local_conductor.update_host_state(admin(), 'worker-0', {
        'availability': s.AVAILABILITY_ONLINE, 'uptime': 7})
    assert (host['availability'], host['uptime']) == (
        s.AVAILABILITY_ONLINE, 7)


# -- attribute updates --------------------------------------------------------
def test_attribute_updates(api, worker, mtce):
    host = patch(api, 'worker-0', {'location': {'locn': 'rack 3'},
                                   'serialid': 'SN1'}).json
    assert host['location'] == {'locn': 'rack 3'}
    calls = len(mtce.calls)
    host = patch(api, 'worker-0', {'bm_type': 'ipmi', 'bm_ip': '10.0.0.9',
                                   'bm_username': 'root',
                                   'bm_password': 'secret'}).json
    assert (host['bm_type'], host['bm_ip']) == ('ipmi', '10.0.0.9')
    assert 'bm_password' not in host
    assert len(mtce.calls) == calls + 1


def test_provisioning_a_discovered_host(api, site, local_conductor, mtce):
    from sysinv.tests.unit.fixtures import admin

    placeholder = local_conductor.handle_dhcp_lease(
        admin(), [], '08:00:27:00:05:05', '169.254.202.10')
    assert placeholder['hostname'] is None
    host = patch(api, placeholder['id'], {'hostname': 'worker-7',
                                          'personality': c.WORKER}).json
    assert (host['hostname'], host['subfunctions']) == ('worker-7',
                                                         c.WORKER)
    assert host['mgmt_ip'] == '192.168.204.5'
    assert mtce.calls[-1][0] == 'add_host'


def test_bad_patch_documents(api, worker):
    cases = [
        ({'op': 'replace', 'path': '/hostname'}, 'non-empty list'),
        ([{'op': 'replace', 'path': '/hostname'}], 'needs a value'),
        ([], 'non-empty list'),
        ([{'op': 'move', 'path': '/x', 'value': 1}], 'op must be one of'),
        ([{'op': 'replace', 'path': '/colour', 'value': 1}],
         'does not exist'),
        ([{'op': 'add', 'path': '/colour', 'value': 1}],
         "can't add the new attribute 'colour'"),
        ([{'op': 'replace', 'path': '/action', 'value': 'lock'},
          {'op': 'replace', 'path': '/action', 'value': 'unlock'}],
         'Illegal duplicate parameters passed.'),
    ]
    for ops, expected in cases:
        response = api.patch_json('/v1/ihosts/worker-0', ops,
                                  expect_errors=True)
        assert response.status_int == 400, (ops, response.text)
        assert expected in fault(response)
    response = api.patch('/v1/ihosts/worker-0', 'not json',
                         content_type='application/json',
                         expect_errors=True)
    assert response.status_int == 400


# -- delete -------------------------------------------------------------------
def test_delete(api, worker, site, mtce):
    set_states(site, 'worker-0')
    response = api.delete('/v1/ihosts/worker-0', expect_errors=True)
    assert response.status_int == 400
    assert fault(response) == (
        'Unable to complete the action delete because Host worker-0 is in '
        'administrative state = unlocked.')
    set_states(site, 'worker-0', administrative=s.ADMIN_LOCKED,
               operational=s.OPERATIONAL_DISABLED)
    assert api.delete('/v1/ihosts/%d' % worker['id']).status_int == 204
    assert api.get('/v1/ihosts/worker-0', expect_errors=True
                   ).status_int == 404
    assert site.get_address_by_name('worker-0-mgmt') is None
    assert mtce.calls[-1] == ('delete_host', {'uuid': worker['uuid']})


def test_delete_rejected_by_maintenance(api, worker, mtce):
    mtce.answer = {'status': 'fail', 'reason': 'busy', 'action': ''}
    response = api.delete('/v1/ihosts/worker-0', expect_errors=True)
    assert response.status_int == 400
    assert fault(response).startswith('Mtce rejected delete request.')
    assert api.get('/v1/ihosts/worker-0').status_int == 200


def test_delete_of_the_simplex_controller(api, dbapi):
    make_site(dbapi, system_mode=c.SYSTEM_MODE_SIMPLEX,
              system_type=c.TIS_AIO_BUILD)
    response = api.delete('/v1/ihosts/controller-0', expect_errors=True)
    assert fault(response) == (
        'Deleting a host on a simplex system is not allowed.')
