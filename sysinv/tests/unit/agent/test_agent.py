"""The agent: finding its host, full report then deltas, retries."""
import oslo_messaging as messaging
import pytest

from sysinv import exception
from sysinv.agent import endpoints, manager
from sysinv.agent.inventory import report

HOST = {'uuid': '6b1d2f1e-0c7e-4a43-9d1a-1e5f3c2b1a00',
        'hostname': 'controller-0', 'personality': 'controller'}
BOOT_MAC = '3c:fd:fe:b5:72:fd'


class FakeConductor:
    def __init__(self, by_mac=None, by_name=None):
        self.by_mac = by_mac or {}
        self.by_name = by_name or {}
        self.reports = []
        self.full_needed = False
        self.fail = None
        self.lookups = 0

    def get_ihost_by_macs(self, context, macs):
        self.lookups += 1
        if self.fail:
            raise self.fail
        for mac in macs:
            if mac in self.by_mac:
                return self.by_mac[mac]
        return None

    def get_ihost_by_hostname(self, context, hostname):
        return self.by_name.get(hostname)

    def report_inventory(self, context, host_uuid, payload):
        if self.fail:
            raise self.fail
        self.reports.append(payload)
        return {'host_uuid': host_uuid, 'full_needed': self.full_needed,
                'inv_state': 'inventoried', 'counts': {}}


def make_agent(root, conductor, **kwargs):
    kwargs.setdefault('lookup_timeout', 600)
    return manager.Agent(conductor, hostname='controller-0', root=root,
                         serve_rpc=False, **kwargs)


def sent(payload):
    return [c for c in report.CATEGORIES if c in payload]


def test_host_found_by_mac(root):
    conductor = FakeConductor(by_mac={BOOT_MAC: HOST})
    agent = make_agent(root, conductor)
    assert agent.step() == agent.audit_interval
    assert agent.host == HOST


def test_host_found_by_name_when_no_mac_matches(root):
    conductor = FakeConductor(by_name={'controller-0': HOST})
    agent = make_agent(root, conductor)
    agent.step()
    assert agent.host == HOST and len(conductor.reports) == 1


def test_waits_for_a_personality_then_gives_up(root):
    conductor = FakeConductor(by_mac={BOOT_MAC: dict(HOST,
                                                     personality=None)})
    agent = make_agent(root, conductor, lookup_interval=7)
    assert agent.step() == 7 and agent.host is None
    agent.lookup_timeout = 0
    with pytest.raises(manager.GaveUp):
        agent.step()


def test_conductor_away_never_gives_up(root):
    conductor = FakeConductor(by_mac={BOOT_MAC: HOST})
    conductor.fail = messaging.MessagingTimeout('away')
    agent = make_agent(root, conductor, lookup_timeout=0)
    assert agent.step() == agent.lookup_interval
    assert agent.step() == agent.lookup_interval
    conductor.fail = None
    assert agent.step() == agent.audit_interval


def test_full_report_then_deltas(root, machine):
    conductor = FakeConductor(by_mac={BOOT_MAC: HOST})
    agent = make_agent(root, conductor)
    agent.step()
    assert sent(conductor.reports[0]) == list(report.CATEGORIES)
    summary = agent.audit()
    assert summary['kind'] == 'no change' and summary['sent'] == []
    assert len(conductor.reports) == 1     # nothing sent
    machine.write('proc/uptime', '99999.0 1.0\n')
    assert agent.audit()['sent'] == []
    hp = 'sys/devices/system/node/node1/hugepages/hugepages-2048kB/'
    machine.write(hp + 'nr_hugepages', '512\n')
    summary = agent.audit()
    assert summary['sent'] == ['imemorys']
    assert sent(conductor.reports[-1]) == ['imemorys']


def test_full_reports_until_the_conductor_has_all(root):
    conductor = FakeConductor(by_mac={BOOT_MAC: HOST})
    conductor.full_needed = True
    agent = make_agent(root, conductor)
    agent.step()
    assert agent.audit()['kind'] == 'full'
    conductor.full_needed = False
    assert agent.audit()['kind'] == 'full'
    assert agent.audit()['kind'] == 'no change'
    agent.request_audit(full=True)
    assert agent.audit()['kind'] == 'full'


def test_small_free_memory_moves_are_not_reported(root, machine):
    conductor = FakeConductor(by_mac={BOOT_MAC: HOST})
    agent = make_agent(root, conductor, memavail_mib=256)
    agent.step()
    meminfo = 'sys/devices/system/node/node1/meminfo'

    def free(mib):
        machine.write(meminfo, 'Node 1 MemTotal: %d kB\nNode 1 MemFree: '
                      '%d kB\n' % (16 * 1024 * 1024, mib * 1024))
    free(15 * 1024 - 100)
    assert agent.audit()['sent'] == []
    free(15 * 1024 - 300)
    assert agent.audit()['sent'] == ['imemorys']
    assert agent.audit()['sent'] == []


def test_report_not_taken_is_retried(root):
    conductor = FakeConductor(by_mac={BOOT_MAC: HOST})
    agent = make_agent(root, conductor, retry_interval=3)
    agent.step()
    conductor.fail = messaging.MessagingTimeout('away')
    agent.request_audit(full=True)
    assert agent.step() == 3
    conductor.fail = None
    assert agent.step() == agent.audit_interval
    assert sent(conductor.reports[-1]) == list(report.CATEGORIES)


def test_host_gone_is_looked_up_again(root):
    conductor = FakeConductor(by_mac={BOOT_MAC: HOST})
    agent = make_agent(root, conductor)
    agent.step()
    conductor.fail = exception.HostNotFound(host=HOST['uuid'])
    agent.request_audit(full=True)
    assert agent.step() == agent.lookup_interval and agent.host is None


def test_endpoint_ignores_other_hosts(root):
    conductor = FakeConductor(by_mac={BOOT_MAC: HOST})
    agent = make_agent(root, conductor)
    agent.step()
    endpoint = endpoints.InventoryEndpoint(agent)
    endpoint.agent_update(None, host_uuid='someone-else', full=True)
    assert agent.audit()['kind'] == 'no change'
    endpoint.agent_update(None, host_uuid=HOST['uuid'], full=True)
    assert agent.audit()['kind'] == 'full'
    assert endpoint.agent_audit(None)['kind'] == 'no change'
    assert endpoints.is_for(agent, host_uuids=[HOST['uuid']])
    assert not endpoints.is_for(agent, host_uuids=[])


def test_loop_runs_and_stops(root):
    conductor = FakeConductor(by_mac={BOOT_MAC: HOST})
    agent = make_agent(root, conductor, audit_interval=3600)
    agent.start()
    try:
        for _ in range(200):
            if conductor.reports:
                break
            agent._stop.wait(0.01)
        assert conductor.reports
    finally:
        agent.stop()
        agent.wait()


def test_environment_wins(monkeypatch):
    monkeypatch.setenv(manager.HOST_ROOT_ENV, '/srv/host')
    monkeypatch.setenv(manager.HOST_ENV, 'worker-3')
    assert manager.host_root('/') == '/srv/host'
    assert manager.hostname('controller-0') == 'worker-3'
    monkeypatch.delenv(manager.HOST_ROOT_ENV)
    monkeypatch.delenv(manager.HOST_ENV)
    assert manager.host_root(None) == '/'
    assert manager.hostname('controller-0') == 'controller-0'
