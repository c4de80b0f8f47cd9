"""The host life cycle end to end in a standard lab running the Flock.

One lab for the module (2 controllers, 2 workers): controller-0 runs
mtce-agent and hwmond, every host mtce-client, pmond and sysinv-agent, FM
and sysinv run in the root namespace. Built the installer's way:
controller-0 bootstrapped and unlocked (it reboots itself), the others
discovered by their DHCP lease, provisioned with their BMC and unlocked,
except worker-1, which ``test_discovered_worker_is_provisioned_and_
unlocked`` provisions itself. Every test leaves each host unlocked-
enabled-available (but worker-1 until that test ran).
"""
import pytest

from mtce.common import messages as m
from mtce.tests.lab import site
from stx_common import datagram
from stx_lab.bmc import client as bmc_client

pytestmark = [pytest.mark.lab, pytest.mark.root]

flock = site.flock_lab(hold=('worker-1',))

W0 = 'worker-0'


def _available(flock, hostname, timeout=120.0):
    return site.wait(lambda: site.states(flock.host(hostname)) == (
        'unlocked', 'enabled', 'available') and not
        flock.host(hostname)['task'], '%s available' % hostname, timeout)


def _logged(flock, *expected):
    """FM's event log once it holds every ``expected`` event."""
    return site.wait(lambda: (lambda logged: logged if all(
        e in logged for e in expected) else None)(site.events(flock)),
        'events %s logged' % (expected,), timeout=30)


def test_site_is_up_and_clean(flock):
    listing = site.system(flock, 'host-list').stdout
    for hostname in ('controller-0', 'controller-1', W0):
        row = next(line for line in listing.splitlines()
                   if ' %s ' % hostname in line)
        assert 'unlocked' in row and 'enabled' in row and \
            'available' in row, row
    assert not [k for k in site.alarms(flock) if k[0] != '200.001']


def test_lock_and_unlock_of_a_worker(flock):
    with site.Recorder(flock, W0) as seen:
        site.system(flock, 'host-lock', W0)
        site.wait(lambda: site.states(flock.host(W0)) == (
            'locked', 'disabled', 'online'), 'worker-0 locked')
        site.wait(lambda: site.alarms(flock).get(
            ('200.001', 'host=worker-0')) == 'warning', '200.001 raised',
            timeout=30)
        site.system(flock, 'host-unlock', W0)
        _available(flock, W0)
    availabilities = [a for a in seen.availabilities()]
    # StarlingX's sequence: locked-disabled-online, then the unlock
    # reboots the host (offline), tests it (intest) and enables it
    locked = availabilities.index('online')
    after = availabilities[locked:]
    for expected in ('offline', 'intest', 'available'):
        assert expected in after, seen.seen
    assert after.index('offline') < after.index('intest') < \
        after.index('available'), seen.seen
    assert 'Unlocking' in seen.tasks() or 'Locking' in seen.tasks()
    site.wait(lambda: ('200.001', 'host=worker-0') not in
              site.alarms(flock), '200.001 cleared', timeout=30)
    _logged(flock, ('200.021', 'log', 'host=worker-0.command=unlock'),
            ('200.022', 'log', 'host=worker-0.state=enabled'))


def test_reboot_reset_power_off_and_on_of_a_locked_worker(flock):
    lab_host = flock.site.host(W0)

    def rebooted(since):
        return lambda: lab_host.boot_time and lab_host.boot_time > since \
            and flock.host(W0)['availability'] == 'online'

    site.system(flock, 'host-lock', W0)
    site.wait(lambda: site.states(flock.host(W0)) == (
        'locked', 'disabled', 'online'), 'worker-0 locked')
    for action in ('host-reboot', 'host-reset'):
        before = lab_host.boot_time
        site.system(flock, action, W0)
        site.wait(rebooted(before), '%s of worker-0' % action, timeout=90)
    site.system(flock, 'host-power-off', W0)
    site.wait(lambda: flock.host(W0)['availability'] == 'power-off',
              'worker-0 powered off', timeout=60)
    site.wait(lambda: lab_host.power_state() == 'off' and not
              lab_host.processes(), 'worker-0 off in the lab', timeout=30)
    swact = site.system(flock, 'host-swact', 'controller-0', check=False)
    assert swact.returncode != 0
    site.system(flock, 'host-power-on', W0)
    site.wait(lambda: flock.host(W0)['availability'] == 'online',
              'worker-0 online after power-on', timeout=90)
    site.system(flock, 'host-unlock', W0)
    _available(flock, W0)
    _logged(flock, *[('200.021', 'log', 'host=worker-0.command=%s' % c)
                     for c in ('reboot', 'reset', 'power-off', 'power-on')])


def test_discovered_worker_is_provisioned_and_unlocked(flock):
    placeholder = flock.discovered('worker-1')
    assert placeholder['hostname'] is None
    bmc = flock.bmc_values('worker-1')
    site.system(flock, 'host-update', str(placeholder['id']),
                'hostname=worker-1', 'personality=worker',
                'bm_type=%s' % bmc['bm_type'], 'bm_ip=%s' % bmc['bm_ip'],
                'bm_username=%s' % bmc['bm_username'],
                'bm_password=%s' % bmc['bm_password'])
    flock.wait_online('worker-1')
    site.system(flock, 'host-unlock', 'worker-1')
    _available(flock, 'worker-1')
    host = flock.host('worker-1')
    assert host['mgmt_ip'] == flock.site.address('worker-1', 'mgmt')
    assert host['invprovision'] == 'provisioned'
    logged = _logged(flock, ('200.020', 'log', 'host=worker-1.event=add'))
    assert any(e[0] == '200.020' and e[2].endswith('.event=discovered')
               for e in logged)


def test_power_off_through_the_bmc_fails_then_recovers(flock):
    record = flock.site.record.hosts[W0].bmc
    password = flock.site.bmc(W0).password
    with site.Recorder(flock, W0) as seen:
        bmc_client.ipmitool(record, password, 'power', 'off')
        site.wait(lambda: ('200.004', 'host=worker-0') in
                  site.alarms(flock), '200.004 raised', timeout=60)
        if flock.site.host(W0).power_state() == 'off':
            bmc_client.ipmitool(record, password, 'power', 'on')
        _available(flock, W0, timeout=180)
        site.wait(lambda: ('200.004', 'host=worker-0') not in
                  site.alarms(flock), '200.004 cleared', timeout=30)
    _logged(flock, ('200.004', 'set', 'host=worker-0'),
            ('200.004', 'clear', 'host=worker-0'),
            ('200.022', 'log', 'host=worker-0.status=failed'),
            ('200.005', 'set', 'host=worker-0.network=Management'))
    assert 'Graceful Recovery' in seen.tasks(), seen.seen


def test_cut_link_degrades_and_restore_clears(flock):
    """A controller's cluster-host loss only degrades it (standard
    system)."""
    entity = 'host=controller-1.network=Cluster-host'
    flock.site.faults.cut_link('controller-1', 'cluster-host')
    try:
        site.wait(lambda: flock.host('controller-1')['availability'] ==
                  'degraded', 'controller-1 degraded', timeout=60)
        site.wait(lambda: ('200.009', entity) in site.alarms(flock),
                  '200.009 raised', timeout=30)
        assert flock.host('controller-1')['operational'] == 'enabled'
    finally:
        flock.site.faults.restore_link('controller-1', 'cluster-host')
    _available(flock, 'controller-1', timeout=60)
    site.wait(lambda: ('200.009', entity) not in site.alarms(flock),
              '200.009 cleared', timeout=30)


def test_killed_process_is_restarted_then_degrades_past_threshold(flock):
    lab_host = flock.site.host(W0)
    first = lab_host.find_processes('sysinv-agent')
    flock.site.faults.kill_process(W0, 'sysinv-agent')
    site.wait(lambda: lab_host.find_processes('sysinv-agent') and
              lab_host.find_processes('sysinv-agent') != first,
              'sysinv-agent restarted by pmond', timeout=30)
    entity = 'host=worker-0.process=sysinv-agent'
    # killed again before it is debounced: past its threshold (2)
    for _ in range(3):
        site.wait(lambda: lab_host.find_processes('sysinv-agent'),
                  'sysinv-agent running', timeout=30)
        flock.site.faults.kill_process(W0, 'sysinv-agent')
        if entity in [k[1] for k in site.alarms(flock)]:
            break
    site.wait(lambda: site.alarms(flock).get(('200.006', entity)) ==
              'major', '200.006 major', timeout=60)
    site.wait(lambda: flock.host(W0)['availability'] == 'degraded',
              'worker-0 degraded by pmond', timeout=30)
    site.wait(lambda: ('200.006', entity) not in site.alarms(flock),
              '200.006 cleared', timeout=90)
    _available(flock, W0, timeout=60)


def test_critical_sensor_raises_200_007_and_degrades(flock):
    entity = 'host=worker-0.sensor=CPU Temp'
    normal = next(s.value for s in flock.site.sensors(W0)
                  if s.name == 'CPU Temp')
    flock.site.set_sensor(W0, 'CPU Temp', 99)
    try:
        site.wait(lambda: site.alarms(flock).get(('200.007', entity)) ==
                  'critical', '200.007 critical', timeout=60)
        site.wait(lambda: flock.host(W0)['availability'] == 'degraded',
                  'worker-0 degraded by hwmond', timeout=30)
    finally:
        flock.site.set_sensor(W0, 'CPU Temp', normal)
    site.wait(lambda: ('200.007', entity) not in site.alarms(flock),
              '200.007 cleared', timeout=60)
    _available(flock, W0, timeout=30)


def test_forged_maintenance_command_is_dropped(flock):
    """A reboot command sealed with the wrong key changes nothing (the
    heartbeat's own forged-pulse test is in test_heartbeat)."""
    boot_time = flock.site.host(W0).boot_time
    forged = m.seal_command(datagram.Sealer(b'wrong-key', 'controller-0'),
                            m.CMD_REBOOT, 1)
    address = flock.site.address(W0, 'mgmt')
    script = ('import socket,sys; s=socket.socket(socket.AF_INET, '
              'socket.SOCK_DGRAM); s.sendto(bytes.fromhex(sys.argv[1]), '
              '(sys.argv[2], 2118))')
    flock.site.exec('controller-1', ['python3', '-c', script, forged.hex(),
                                     address], check=True)
    with pytest.raises(site.waiting.Timeout):
        site.wait(lambda: flock.site.host(W0).boot_time != boot_time,
                  'worker-0 rebooted', timeout=5)
    assert site.states(flock.host(W0)) == ('unlocked', 'enabled',
                                           'available')
