"""The real ``system`` executable against real sysinv processes: sysinv-api
and sysinv-conductor on PostgreSQL and RabbitMQ, the site made by
sysinv-bootstrap, and a real sysinv-agent reporting this machine's
hardware for controller-0 (whose mgmt_mac is this machine's first NIC).

The tests share one site and run in file order: reads and the locked-host
changes first, then the host life cycle, which unlocks controller-0 the
way maintenance does (a PATCH with its User-Agent).
"""
import glob
import os
import re
import subprocess

import pytest
import yaml

from stx_common.testing import postgres, process, rabbit, waiting
from sysinv.agent.inventory import report
from sysinv.tests.functional import fixtures

pytestmark = pytest.mark.functional

MTCE_UA = 'mtce/1.0'
WORKER_MAC = '08:00:27:0f:01:01'
SYS = '/sys/devices/system'


def this_machine_macs():
    return report.collect('/')['host']['macs']


@pytest.fixture(scope='module')
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp('cli')
    database = postgres.Database().create()
    vhost = rabbit.Vhost().create()
    service = fixtures.SysinvService(
        workdir / 'sysinv', database.url, vhost.url,
        extra={'agent': {'inventory_audit_interval': '5',
                         'host_lookup_interval': '1',
                         'report_retry_interval': '1'}})
    agent = None
    try:
        macs = this_machine_macs()
        controller = {'mgmt_mac': macs[0]} if macs else {}
        service.start(dict(fixtures.SITE, system_type='All-in-one',
                           controller_0=controller))
        agent = process.ServiceProcess(
            service.argv('sysinv-agent'),
            os.path.join(str(workdir), 'sysinv-agent.log')).start()
        yield service
    finally:
        if agent is not None:
            agent.stop()
        service.stop()
        database.drop()
        vhost.delete()


def environment(extra=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('OS_', 'SYSTEM', 'CLI_CONFIRMATIONS'))}
    env.update(COLUMNS='250', TZ='UTC')
    env.update(extra or {})
    return env


def system(site, *argv, env=None):
    """``system --os-auth-token x --system-url <url> argv...``."""
    return subprocess.run(
        [process.script('system'), '--os-auth-token', 'x', '--system-url',
         site.url, *argv], capture_output=True, text=True, timeout=120,
        env=environment(env), stdin=subprocess.DEVNULL)


def ok(result):
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert 'Traceback' not in result.stderr
    return result.stdout


def refused(result):
    """The one-line message of a failed command."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert 'Traceback' not in result.stderr, result.stderr
    assert result.stderr.count('\n') == 1, result.stderr
    return result.stderr.strip()


def table(output):
    """(header, rows) of a prettytable; cells stripped."""
    lines = [line for line in output.splitlines() if line.startswith('|')]
    cells = [[c.strip() for c in line.strip('|').split('|')]
             for line in lines]
    return (cells[0], cells[1:]) if cells else ([], [])


def properties(output):
    return dict(table(output)[1])


def values(site, *argv):
    """``--format value`` lines of a command, split."""
    return [line.split() for line in ok(system(
        site, *argv, '--format', 'value')).splitlines()]


def api(site, path):
    response = site.get(path)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope='module')
def inventoried(site):
    def check():
        host = api(site, '/v1/ihosts/controller-0')
        return host if host['inv_state'] == 'inventoried' else None

    return waiting.wait_for(check, timeout=120, interval=0.5,
                            what='controller-0 inventoried')


# -- system -------------------------------------------------------------------

def test_show_and_modify(site):
    shown = properties(ok(system(site, 'show')))
    assert (shown['name'], shown['system_type'], shown['system_mode']) == (
        'flock-ft', 'All-in-one', 'duplex')
    assert list(shown) == sorted(shown)
    changed = properties(ok(system(site, 'modify', '-d', 'CLI test site',
                                   '-c', 'ops@example.org', '-la', '45.5',
                                   '-lo', '-73.57')))
    assert (changed['description'], changed['contact'], changed['latitude'],
            changed['longitude']) == ('CLI test site', 'ops@example.org',
                                      '45.5', '-73.57')
    assert yaml.safe_load(ok(system(site, 'show', '--format', 'yaml')))[
        'description'] == 'CLI test site'


def test_modify_refusals(site):
    message = refused(system(site, 'modify', '-la', '95'))
    assert 'latitude' in message.lower()
    assert refused(system(site, 'modify', '-m', 'simplex')).startswith(
        'Invalid value for system_mode')
    assert refused(system(site, 'modify', '-t', 'Nowhere/Atlantis'))


# -- hosts: reads -------------------------------------------------------------

def test_host_list_and_show(site):
    header, rows = table(ok(system(site, 'host-list')))
    assert header == ['id', 'hostname', 'personality', 'administrative',
                      'operational', 'availability']
    assert rows == [['1', 'controller-0', 'controller', 'locked',
                     'disabled', 'offline']]
    by_name = properties(ok(system(site, 'host-show', 'controller-0')))
    host = api(site, '/v1/ihosts/controller-0')
    by_id = properties(ok(system(site, 'host-show', '1')))
    by_uuid = properties(ok(system(site, 'host-show', host['uuid'])))
    assert by_name == by_id == by_uuid
    assert by_name['uuid'] == host['uuid']
    assert by_name['subfunctions'] == 'controller,worker'
    assert by_name['capabilities'] == "{'Personality': 'Controller-Active'}"
    assert 'mgmt_ip' not in by_name
    assert values(site, 'host-show', 'controller-0', '--column', 'hostname',
                  '--column', 'personality') == [['controller-0',
                                                  'controller']]
    assert refused(system(site, 'host-show', 'nosuch')) == (
        'host not found: nosuch')
    assert refused(system(site, 'host-show', '42')) == 'host not found: 42'


# -- hardware of this machine -------------------------------------------------

def _cpulist(text):
    cpus = []
    for part in text.strip().split(','):
        if '-' in part:
            low, high = part.split('-')
            cpus.extend(range(int(low), int(high) + 1))
        elif part:
            cpus.append(int(part))
    return cpus


def test_cpus_of_this_machine(site, inventoried):
    header, rows = table(ok(system(site, 'host-cpu-list', 'controller-0')))
    assert header == ['uuid', 'log_core', 'processor', 'phy_core', 'thread',
                      'processor_model', 'assigned_function']
    with open(SYS + '/cpu/online') as handle:
        online = _cpulist(handle.read())
    assert [int(r[1]) for r in rows] == online
    assert rows[0][6] == 'Platform'
    shown = properties(ok(system(site, 'host-cpu-show', 'controller-0',
                                 str(online[0]))))
    assert shown['logical_core'] == str(online[0])
    assert shown['uuid'] == rows[0][0]
    assert refused(system(site, 'host-cpu-show', 'controller-0',
                          '9999')) == (
        'CPU logical core not found: host controller-0 cpu 9999')


def test_memory_of_this_machine(site, inventoried):
    header, rows = table(ok(system(site, 'host-memory-list',
                                   'controller-0', '--nowrap')))
    assert header[:4] == ['processor', 'mem_total(MiB)',
                          'mem_platform(MiB)', 'mem_avail(MiB)']
    nodes = sorted(int(p.rsplit('node', 1)[1])
                   for p in glob.glob(SYS + '/node/node[0-9]*')) or [0]
    assert sorted(int(r[0]) for r in rows) == nodes
    shown = properties(ok(system(site, 'host-memory-show', 'controller-0',
                                 str(nodes[0]))))
    assert 'Memory: Usable Total (MiB)' in shown
    assert refused(system(site, 'host-memory-show', 'controller-0',
                          '99')) == (
        'Processor not found: host controller-0 processor 99')


def test_disks_and_partitions_of_this_machine(site, inventoried):
    disks = api(site, '/v1/ihosts/controller-0/idisks')['idisks']
    header, rows = table(ok(system(site, 'host-disk-list', 'controller-0')))
    assert header == ['uuid', 'device_node', 'device_num', 'device_type',
                      'size_gib', 'available_gib', 'rpm', 'serial_id',
                      'device_path']
    assert sorted(r[1] for r in rows) == sorted(d['device_node']
                                                for d in disks)
    first = disks[0]
    name = first['device_node'][len('/dev/'):]
    with open('/sys/block/%s/size' % name) as handle:
        sectors = int(handle.read())
    shown = properties(ok(system(site, 'host-disk-show', 'controller-0',
                                 first['device_node'])))
    assert float(shown['size_gib']) == pytest.approx(
        sectors * 512 / 2 ** 30, abs=0.01)
    header, rows = table(ok(system(site, 'host-disk-partition-list',
                                   'controller-0')))
    partitions = api(site, '/v1/ihosts/controller-0/partitions')[
        'partitions']
    assert len(rows) == len(partitions)
    ok(system(site, 'host-disk-partition-list', 'controller-0', '--disk',
              first['device_node']))


def test_ports_and_devices_of_this_machine(site, inventoried):
    ports = api(site, '/v1/ihosts/controller-0/ports')['ports']
    header, rows = table(ok(system(site, 'host-port-list', 'controller-0')))
    assert header == ['uuid', 'name', 'type', 'pci address', 'device',
                      'processor', 'accelerated', 'device type']
    assert sorted(r[1] for r in rows) == sorted(p['name'] for p in ports)
    for row in rows:
        assert os.path.exists('/sys/class/net/%s' % row[1]) or row[1]
    if ports:
        shown = properties(ok(system(site, 'host-port-show', 'controller-0',
                                     ports[0]['name'])))
        assert shown['pciaddr'] == ports[0]['pciaddr']
    devices = api(site, '/v1/ihosts/controller-0/pci_devices')[
        'pci_devices']
    header, rows = table(ok(system(site, 'host-device-list', 'controller-0',
                                   '-a')))
    assert sorted(r[1] for r in rows) == sorted(d['pciaddr']
                                                for d in devices)
    assert {r[1] for r in rows} <= set(os.listdir('/sys/bus/pci/devices'))


def test_cpu_and_memory_modify_on_the_locked_controller(site, inventoried):
    header, rows = table(ok(system(site, 'host-cpu-modify', 'controller-0',
                                   '-f', 'platform', '-p0', '1')))
    assert header[6] == 'assigned_function' and rows[0][6] == 'Platform'
    node = values(site, 'host-memory-list', 'controller-0', '--column',
                  'processor')[0][0]
    shown = properties(ok(system(site, 'host-memory-modify', 'controller-0',
                                 node, '-m', '2600')))
    assert shown['Platform     (MiB)'] == '2600'


# -- logical configuration ----------------------------------------------------

def served(site, *resources):
    """Skip unless sysinv-api serves ``resources`` (its v1 index)."""
    index = api(site, '/v1')
    missing = [r for r in resources if r not in index]
    if missing:
        pytest.skip('sysinv-api does not serve %s yet' % ', '.join(missing))


def test_networks_and_address_pools(site):
    served(site, 'networks', 'addrpools')
    header, rows = table(ok(system(site, 'network-list')))
    assert header == ['id', 'uuid', 'name', 'type', 'dynamic', 'pool_uuid',
                      'primary_pool_family']
    assert {'mgmt', 'oam', 'cluster-host', 'pxeboot'} <= {r[3]
                                                          for r in rows}
    oam = [r for r in rows if r[3] == 'oam'][0]
    assert properties(ok(system(site, 'network-show', oam[1])))[
        'pool_uuid'] == oam[5]
    header, rows = table(ok(system(site, 'addrpool-list')))
    assert header == ['uuid', 'name', 'network', 'prefix', 'order',
                      'ranges', 'floating_address', 'controller0_address',
                      'controller1_address', 'gateway_address']
    oam_pool = [r for r in rows if r[0] == oam[5]][0]
    assert (oam_pool[2], oam_pool[3], oam_pool[6]) == ('10.10.10.0', '24',
                                                       '10.10.10.2')
    assert properties(ok(system(site, 'addrpool-show', oam[5])))[
        'ranges'] == oam_pool[5]

    pool = properties(ok(system(site, 'addrpool-add', 'storage-pool',
                                '10.20.0.0', '24', '--ranges',
                                '10.20.0.10-10.20.0.100', '--order',
                                'random')))
    assert (pool['name'], pool['ranges'], pool['order']) == (
        'storage-pool', "['10.20.0.10-10.20.0.100']", 'random')
    assert properties(ok(system(site, 'addrpool-modify', pool['uuid'],
                                '--order', 'sequential')))[
        'order'] == 'sequential'
    assert refused(system(site, 'addrpool-add', 'bad-pool', '10.30.0.0',
                          '24', '--ranges', '10.31.0.1-10.31.0.9'))
    network = properties(ok(system(site, 'network-add', 'storage',
                                   'storage', 'false', pool['uuid'])))
    assert (network['type'], network['dynamic'], network['pool_uuid']) == (
        'storage', 'False', pool['uuid'])
    assert ok(system(site, 'network-delete', network['uuid'])) == (
        'Deleted Network: %s\n' % network['uuid'])
    assert ok(system(site, 'addrpool-delete', pool['uuid'])) == (
        'Deleted address pool: %s\n' % pool['uuid'])


def test_interfaces_and_their_networks(site, inventoried):
    served(site, 'iinterfaces', 'interface_networks', 'addrpools',
           'networks')
    header, rows = table(ok(system(site, 'host-if-list', 'controller-0')))
    assert header == ['uuid', 'name', 'class', 'type', 'vlan id', 'ports',
                      'uses i/f', 'used by i/f', 'attributes']
    mgmt = [r for r in rows if r[1] == 'mgmt0'][0]
    macs = this_machine_macs()
    boot = [p for p in api(site, '/v1/ihosts/controller-0/ethernet_ports')[
        'ethernet_ports'] if p['mac'] == macs[0]][0]
    assert mgmt[5] == "['%s']" % boot['name']
    mtu = mgmt[8].split(',')[0].split('=')[1]
    assert properties(ok(system(site, 'host-if-show', 'controller-0',
                                'mgmt0')))['ifclass'] == 'platform'
    header, rows = table(ok(system(site, 'interface-network-list',
                                   'controller-0')))
    assert header == ['hostname', 'uuid', 'ifname', 'network_name']
    assert ['controller-0', 'mgmt0', 'mgmt'] in [[r[0], r[2], r[3]]
                                                 for r in rows]

    pool = properties(ok(system(site, 'addrpool-add', 'storage-pool',
                                '10.20.0.0', '24', '--ranges',
                                '10.20.0.10-10.20.0.100')))
    network = properties(ok(system(site, 'network-add', 'storage',
                                   'storage', 'false', pool['uuid'])))
    added = properties(ok(system(site, 'host-if-add', 'controller-0',
                                 'vlan100', 'vlan', 'mgmt0', '-V', '100',
                                 '-c', 'platform', '-m', mtu)))
    assert (added['iftype'], added['vlan_id'], added['uses']) == (
        'vlan', '100', "['mgmt0']")
    assert refused(system(site, 'host-if-add', 'controller-0', 'vlan101',
                          'vlan', 'mgmt0', '-V', '101', '-c', 'platform',
                          '-m', str(int(mtu) + 100))).startswith(
        'Interface MTU')
    smaller = str(int(mtu) - 100)
    assert properties(ok(system(site, 'host-if-modify', 'controller-0',
                                'vlan100', '-m', smaller)))['imtu'] == (
        smaller)
    assigned = properties(ok(system(site, 'interface-network-assign',
                                    'controller-0', 'vlan100', 'storage')))
    assert (assigned['ifname'], assigned['network_name']) == ('vlan100',
                                                              'storage')
    assert values(site, 'interface-network-list', 'controller-0',
                  'vlan100', '--column', 'network_name') == [['storage']]
    addresses = table(ok(system(site, 'host-addr-list', 'controller-0')))
    assert addresses[0] == ['uuid', 'ifname', 'address', 'prefix']
    assert ['mgmt0', '192.168.204.3', '24'] in [r[1:] for r in
                                               addresses[1]]
    assert [r[2] for r in addresses[1] if r[1] == 'vlan100'][0].startswith(
        '10.20.0.')
    assert ok(system(site, 'interface-network-remove', assigned['uuid'])) \
        == 'Deleted Interface Network: %s\n' % assigned['uuid']
    assert ok(system(site, 'host-if-delete', 'controller-0', 'vlan100')) == (
        'Deleted interface: host controller-0 if vlan100\n')
    assert refused(system(site, 'host-if-show', 'controller-0',
                          'vlan100')) == (
        'Interface not found: host controller-0 if vlan100')
    ok(system(site, 'network-delete', network['uuid']))
    ok(system(site, 'addrpool-delete', pool['uuid']))


def test_dns_and_ntp(site):
    served(site, 'idns', 'intp')
    assert properties(ok(system(site, 'dns-show')))['nameservers'] == (
        '8.8.8.8')
    changed = properties(ok(system(site, 'dns-modify',
                                   'nameservers=1.1.1.1,8.8.4.4')))
    assert changed['nameservers'] == '1.1.1.1,8.8.4.4'
    assert refused(system(site, 'dns-modify', 'nameservers=1.1.1.1,'
                          '2.2.2.2,3.3.3.3,4.4.4.4')).startswith(
        'Maximum DNS nameservers supported: 3')
    assert properties(ok(system(site, 'ntp-modify',
                                'ntpservers=0.pool.ntp.org')))[
        'ntpservers'] == '0.pool.ntp.org'
    assert properties(ok(system(site, 'ntp-show')))['ntpservers'] == (
        '0.pool.ntp.org')
    assert properties(ok(system(site, 'ntp-modify', 'ntpservers=')))[
        'ntpservers'] == ''


def test_service_parameters(site):
    served(site, 'service_parameter')
    header, rows = table(ok(system(site, 'service-parameter-list')))
    assert header == ['uuid', 'service', 'section', 'name', 'value',
                      'personality', 'resource']
    found = values(site, 'service-parameter-list', '--service', 'platform',
                   '--section', 'maintenance', '--name', 'heartbeat_period',
                   '--column', 'uuid', '--column', 'value')
    assert len(found) == 1
    uuid, value = found[0]
    shown = properties(ok(system(site, 'service-parameter-show', uuid)))
    assert (shown['service'], shown['name'], shown['value']) == (
        'platform', 'heartbeat_period', value)
    assert refused(system(site, 'service-parameter-add', 'platform',
                          'maintenance', 'no_such_parameter=1'))
    out = ok(system(site, 'service-parameter-add', 'docker', 'proxy',
                    'http_proxy=http://proxy.example.org:3128',
                    'no_proxy=localhost'))
    assert out.count('| Property ') == 2
    added = values(site, 'service-parameter-list', '--service', 'docker',
                   '--section', 'proxy', '--column', 'name', '--column',
                   'value', '--column', 'uuid')
    assert sorted(a[:2] for a in added) == [
        ['http_proxy', 'http://proxy.example.org:3128'],
        ['no_proxy', 'localhost']]
    for _, _, uuid in added:
        assert ok(system(site, 'service-parameter-delete', uuid)) == (
            'Deleted service parameter: %s\n' % uuid)
    assert values(site, 'service-parameter-list', '--service',
                  'docker') == []
    assert ok(system(site, 'service-parameter-apply', 'platform')) == (
        'Applying platform service parameters\n')
    assert ok(system(site, 'service-parameter-apply', 'platform',
                     '--section', 'maintenance')) == (
        'Applying platform service parameters for section maintenance\n')


def test_service_parameter_modify(site):
    """StarlingX's client restates the parameter's /name with its /value
    (StarlingX's API accepts an unchanged name)."""
    served(site, 'service_parameter')
    modified = properties(ok(system(site, 'service-parameter-modify',
                                    'platform', 'maintenance',
                                    'heartbeat_period=200')))
    assert (modified['name'], modified['value']) == ('heartbeat_period',
                                                     '200')


def test_labels(site):
    served(site, 'labels')
    assigned = properties(ok(system(site, 'host-label-assign',
                                    'controller-0', 'sriovdp=enabled')))
    assert (assigned['label_key'], assigned['label_value']) == (
        'sriovdp', 'enabled')
    assert 'Use overwrite option' in refused(system(
        site, 'host-label-assign', 'controller-0', 'sriovdp=disabled'))
    assert properties(ok(system(site, 'host-label-assign', 'controller-0',
                                'sriovdp=disabled', '--overwrite')))[
        'label_value'] == 'disabled'
    header, rows = table(ok(system(site, 'host-label-list',
                                   'controller-0')))
    assert header == ['hostname', 'label key', 'label value']
    assert rows == [['controller-0', 'sriovdp', 'disabled']]
    assert ok(system(site, 'host-label-remove', 'controller-0', 'sriovdp',
                     'nosuch')).splitlines() == [
        'Deleted host label sriovdp for host controller-0',
        'Host label not found: host controller-0, label key nosuch ']
    assert table(ok(system(site, 'host-label-list', 'controller-0'))) == (
        [], [])


# -- hosts: life cycle and refusals -------------------------------------------

def test_host_life_cycle_and_refusals(site, inventoried):
    # no host may be added before an unlocked-enabled controller exists
    message = refused(system(site, 'host-add', '-n', 'worker-0', '-p',
                             'worker', '-m', WORKER_MAC))
    assert 'no unlocked-enabled controller' in message
    assert refused(system(site, 'host-lock', 'controller-0')) == (
        "Avoiding lock action on already 'locked' host controller-0")
    rebooting = properties(ok(system(site, 'host-reboot', 'controller-0')))
    assert rebooting['task'] == 'Rebooting'
    assert rebooting['action'] == 'none'

    # maintenance brings controller-0 up (its own PATCH)
    response = site.patch('/v1/ihosts/controller-0', [
        {'op': 'replace', 'path': '/administrative', 'value': 'unlocked'},
        {'op': 'replace', 'path': '/operational', 'value': 'enabled'},
        {'op': 'replace', 'path': '/availability', 'value': 'available'},
        {'op': 'replace', 'path': '/task', 'value': ''}],
        user_agent=MTCE_UA)
    assert response.status_code == 200, response.text
    assert refused(system(site, 'host-lock', 'controller-0')) == (
        'controller-0 : Rejected: Can not lock an active controller.')
    assert refused(system(site, 'host-unlock', 'controller-0')).startswith(
        "Avoiding 'unlock' action on already 'unlocked' host")
    assert refused(system(site, 'host-reboot', 'controller-0'))

    added = properties(ok(system(site, 'host-add', '-n', 'worker-0', '-p',
                                 'worker', '-m', WORKER_MAC, '-l',
                                 'rack 2')))
    assert (added['hostname'], added['personality'],
            added['administrative'], added['mgmt_mac']) == (
        'worker-0', 'worker', 'locked', WORKER_MAC)
    assert added['location'] == "{'locn': 'rack 2'}"
    header, rows = table(ok(system(site, 'host-list')))
    assert [r[1] for r in rows] == ['controller-0', 'worker-0']
    assert refused(system(site, 'host-add', '-n', 'worker-9', '-p',
                          'worker', '-m', WORKER_MAC))

    updated = properties(ok(system(site, 'host-update', 'worker-0',
                                   'boot_device=/dev/sdb',
                                   'console=ttyS1,115200')))
    assert (updated['boot_device'], updated['console']) == (
        '/dev/sdb', 'ttyS1,115200')
    assert refused(system(site, 'host-lock', 'worker-0')) == (
        "Avoiding lock action on already 'locked' host worker-0")
    unlock = refused(system(site, 'host-unlock', 'worker-0'))
    assert 'worker-0' in unlock or 'online' in unlock
    assert properties(ok(system(site, 'host-reboot', 'worker-0')))[
        'task'] == 'Rebooting'
    for command in ('host-reset', 'host-power-off', 'host-power-on',
                    'host-reinstall'):
        result = system(site, command, 'worker-0')
        assert result.returncode in (0, 1), result.stderr
        assert 'Traceback' not in result.stderr
        if result.returncode:
            refused(result)
    assert refused(system(site, 'host-swact', 'worker-0'))
    assert refused(system(site, 'host-lock', '-u', 'worker-0')) == (
        '--unsafe is only valid with --force')

    assert ok(system(site, 'host-delete', 'worker-0')) == (
        'Deleted host worker-0\n')
    assert refused(system(site, 'host-show', 'worker-0')) == (
        'host not found: worker-0')
    assert refused(system(site, 'host-delete', 'worker-0')) == (
        'host not found: worker-0')


def test_bad_input_is_refused_in_one_line(site):
    assert refused(system(site, 'host-update', 'controller-0',
                          'no_such_field=1'))
    assert refused(system(site, 'host-add', '-p', 'worker', '-m',
                          'not-a-mac'))
    result = system(site, 'host-list', '--format', 'json')
    assert result.returncode == 2 and 'invalid choice' in result.stderr


def test_unreachable_server_is_one_line(free_port):
    result = subprocess.run(
        [process.script('system'), '--os-auth-token', 'x', '--system-url',
         'http://127.0.0.1:%d' % free_port, 'host-list'],
        capture_output=True, text=True, timeout=60, env=environment())
    assert re.match(r'Unable to reach sysinv-api at http://127\.0\.0\.1:\d+'
                    r': \[Errno 111\] Connection refused\n$', result.stderr)
    assert result.returncode == 1
