"""A real standard lab (2 controllers, 2 workers) in network namespaces.

One lab is shared by the module; each test leaves it as it found it
(hosts powered on, links restored, sensors back to their values).
worker-1 has a Redfish BMC, the other hosts IPMI ones.
"""
import subprocess
import time

import pytest

from stx_common.testing import process, waiting
from stx_lab import testing
from stx_lab.bmc import client

pytestmark = [pytest.mark.lab, pytest.mark.root]

SLEEPER = ['sleep', '3600']


def _setup(directory):
    hook, log = testing.recording_hook(directory)
    _setup.hook_log = log
    return {'lease_hook': hook}


lab = testing.standard_lab(
    workers=2, bmc_types={'worker-1': 'redfish'}, setup=_setup,
    services={'worker-0': [{'name': 'sleeper', 'argv': SLEEPER}]})


def _ping(lab, source, address):
    result = lab.exec(source, ['ping', '-c', '1', '-W', '1', address])
    return result.returncode == 0


def _wait(predicate, what, timeout=30.0):
    return waiting.wait_for(predicate, timeout, interval=0.05, what=what)


def _ipmitool_from(lab, controller, target, *command):
    """ipmitool run where maintenance runs it: on a controller."""
    bmc = lab.bmc(target)
    argv = ['env', 'IPMI_PASSWORD=%s' % bmc.password] + \
        client.ipmitool_argv(lab.record.hosts[target].bmc, *command)
    result = lab.exec(controller, argv)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_hosts_reach_each_other_on_mgmt(lab):
    for target in ('controller-1', 'worker-0', 'worker-1'):
        assert _ping(lab, 'controller-0', lab.address(target, 'mgmt'))
    assert _ping(lab, 'worker-1', lab.address('worker-0', 'mgmt'))
    assert _ping(lab, 'worker-0', lab.gateway('mgmt'))


def test_workers_have_no_oam_link(lab):
    assert 'oam' not in lab.host('worker-0').links()
    assert lab.address('controller-1', 'oam').endswith('.4')


def test_infrastructure_reachable_from_a_worker(lab):
    script = (
        'import sys, kombu, psycopg2\n'
        'conn = psycopg2.connect(host=sys.argv[1], user="postgres", '
        'dbname="postgres", connect_timeout=10)\n'
        'cur = conn.cursor(); cur.execute("SELECT 1"); '
        'print("pg", cur.fetchone()[0])\n'
        'amqp = kombu.Connection(sys.argv[2], connect_timeout=10)\n'
        'amqp.connect(); print("amqp", amqp.connected); amqp.release()\n')
    url = lab.broker_url('worker-0').replace('rabbit://', 'amqp://')
    assert lab.database_host == lab.gateway('mgmt')
    result = lab.exec('worker-0', ['python', '-c', script,
                                   lab.database_host, url + '/'])
    assert result.returncode == 0, result.stderr
    assert 'pg 1' in result.stdout
    assert 'amqp True' in result.stdout


def test_ipmi_power_off_stops_the_host_and_on_boots_it(lab):
    host = lab.host('worker-0')
    assert host.find_processes('sleeper')
    first_boot = host.boot_time
    output = _ipmitool_from(lab, 'controller-0', 'worker-0', 'power', 'off')
    assert 'Down/Off' in output
    _wait(lambda: host.power_state() == 'off', 'worker-0 off')
    assert host.processes() == []
    assert {link['state'] for link in host.links().values()} == {'down'}
    assert not _ping(lab, 'controller-0', lab.address('worker-0', 'mgmt'))
    assert 'is off' in _ipmitool_from(lab, 'controller-0', 'worker-0',
                                      'power', 'status')

    _ipmitool_from(lab, 'controller-0', 'worker-0', 'power', 'on')
    _wait(lambda: host.running() and host.find_processes('sleeper'),
          'worker-0 booted')
    assert host.boot_time > first_boot
    assert host.uptime() < time.time() - first_boot
    assert {link['state'] for link in host.links().values()} == {'up'}
    assert _ping(lab, 'controller-0', lab.address('worker-0', 'mgmt'))


def test_ipmitool_sensor_list_shows_a_value_set_by_the_test(lab):
    lab.set_sensor('controller-1', 'CPU Temp', 87)
    try:
        output = _ipmitool_from(lab, 'controller-0', 'controller-1',
                                'sensor', 'list')
        rows = {line.split('|')[0].strip(): [c.strip()
                                             for c in line.split('|')]
                for line in output.splitlines() if '|' in line}
        assert rows['CPU Temp'][1:4] == ['87.000', 'degrees C', 'nc']
        for unit in ('RPM', 'Volts', 'Watts'):
            assert any(row[2] == unit for row in rows.values())
        sdr = _ipmitool_from(lab, 'controller-0', 'controller-1', 'sdr',
                             'list')
        assert 'CPU Temp' in sdr and '87 degrees C' in sdr
    finally:
        lab.set_sensor('controller-1', 'CPU Temp', 45)


def test_redfish_power_and_sensors(lab):
    host = lab.host('worker-1')
    assert lab.bmc('worker-1').type == 'redfish'
    first_boot = host.boot_time
    lab.power('worker-1', 'off')
    # The BMC answers the request at once and carries it out right after,
    # as real ones do: its status follows within moments.
    _wait(lambda: lab.power('worker-1', 'status') == 'off',
          'worker-1 BMC reports off')
    _wait(lambda: host.power_state() == 'off', 'worker-1 off')
    assert host.processes() == []
    lab.power('worker-1', 'on')
    _wait(host.running, 'worker-1 booted')
    assert host.boot_time > first_boot

    lab.set_sensor('worker-1', 'System Fan 2', 900)
    try:
        record, password = lab.record.hosts['worker-1'].bmc, \
            lab.bmc('worker-1').password
        with client.RedfishClient(record, password) as redfish:
            chassis = redfish.chassis_path()
            fans = redfish.get(chassis + '/Thermal')['Fans']
            power = redfish.get(chassis + '/Power')
        fan = next(f for f in fans if f['Name'] == 'System Fan 2')
        assert fan['Reading'] == 900
        assert fan['Status']['Health'] == 'Warning'
        assert {v['Name'] for v in power['Voltages']} == {'12V', '3.3V'}
    finally:
        lab.set_sensor('worker-1', 'System Fan 2', 5400)


def test_cut_link_isolates_one_network_only(lab):
    cluster = lab.address('worker-1', 'cluster-host')
    mgmt = lab.address('worker-1', 'mgmt')
    lab.faults.cut_link('worker-1', 'cluster-host')
    try:
        assert lab.host('worker-1').links()['cluster-host']['state'] == 'cut'
        assert not _ping(lab, 'controller-0', cluster)
        assert _ping(lab, 'controller-0', mgmt)
    finally:
        lab.faults.restore_link('worker-1', 'cluster-host')
    _wait(lambda: _ping(lab, 'controller-0', cluster), 'link restored')


def test_lease_hook_called_with_pxeboot_mac_on_boot(lab):
    mac = lab.host('worker-0').record.links['pxeboot'].mac
    assert mac == lab.host('worker-0').record.links['mgmt'].mac

    def calls():
        try:
            with open(_setup.hook_log) as handle:
                return [line.split() for line in handle]
        except FileNotFoundError:
            return []

    assert any(call[1] == mac for call in calls())
    before = len(calls())
    lab.faults.power_reset('worker-0')
    _wait(lambda: any(call[1] == mac for call in calls()[before:]),
          'lease hook called for worker-0')
    _wait(lab.host('worker-0').running, 'worker-0 booted')
    action, _, address = [c for c in calls()[before:] if c[1] == mac][-1][:3]
    assert action in ('add', 'old')
    assert address == lab.address('worker-0', 'pxeboot')


def test_crash_and_kill_process(lab):
    host = lab.host('worker-0')
    _wait(lambda: host.find_processes('sleeper'), 'sleeper running')
    killed = lab.faults.kill_process('worker-0', 'sleeper')
    _wait(lambda: not host.find_processes('sleeper'), 'sleeper killed')
    assert killed

    lab.faults.crash('worker-0')
    assert host.processes() == []
    assert host.status()['state'] == 'crashed'
    assert lab.faults.power_status('worker-0') == 'on'
    lab.faults.power_reset('worker-0')
    _wait(lambda: host.running() and host.find_processes('sleeper'),
          'worker-0 recovered')


def test_cli_status_and_exec(lab):
    env = {'STX_LAB_ID': lab.lab_id, 'PATH': '/usr/sbin:/usr/bin:/bin'}
    stx_lab = process.script('stx-lab')
    status = subprocess.run([stx_lab, 'status'], env=env,
                            capture_output=True, text=True, timeout=60)
    assert status.returncode == 0, status.stderr
    assert 'worker-1' in status.stdout and 'power on' in status.stdout
    run = subprocess.run([stx_lab, 'exec', 'worker-0', 'sh', '-c',
                          'echo $FLOCK_HOST $FLOCK_HOST_ROOT'], env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.stdout.split() == ['worker-0',
                                  lab.host('worker-0').root]
    again = subprocess.run([stx_lab, 'up', 'standard'], env=env,
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 1
    assert again.stderr.count('\n') == 1 and 'exists' in again.stderr


