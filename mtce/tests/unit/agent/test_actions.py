"""Administrative flows of locked hosts, the active controller's own
flows, start-up and delete."""
import pytest

from mtce.common import messages as m
from mtce.tests.unit.agent.harness import Harness

W0 = 'worker-0'
C0 = 'controller-0'


@pytest.fixture
def h():
    harness = Harness()
    yield harness
    harness.stop()


def _locked_online(h, bmc=True):
    h.add(W0, bm_type='ipmi', bm_ip='10.9.0.10', bm_username='admin')
    if bmc:
        h.bmc.usable_hosts.add(W0)
    h.alive(W0)
    h.wait_state(W0, 'locked-disabled-online')


def test_locked_host_goes_online_and_offline(h):
    h.add(W0)
    assert h.state(W0) == ('locked-disabled-offline', '')
    h.alive(W0)
    h.wait_state(W0, 'locked-disabled-online')
    # no mtcAlive for offline_period x offline_threshold (0.3 s here)
    h.wait_state(W0, 'locked-disabled-offline')
    logs = h.alarm_client.logs()
    assert ('200.022', 'host=worker-0.status=online') in logs
    assert ('200.022', 'host=worker-0.status=offline') in logs
    assert ('200.020', 'host=worker-0.event=add') in logs


def test_reboot_of_a_locked_host(h):
    _locked_online(h)
    assert h.act(W0, 'reboot')['status'] == 'pass'
    h.result(W0, m.CMD_REBOOT, 'ack')
    h.wait_state(W0, 'locked-disabled-offline', 'Rebooting')
    h.reboot(W0)
    h.wait_state(W0, 'locked-disabled-online', '')
    assert ('200.021', 'host=worker-0.command=reboot') in \
        h.alarm_client.logs()


def test_reboot_escalates_to_a_bmc_reset(h):
    _locked_online(h)
    h.act(W0, 'reboot')
    h.wait(lambda: 'reset' in h.bmc.operations(W0), 'BMC reset')
    tasks = [t for _, t in h.reporter.states('uuid-worker-0')]
    assert 'Reboot Failed, retrying (1 of 5)' in tasks
    assert 'Rebooting/Resetting Host' in tasks
    h.wait_state(W0, 'locked-disabled-offline', 'Rebooting')


def test_reboot_without_answer_nor_bmc_fails(h):
    _locked_online(h, bmc=False)
    h.act(W0, 'reboot')
    h.wait_state(W0, 'locked-disabled-online',
                 "Reboot Failed, try again when host is 'online'",
                 timeout=15)


def test_power_off_and_on(h):
    _locked_online(h)
    assert h.act(W0, 'power-off')['status'] == 'pass'
    h.wait_state(W0, 'locked-disabled-power-off', 'Power-Off Completed')
    assert h.bmc.operations(W0)[:2] == ['power_status', 'power_off']
    h.wait_state(W0, 'locked-disabled-power-off', '')   # task held, cleared
    assert h.act(W0, 'power-on')['status'] == 'pass'
    h.wait_state(W0, 'locked-disabled-offline', 'Power-On Completed')
    h.reboot(W0)
    h.wait_state(W0, 'locked-disabled-online')
    logs = h.alarm_client.logs()
    assert ('200.021', 'host=worker-0.command=power-off') in logs
    assert ('200.021', 'host=worker-0.command=power-on') in logs


def test_reset(h):
    _locked_online(h)
    assert h.act(W0, 'reset')['status'] == 'pass'
    h.wait_state(W0, 'locked-disabled-offline', 'Resetting')
    assert 'reset' in h.bmc.operations(W0)
    h.reboot(W0)
    h.wait_state(W0, 'locked-disabled-online', '')


def test_reset_of_a_powered_off_host_is_refused_by_its_power_state(h):
    _locked_online(h)
    h.bmc.power[W0] = 'off'
    h.act(W0, 'reset')
    h.wait_state(W0, 'locked-disabled-online',
                 'Reset Failed ; host is powered off')
    assert 'reset' not in h.bmc.operations(W0)


def test_bmc_failures_are_retried_then_reported(h):
    _locked_online(h)
    h.bmc.fail.add('power_status')
    h.act(W0, 'power-off')
    h.wait_state(W0, 'locked-disabled-online',
                 'Power-Off Failed - BMC is not accessible')
    tasks = [t for _, t in h.reporter.states('uuid-worker-0')]
    assert 'Power-Off Failed, retrying (4 of 5)' in tasks
    assert h.bmc.operations(W0).count('power_status') == 5


def test_reinstall_through_the_bmc(h):
    _locked_online(h)
    assert h.act(W0, 'reinstall')['status'] == 'pass'
    h.wait_state(W0, 'locked-disabled-offline', 'Reinstalling Host')
    assert 'power_cycle' in h.bmc.operations(W0)
    h.reboot(W0)
    h.wait_state(W0, 'locked-disabled-online', 'Reinstall Succeeded')
    assert ('200.022', 'host=worker-0.status=reinstall-complete') in \
        h.alarm_client.logs()


def test_delete(h):
    _locked_online(h)
    assert h.engine.call(h.lifecycle.delete_host,
                         'uuid-worker-0')['status'] == 'pass'
    assert h.host(W0) is None
    assert ('remove', W0) in h.heartbeat.calls
    assert ('200.021', 'host=worker-0.command=delete') in \
        h.alarm_client.logs()


def test_delete_of_an_unlocked_host_is_refused(h):
    h.add(W0, administrative='unlocked', operational='enabled',
          availability='available')
    answer = h.engine.call(h.lifecycle.delete_host, 'uuid-worker-0')
    assert answer['status'] == 'fail'


def test_first_unlock_of_the_active_controller_is_a_lazy_reboot(h):
    h.add(C0, 'controller', availability='online')
    h.alive(C0)
    assert h.act(C0, 'unlock')['status'] == 'pass'
    h.wait_state(C0, 'unlocked-disabled-online',
                 'Unlocking active controller, please stand-by while it '
                 'reboots')
    h.result(C0, m.CMD_LAZY_REBOOT, 'ack')
    assert m.CMD_REBOOT not in h.transport.commands('10.0.0.3')


def test_active_controller_is_enabled_in_place_after_its_reboot(h):
    h.load(h.record(C0, 'controller', administrative='unlocked',
                    availability='offline'))
    h.alive(C0)
    h.result(C0, m.CMD_REQ_GOENABLED)
    h.result(C0, m.CMD_START_SERVICES)
    h.heartbeat.healthy.add(C0)
    h.wait_state(C0, 'unlocked-enabled-available', '')
    assert m.CMD_REBOOT not in h.transport.commands('10.0.0.3')


def test_the_only_controller_is_never_rebooted_by_its_agent(h):
    h.load(h.record(C0, 'controller', administrative='unlocked',
                    operational='enabled', availability='available'))
    h.engine.post(h.lifecycle.process_event,
                  {'hostname': C0, 'process': 'sm', 'event': 'critical'})
    h.wait_state(C0, 'unlocked-enabled-degraded',
                 'Critical failure.Please provision/enable standby '
                 'controller')
    assert h.alarm_client.active()[('200.004', 'host=controller-0')] == \
        'critical'
    assert m.CMD_REBOOT not in h.transport.commands()


def test_inventory_load(h):
    h.load(h.record(W0, administrative='unlocked', operational='enabled',
                    availability='available'),
           h.record('worker-1', administrative='locked'),
           h.record('worker-2', administrative='unlocked',
                    availability='failed'))
    assert h.heartbeat.hosts[W0]['monitored']
    assert not h.heartbeat.hosts['worker-1']['monitored']
    assert h.alarm_client.active()[('200.001', 'host=worker-1')]
    h.wait_command('worker-2', m.CMD_REBOOT)   # its enable starts again
    assert h.engine.inventory_loaded


def test_bmc_provisioning_is_logged(h):
    h.add(W0)
    record = h.record(W0, bm_type='redfish', bm_ip='10.9.0.10',
                      bm_username='admin', bm_password='pw')
    h.engine.call(h.lifecycle.modify_host, record, None)
    assert record.bm_password is None         # taken, never kept around
    record = h.record(W0, bm_type='none')
    h.engine.call(h.lifecycle.modify_host, record, None)
    logs = h.alarm_client.logs()
    assert ('200.021', 'host=worker-0.command=provision') in logs
    assert ('200.021', 'host=worker-0.command=deprovision') in logs
    assert not h.host(W0).bmc_provisioned


def test_cluster_host_address_is_fetched_from_sysinv(h):
    fetched = []
    h.lifecycle.fetch = fetched.append
    h.add(W0, cluster_host_ip=None)
    assert fetched == ['uuid-worker-0']
    assert set(h.heartbeat.hosts[W0]['addresses']) == {'mgmt'}
    h.engine.call(h.lifecycle.refreshed, h.record(W0))
    assert h.heartbeat.hosts[W0]['addresses']['cluster-host'] == \
        '10.1.0.10'
