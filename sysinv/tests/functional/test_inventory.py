"""A real sysinv-agent on this machine reports to a real conductor over
RabbitMQ; its inventory appears through the REST API and matches /proc and
/sys.

One site for the module: dbsync, controller-0 (All-in-one, mgmt_mac = this
machine's first NIC) written through the DB API, then the agent is
started *before* the conductor (it must keep trying), then the conductor
and the API.
"""
import glob
import json
import os
import re

import pytest

from stx_common.testing import postgres, process, rabbit, waiting
from sysinv.agent.inventory import report
from sysinv.db import api as db_api
from sysinv.tests.functional import fixtures

pytestmark = pytest.mark.functional

AUDIT = 2
SYS = '/sys/devices/system'
PCI_ADDRESS = re.compile(r'[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]')


def this_machine():
    return report.collect('/')


@pytest.fixture(scope='module')
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp('inventory')
    database = postgres.Database().create()
    vhost = rabbit.Vhost().create()
    service = fixtures.SysinvService(
        workdir / 'sysinv', database.url, vhost.url,
        extra={'agent': {'inventory_audit_interval': str(AUDIT),
                         'host_lookup_interval': '1',
                         'report_retry_interval': '1'}})
    agent = None
    try:
        service.dbsync()
        macs = this_machine()['host']['macs']
        dbapi = db_api.Connection(connection=database.url)
        dbapi.create_bootstrap(
            system={'name': 'flock-inventory', 'system_mode': 'duplex',
                    'system_type': 'All-in-one', 'timezone': 'UTC',
                    'software_version': '1.0', 'capabilities': {}},
            dns='', ntp='', networks=[], host={
                'hostname': 'controller-0', 'personality': 'controller',
                'subfunctions': 'controller,worker',
                'mgmt_mac': macs[0] if macs else None,
                'administrative': 'locked'})
        agent = process.ServiceProcess(
            service.argv('sysinv-agent'),
            os.path.join(str(workdir), 'sysinv-agent.log')).start()
        agent.wait_until(lambda: 'sysinv-agent started' in agent.log_tail(),
                         timeout=60, what='sysinv-agent started')
        service.start_conductor()
        service.start_api()
        yield {'service': service, 'agent': agent, 'dbapi': dbapi,
               'macs': macs}
        dbapi.dispose()
    finally:
        if agent is not None:
            agent.stop()
        service.stop()
        database.drop()
        vhost.delete()


def get(site, path):
    response = site['service'].get(path)
    assert response.status_code == 200, response.text
    return response.json()


def listing(site, name):
    return get(site, '/v1/ihosts/controller-0/%s' % name)[name]


@pytest.fixture(scope='module')
def inventoried(site):
    def check():
        host = get(site, '/v1/ihosts/controller-0')
        return host if host['inv_state'] == 'inventoried' else None
    return waiting.wait_for(check, timeout=90, interval=0.5,
                            what='controller-0 inventoried')


def test_host_becomes_inventoried(site, inventoried):
    assert inventoried['inv_state'] == 'inventoried'
    assert inventoried['kernel_running'] == open(
        '/proc/sys/kernel/osrelease').read().strip()
    log = site['agent'].log_tail(400)
    assert 'This machine is host controller-0' in log
    assert 'Inventory report 1 of controller-0: full' in log


def _sys_int(path):
    with open(path) as handle:
        return int(handle.read().strip())


def _cpulist(text):
    cpus = []
    for part in text.strip().split(','):
        if '-' in part:
            low, high = part.split('-')
            cpus.extend(range(int(low), int(high) + 1))
        elif part:
            cpus.append(int(part))
    return cpus


def test_cpus_match_sys(site, inventoried):
    cpus = listing(site, 'icpus')
    online = _cpulist(open(SYS + '/cpu/online').read())
    assert sorted(c['cpu'] for c in cpus) == online
    nodes = {}
    for path in glob.glob(SYS + '/node/node[0-9]*'):
        for cpu in _cpulist(open(path + '/cpulist').read()):
            nodes[cpu] = int(path.rsplit('node', 1)[1])
    for cpu in cpus:
        topo = '%s/cpu/cpu%d/topology/' % (SYS, cpu['cpu'])
        assert cpu['core'] == _sys_int(topo + 'core_id')
        assert cpu['numa_node'] == nodes.get(cpu['cpu'], 0)
    assert cpus[0]['allocated_function'] == 'Platform'
    with open('/proc/cpuinfo') as handle:
        models = set(re.findall(r'^model name\s*:\s*(.*)$', handle.read(),
                                re.MULTILINE))
    assert {c['cpu_model'] for c in cpus} <= models | {None}


def test_numa_nodes_and_memory_match(site, inventoried):
    nodes = listing(site, 'inodes')
    found = sorted(int(p.rsplit('node', 1)[1])
                   for p in glob.glob(SYS + '/node/node[0-9]*')) or [0]
    assert sorted(n['numa_node'] for n in nodes) == found
    memory = listing(site, 'imemorys')
    assert len(memory) == len(nodes)
    with open('/proc/meminfo') as handle:
        total_kb = int(re.search(r'MemTotal:\s+(\d+)', handle.read())[1])
    reported = sum(m['node_memtotal_mib'] for m in memory)
    assert abs(reported - total_kb // 1024) <= max(64, total_kb // 1024 //
                                                   50)


def test_disks_match_sys_block(site, inventoried):
    disks = listing(site, 'idisks')
    expected = set()
    for path in glob.glob('/sys/block/*'):
        name = os.path.basename(path)
        if name.startswith(('loop', 'ram', 'zram', 'dm-', 'md', 'sr', 'fd',
                            'nbd')) or not _sys_int(path + '/size'):
            continue
        if os.path.exists(path + '/hidden') and _sys_int(path + '/hidden'):
            continue
        expected.add('/dev/' + name)
    assert {d['device_node'] for d in disks} == expected
    for disk in disks:
        name = disk['device_node'][5:]
        assert disk['size_mib'] == _sys_int(
            '/sys/block/%s/size' % name) * 512 // (1024 * 1024)


def test_nics_match_by_mac_and_pci(site, inventoried):
    ports = listing(site, 'ethernet_ports')
    expected = {}
    for path in glob.glob('/sys/class/net/*'):
        if not os.path.exists(path + '/device'):
            continue
        if os.path.exists(os.path.realpath(path + '/device') + '/physfn'):
            continue
        mac = open(path + '/address').read().strip().lower()
        expected[mac] = PCI_ADDRESS.findall(
            os.path.realpath(path + '/device'))[-1]
    assert {p['mac']: p['pciaddr'] for p in ports} == expected
    if site['macs']:
        boot = [p for p in ports if p['mac'] == site['macs'][0]][0]
        assert boot['bootp'] == 'True' and boot['interface_uuid']
    devices = listing(site, 'pci_devices')
    present = set(os.listdir('/sys/bus/pci/devices'))
    assert {d['pciaddr'] for d in devices} <= present
    for device in devices:
        klass = open('/sys/bus/pci/devices/%s/class' % device[
            'pciaddr']).read().strip()
        assert device['pclass_id'] == klass[2:8]


def test_second_audit_sends_no_change(site, inventoried):
    agent = site['agent']
    waiting.wait_for(
        lambda: re.search(r'Inventory report \d+ of controller-0: no change',
                          agent.log_tail(400)),
        timeout=AUDIT * 10, what='an audit without change')
    log = agent.log_tail(400)
    fulls = re.findall(r'Inventory report (\d+) of controller-0: full', log)
    assert fulls == ['1']


def test_cpu_modify_refused_on_an_unlocked_host(site, inventoried):
    dbapi = site['dbapi']
    dbapi.update_host('controller-0', {'administrative': 'unlocked'})
    try:
        response = site['service'].request(
            'PUT', '/v1/ihosts/%s/state/host_cpus_modify'
            % inventoried['uuid'],
            json=[{'function': 'platform', 'sockets': [{'0': 1}]}])
    finally:
        dbapi.update_host('controller-0', {'administrative': 'locked'})
    assert response.status_code == 400
    assert json.loads(response.json()['error_message'])[
        'faultstring'] == 'Host must be locked.'


def test_cpu_modify_on_a_locked_host(site, inventoried):
    cpus = listing(site, 'icpus')
    if len({c['core'] for c in cpus}) < 2:
        pytest.skip('one core: nothing to assign')
    response = site['service'].request(
        'PUT', '/v1/ihosts/%s/state/host_cpus_modify' % inventoried['uuid'],
        json=[{'function': 'platform', 'sockets': [{'0': 1}]}])
    assert response.status_code == 200, response.text
    functions = {c['cpu']: c['allocated_function']
                 for c in response.json()['icpus']}
    assert 'Platform' in functions.values()
    assert {c['cpu']: c['allocated_function']
            for c in listing(site, 'icpus')} == functions


def test_memory_patch(site, inventoried):
    memory = listing(site, 'imemorys')[0]
    response = site['service'].patch(
        '/v1/imemorys/%s' % memory['uuid'],
        [{'op': 'replace', 'path': '/vm_hugepages_nr_2M_pending',
          'value': '16'}])
    assert response.status_code == 200, response.text
    assert response.json()['vm_hugepages_nr_2M_pending'] == 16
    too_many = memory['node_memtotal_mib']
    refused = site['service'].patch(
        '/v1/imemorys/%s' % memory['uuid'],
        [{'op': 'replace', 'path': '/vm_hugepages_nr_2M_pending',
          'value': too_many}])
    assert refused.status_code == 400
    assert 'No available space for 2M huge page allocation' in \
        refused.json()['error_message']


@pytest.mark.parametrize('verb, path, body', [
    ('PUT', '/v1/ihosts/controller-0/state/host_cpus_modify', 'garbage'),
    ('PUT', '/v1/ihosts/controller-0/state/host_cpus_modify', '[{}]'),
    ('PUT', '/v1/ihosts/controller-0/state/host_cpus_modify',
     '[{"function": "platform", "sockets": [{"9": 1}]}]'),
    ('PATCH', '/v1/imemorys/1', '[{"op": "replace", "path": "/x"}]'),
    ('PATCH', '/v1/imemorys/1', '{"not": "a patch"}'),
    ('GET', '/v1/icpus?limit=-1', None),
    ('GET', '/v1/ihosts/controller-0/idisks?sort_key=nope', None),
    ('GET', '/v1/pci_devices/not-a-uuid', None),
    ('GET', '/v1/ihosts/controller-0/idisks/999999/partitions', None),
    ('POST', '/v1/icpus', '{}'),
    ('DELETE', '/v1/idisks/1', None),
])
def test_bad_input_is_never_a_500(site, inventoried, verb, path, body):
    response = site['service'].request(
        verb, path, data=body, headers={'Content-Type': 'application/json'})
    assert 400 <= response.status_code < 500, response.text
