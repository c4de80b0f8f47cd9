"""The reporter, the RPC endpoints, the BMC password store and hwmond's
host list."""
import json
import os
import stat
import threading

import oslo_messaging as messaging
import pytest

from mtce.agent import bmc_store, endpoints, reporter
from mtce.agent import host as hostmod
from mtce.tests.unit.agent.harness import Harness, make_conf
from stx_common.contracts import host as contract


class FlakySysinv:
    def __init__(self, failures=0):
        self.failures = failures
        self.calls = []
        self.lock = threading.Lock()

    def update_host_state(self, context, host, update, timeout=None):
        with self.lock:
            if self.failures:
                self.failures -= 1
                raise messaging.MessagingTimeout()
            self.calls.append((host, update.values()))


def test_reports_are_sent_in_order():
    sysinv = FlakySysinv()
    part = reporter.Reporter(make_conf(), client=sysinv, retry_wait=0)
    part.start()
    try:
        part.report('u1', {'task': 'Booting'})
        part.report('u1', {'availability': 'intest', 'task': 'Testing'})
        assert part.flush()
    finally:
        part.stop()
        part.wait()
    assert sysinv.calls == [('u1', {'task': 'Booting'}),
                            ('u1', {'availability': 'intest',
                                    'task': 'Testing'})]


def test_reports_wait_for_sysinv_and_merge():
    sysinv = FlakySysinv(failures=2)
    part = reporter.Reporter(make_conf(), client=sysinv, retry_wait=0.2)
    part.report('u1', {'task': 'Booting'})
    part.report('u2', {'task': 'Rebooting'})
    part.report('u1', {'availability': 'intest', 'task': 'Testing'})
    part.start()
    try:
        assert part.flush()
    finally:
        part.stop()
        part.wait()
    assert sysinv.calls == [('u1', {'availability': 'intest',
                                    'task': 'Testing'}),
                            ('u2', {'task': 'Rebooting'})]


def test_invalid_reports_are_refused_at_once():
    part = reporter.Reporter(make_conf(), client=FlakySysinv())
    with pytest.raises(contract.InvalidHostMessage):
        part.report('u1', {'availability': 'asleep'})


@pytest.fixture
def h():
    harness = Harness()
    yield harness
    harness.stop()


def test_endpoints_answer_and_hand_over(h):
    rpc = endpoints.AgentEndpoints(h.engine, h.lifecycle)
    record = h.record('worker-0').to_dict()
    assert rpc.add_host(None, record)['status'] == 'pass'
    assert rpc.modify_host(None, record, 'swact')['status'] == 'fail'
    assert rpc.modify_host(None, dict(record, colour='red'),
                           'lock')['status'] == 'fail'
    assert rpc.delete_host(None, 'uuid-worker-0')['status'] == 'pass'
    rpc.process_event(None, {'event': 'major'})            # dropped
    rpc.sensor_event(None, {'hostname': 'worker-0'})       # dropped
    assert h.host('worker-0') is None


def test_secret_store_encrypts_at_rest(tmp_path):
    path = str(tmp_path / 'secrets')
    key = str(tmp_path / 'secrets.key')
    store = bmc_store.SecretStore(path, key)
    store.set('u1', 'Sup3r-secret')
    for name in (path, key):
        assert stat.S_IMODE(os.stat(name).st_mode) == 0o600
    with open(path, 'rb') as handle:
        assert b'Sup3r-secret' not in handle.read()
    again = bmc_store.SecretStore(path, key)
    assert again.get('u1').reveal() == 'Sup3r-secret'
    assert 'Sup3r' not in repr(again.get('u1')) + repr(again)
    again.delete('u1')
    assert not store.get('u1')
    other = bmc_store.SecretStore(path, str(tmp_path / 'other.key'))
    assert not other.get('u1')


def test_hwmon_provider_joins_the_host_list_and_the_store(tmp_path):
    conf = make_conf(agent={
        'hwmon_hosts_file': str(tmp_path / 'hwmon-hosts.json'),
        'bmc_secrets_file': str(tmp_path / 'secrets'),
        'bmc_key_file': str(tmp_path / 'secrets.key')})
    store = bmc_store.open_store(conf)
    hosts = [hostmod.Host(uuid='u1', hostname='worker-0', bm_type='ipmi',
                          bm_ip='10.9.0.10', bm_username='admin',
                          mtce_info={'bmc_protocol': 'ipmi'}),
             hostmod.Host(uuid='u2', hostname='worker-1', bm_type='ipmi',
                          bm_ip='10.9.0.11', bm_username='admin'),
             hostmod.Host(uuid='u3', hostname='worker-2')]
    bmc_store.write_hwmon_hosts(conf.agent.hwmon_hosts_file, hosts)
    with open(conf.agent.hwmon_hosts_file) as handle:
        document = json.load(handle)
    assert [h['hostname'] for h in document['hosts']] == ['worker-0',
                                                          'worker-1']
    assert 'password' not in json.dumps(document)
    provider = bmc_store.HwmonProvider(conf, store=store)
    assert provider.hosts() == []                    # no password yet
    store.set('u1', 'pw0')
    records = provider.hosts()
    assert [(r.hostname, r.bm_password.reveal(), r.bmc_protocol)
            for r in records] == [('worker-0', 'pw0', 'ipmi')]
