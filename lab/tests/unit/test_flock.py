"""The Flock in a lab, without building one: the site file, the host
files and services, the self-reboot entry point, the state record."""
import configparser
import json
import os

import pytest

from stx_lab import exception, flock, profiles, reboot, state
from stx_lab import site as sitemod


@pytest.fixture
def lab(tmp_path):
    lab = sitemod.Site('fk99', str(tmp_path))
    spec = profiles.get_profile('standard', 2)
    types = {h.name: 'ipmi' for h in spec.hosts}
    subnets = {'oam': '10.10.10.0/24', 'mgmt': '192.168.204.0/24',
               'cluster-host': '192.168.206.0/24',
               'pxeboot': '169.254.202.0/24', 'bmc': '192.168.220.0/24'}
    record = lab._plan(spec, types, subnets, 'hook', None, None, [])
    for host in record.hosts.values():
        host.bmc.port = 623
    lab.paths.save(record)
    lab._record = record
    lab._write_host_files(record, {})
    return lab


def test_site_file_follows_the_lab_address_plan(lab):
    document = flock.Flock(lab).site_file()
    assert document['system_mode'] == 'duplex'
    assert document['controller_0']['mgmt_mac'] == \
        lab.record.hosts['controller-0'].links['mgmt'].mac
    assert (document['management_floating_address'],
            document['management_node_0_address'],
            document['management_node_1_address'],
            document['management_start_address']) == (
        '192.168.204.2', '192.168.204.3', '192.168.204.4', '192.168.204.10')
    assert document['cluster_host_start_address'] == '192.168.206.10'


def test_host_files_and_services(lab):
    deployment = flock.Flock(lab)
    deployment.write_key()
    for hostname in lab.hosts:
        deployment.write_host(hostname)
    root = lab.paths.host_root('controller-0')
    services = [s['name'] for s in lab.host('controller-0').services()]
    assert services == ['floating-addresses', 'mtce-client', 'pmond',
                        'sysinv-agent', 'mtce-agent', 'hwmond']
    assert [s['name'] for s in lab.host('worker-0').services()] == [
        'mtce-client', 'pmond', 'sysinv-agent']
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(os.path.join(root, 'etc', 'mtce', 'mtce.conf'))
    assert parser['client']['controller_mgmt_address'] == '192.168.204.2'
    assert parser['client']['reboot_command'].endswith(
        '-m,stx_lab.reboot')
    assert parser['heartbeat']['auth_key_file'] == deployment.key_file
    assert parser['DEFAULT']['transport_url'].endswith('/flock-fk99')
    assert os.stat(deployment.key_file).st_mode & 0o077 == 0
    pmon = configparser.ConfigParser()
    pmon.read(os.path.join(root, 'etc', 'pmon.d', 'mtce-agent.conf'))
    assert pmon['process']['script'] == 'etc/init.d/mtce-agent'
    assert pmon['process']['pidfile'] == 'var/run/mtce-agent.pid'
    with open(os.path.join(root, 'etc', 'init.d', 'mtce-agent')) as handle:
        script = handle.read()
    assert 'FLOCK_BOOT_ID' in script and 'etc/mtce/mtce.conf' in script


def test_extras_of_older_state_files_default_to_empty(tmp_path):
    paths = state.LabPaths('fk98', str(tmp_path))
    record = json.loads(json.dumps(state.LabRecord(
        lab_id='fk98', profile='standard', workers=0, namespaced=True,
        slot=0, subnets={}, hosts={}, bridges=[], lease_hook='h',
        broker={}, database={}, forwards=[]).to_dict()))
    del record['extras']
    state.write_json(paths.state_file, record)
    assert paths.load().extras == {}
    flock.teardown(paths.load())            # nothing to remove


def test_self_reboot_needs_a_lab_host(monkeypatch, capsys):
    for name in ('FLOCK_LAB', 'FLOCK_HOST', 'FLOCK_LAB_DIR'):
        monkeypatch.delenv(name, raising=False)
    assert reboot.main([]) == 1
    assert 'not a lab host' in capsys.readouterr().err


def test_unlock_choices_are_checked(lab):
    with pytest.raises(exception.LabError):
        flock.up(lab, unlock='everything')
