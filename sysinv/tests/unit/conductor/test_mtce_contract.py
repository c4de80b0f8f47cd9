"""What the conductor gives maintenance: its inventory (with the
cluster-host addresses) and a new BMC password, which sysinv never
stores."""
from sysinv.common import constants as c
from sysinv.tests.unit.api.test_host_writes import add, patch
from sysinv.tests.unit.fixtures import admin, make_site, set_states


def test_mtce_hosts_with_their_cluster_host_addresses(api, dbapi,
                                                      local_conductor):
    make_site(dbapi)
    set_states(dbapi, 'controller-0')
    add(api, hostname='worker-0', personality=c.WORKER,
        mgmt_mac='08:00:27:00:01:01')
    hosts = local_conductor.call(admin(), 'get_mtce_hosts')
    by_name = {h['hostname']: h for h in hosts}
    assert set(by_name) == {'controller-0', 'worker-0'}
    worker = by_name['worker-0']
    assert worker['mgmt_ip'] == '192.168.204.5'
    assert worker['cluster_host_ip'] == '192.168.206.5'
    assert worker['bm_password'] is None
    only = local_conductor.call(admin(), 'get_mtce_hosts',
                                uuids=[worker['uuid']])
    assert [h['hostname'] for h in only] == ['worker-0']


def test_bm_password_goes_to_maintenance_and_is_not_stored(api, dbapi,
                                                           mtce):
    make_site(dbapi)
    set_states(dbapi, 'controller-0')
    add(api, hostname='worker-0', personality=c.WORKER,
        mgmt_mac='08:00:27:00:01:01')
    host = patch(api, 'worker-0', {'bm_type': 'ipmi', 'bm_ip': '10.0.0.9',
                                   'bm_username': 'root',
                                   'bm_password': 'secret'}).json
    assert 'bm_password' not in host
    method, sent = mtce.calls[-1]
    assert method == 'modify_host'
    assert sent['host']['bm_password'] == 'secret'
    assert 'secret' not in repr(dbapi.get_host('worker-0'))
    patch(api, 'worker-0', {'location': {'locn': 'rack 1'}})
    patch(api, 'worker-0', {'bm_ip': '10.0.0.10'})
    assert mtce.calls[-1][1]['host']['bm_password'] is None


def test_bm_password_of_a_host_add(api, dbapi, mtce):
    make_site(dbapi)
    set_states(dbapi, 'controller-0')
    add(api, hostname='worker-0', personality=c.WORKER,
        mgmt_mac='08:00:27:00:01:01', bm_type='ipmi', bm_ip='10.0.0.9',
        bm_username='root', bm_password='secret')
    method, sent = mtce.calls[-1]
    assert method == 'add_host' and sent['host']['bm_password'] == 'secret'
    assert 'secret' not in repr(dbapi.get_host('worker-0'))
