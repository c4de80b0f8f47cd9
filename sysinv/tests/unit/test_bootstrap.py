"""Bootstrap from a site file: defaults, StarlingX keys, refusals."""
import pytest

from sysinv import bootstrap, exception
from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.db import models

MAC = '08:00:27:00:00:01'


def plan(**site):
    return bootstrap.plan(site, '1.0', mac_finder=lambda _: MAC)


def run(dbapi, **site):
    return bootstrap.bootstrap(dbapi, site, '1.0', mac_finder=lambda _: MAC)


def by_type(result):
    return {n['network']['type']: n for n in result['networks']}


def test_defaults_follow_starlingx():
    result = plan()
    system = result['system']
    assert (system['system_mode'], system['system_type']) == (
        c.SYSTEM_MODE_SIMPLEX, c.TIS_AIO_BUILD)
    assert system['timezone'] == 'UTC' and system['region_name'] == \
        'RegionOne'
    assert result['dns'] == '8.8.8.8,8.8.4.4'
    networks = by_type(result)
    assert set(networks) == {'pxeboot', 'mgmt', 'multicast', 'cluster-host',
                             'cluster-pod', 'cluster-service', 'oam'}
    mgmt = networks['mgmt']
    assert mgmt['pool']['name'] == 'management'
    assert mgmt['ranges'] == [['192.168.204.2', '192.168.204.254']]
    assert {k: v['address'] for k, v in mgmt['addresses'].items()} == {
        'floating': '192.168.204.2', 'controller0': '192.168.204.3',
        'controller1': '192.168.204.4'}
    assert mgmt['addresses']['controller0']['name'] == 'controller-0-mgmt'
    oam = networks['oam']
    assert {k: v['address'] for k, v in oam['addresses'].items()} == {
        'floating': '10.10.10.2', 'gateway': '10.10.10.1'}
    assert not oam['network']['dynamic'] and mgmt['network']['dynamic']
    host = result['host']
    assert (host['hostname'], host['personality'], host['subfunctions'],
            host['mgmt_mac']) == ('controller-0', c.CONTROLLER,
                                  'controller,worker', MAC)
    assert host['administrative'] == s.ADMIN_LOCKED


def test_site_keys():
    result = plan(system_mode='duplex', system_type='Standard',
                  name='edge-1', dns_servers=['1.1.1.1'],
                  ntp_servers='0.pool.ntp.org, 1.pool.ntp.org',
                  management_subnet='10.20.0.0/24',
                  management_start_address='10.20.0.10',
                  management_end_address='10.20.0.100',
                  external_oam_subnet='192.0.2.0/24',
                  external_oam_floating_address='192.0.2.50',
                  external_oam_gateway_address='192.0.2.254',
                  controller_0={'mgmt_mac': '08-00-27-AA-BB-CC',
                                'bm_type': 'ipmi', 'bm_ip': '10.9.0.1',
                                'bm_username': 'root'})
    assert result['system']['name'] == 'edge-1'
    assert result['host']['subfunctions'] == c.CONTROLLER
    assert result['host']['mgmt_mac'] == '08:00:27:aa:bb:cc'
    assert result['host']['bm_type'] == 'ipmi'
    assert result['ntp'] == '0.pool.ntp.org,1.pool.ntp.org'
    networks = by_type(result)
    assert networks['mgmt']['ranges'] == [['10.20.0.10', '10.20.0.100']]
    assert networks['mgmt']['addresses']['controller1']['address'] == \
        '10.20.0.12'
    oam = {k: v['address'] for k, v in networks['oam']['addresses'].items()}
    assert oam == {'floating': '192.0.2.50', 'controller0': '192.0.2.51',
                   'controller1': '192.0.2.52', 'gateway': '192.0.2.254'}


def test_ipv6_management():
    mgmt = by_type(plan(management_subnet='fd01::/64'))['mgmt']
    assert (mgmt['pool']['family'], mgmt['pool']['prefix']) == (6, 64)
    assert mgmt['addresses']['floating']['address'] == 'fd01::2'


@pytest.mark.parametrize('site, message', [
    ({'system_mode': 'triplex'}, 'system_mode must be one of'),
    ({'system_type': 'Huge'}, 'system_type must be one of'),
    ({'timezone': 'Nowhere/Land'}, 'Timezone file Nowhere/Land does not'),
    ({'management_subnet': 'nonsense'}, 'management_subnet'),
    ({'management_subnet': '10.0.0.0/30'}, 'is too small'),
    ({'management_floating_address': '10.0.0.1'},
     'management_floating_address 10.0.0.1 is not in 192.168.204.0/24'),
    ({'management_start_address': '192.168.204.50',
      'management_end_address': '192.168.204.10'}, 'is after'),
    ({'cluster_host_subnet': '192.168.204.128/25'}, 'overlaps'),
    ({'management_node_0_address': '192.168.204.2'},
     'is both the'),
    ({'distributed_cloud_role': 'boss'}, 'distributed_cloud_role'),
    ({'controller_0': {'mgmt_mac': 'zz'}}, 'Expected a MAC address'),
])
def test_bad_sites(site, message):
    with pytest.raises(bootstrap.SiteError if 'MAC' not in message and
                       'Timezone' not in message else
                       exception.ClientSideError) as info:
        plan(**site)
    assert message in str(info.value)


def test_bootstrap_writes_everything_once(dbapi):
    result = run(dbapi, system_mode='duplex', name='edge-2')
    host = result['host']
    assert host['mgmt_ip'] == '192.168.204.3'
    assert host['isystem_uuid'] == result['system']['uuid']
    assert dbapi.get_network_by_type('oam')['primary_pool_family'] == 'IPv4'
    assert dbapi._get_count(models.Network) == 7
    assert dbapi._get_count(models.NetworkAddressPool) == 7
    pool = dbapi.get_address_pool('management')
    assert dbapi.get_address_by_name('controller-mgmt')['id'] == \
        pool['floating_address_id']
    assert dbapi.get_dns()['nameservers'] == '8.8.8.8,8.8.4.4'
    with pytest.raises(exception.AlreadyBootstrapped) as info:
        run(dbapi, name='other')
    assert "System 'edge-2'" in str(info.value)
    assert 'bootstrap runs once' in str(info.value)
    assert dbapi._get_count(models.Host) == 1


def test_a_failed_bootstrap_writes_nothing(dbapi, monkeypatch):
    original = dbapi._create_network_with_pool
    calls = []

    def failing(db, spec):
        calls.append(spec)
        if len(calls) == 3:
            raise RuntimeError('disk full')
        return original(db, spec)

    monkeypatch.setattr(dbapi, '_create_network_with_pool', failing)
    with pytest.raises(RuntimeError):
        run(dbapi)
    assert dbapi.find_system() is None
    assert dbapi._get_count(models.AddressPool) == 0


def test_machine_mac(tmp_path):
    for name, mac in (('lo', '00:00:00:00:00:00'),
                      ('eth0', 'AA:bb:cc:dd:ee:01'),
                      ('eth1', '08:00:27:00:00:09')):
        (tmp_path / name).mkdir()
        (tmp_path / name / 'address').write_text(mac + '\n')
    assert bootstrap.machine_mac('eth1', str(tmp_path)) == \
        '08:00:27:00:00:09'
    assert bootstrap.machine_mac(None, str(tmp_path)) in (
        'aa:bb:cc:dd:ee:01', '08:00:27:00:00:09')
    with pytest.raises(bootstrap.SiteError):
        bootstrap.machine_mac('lo', str(tmp_path))
