"""The host maintenance contract: payloads, validation, client targets."""
import pytest

from stx_common.contracts import host as contract


def test_mtce_host_from_a_sysinv_host():
    record = contract.MtceHost.from_host(
        {'uuid': 'u1', 'hostname': 'worker-0', 'personality': 'worker',
         'mgmt_ip': '192.168.204.5', 'capabilities': {}, 'id': 4},
        operation=contract.OPERATION_ADD)
    values = record.to_dict()
    assert values['hostname'] == 'worker-0'
    assert values['operation'] == 'add'
    assert 'capabilities' not in values
    assert contract.MtceHost.from_dict(values) == record
    with pytest.raises(contract.InvalidHostMessage):
        contract.MtceHost.from_dict(dict(values, colour='blue'))


def test_answers():
    answer = contract.MtceAnswer.from_dict({'status': 'pass'})
    assert answer.passed and answer.reason == ''
    failed = contract.MtceAnswer.from_dict(
        {'status': 'fail', 'reason': 'no BMC', 'action': 'retry'})
    assert not failed.passed
    for bad in ({'status': 'maybe'}, {'reason': 'x'}, None, 'pass'):
        with pytest.raises(contract.InvalidHostMessage):
            contract.MtceAnswer.from_dict(bad)


def test_state_updates_are_validated():
    update = contract.HostStateUpdate.from_dict(
        {'administrative': 'unlocked', 'uptime': '42', 'task': 'Booting'})
    assert update.values() == {'administrative': 'unlocked', 'uptime': 42,
                               'task': 'Booting'}
    for bad in ({'availability': 'sleepy'}, {'operational': 'on'},
                {'uptime': 'soon'}, {'uptime': -1}, {'task': 'x' * 65},
                {'hostname': 'worker-0'}):
        with pytest.raises(contract.InvalidHostMessage):
            contract.HostStateUpdate.from_dict(bad)


def test_clients_target_the_other_services(conf):
    mtce = contract.MtceClient()
    assert (mtce._client.target.exchange, mtce.topic) == ('mtce',
                                                          'mtce.agent')
    sysinv = contract.SysinvClient()
    assert (sysinv._client.target.exchange, sysinv.topic) == (
        'sysinv', 'sysinv.conductor')
    vim = contract.VimClient()
    assert vim._client.target.exchange == 'nfv_vim'
    for client in (mtce, sysinv, vim):
        assert client._client.transport_options.at_least_once


class Recorder:
    def __init__(self, answer):
        self.answer = answer
        self.sent = []

    def call(self, context, method, timeout=None, **kwargs):
        self.sent.append((method, timeout, kwargs))
        return self.answer


def test_client_calls_carry_the_wire_forms(conf):
    mtce = contract.MtceClient()
    recorder = Recorder({'status': 'fail', 'reason': 'r', 'action': 'a'})
    mtce.call = recorder.call
    answer = mtce.modify_host(None, contract.MtceHost(uuid='u1'),
                              action='unlock', timeout=6)
    assert not answer.passed
    method, timeout, kwargs = recorder.sent[0]
    assert (method, timeout, kwargs['action']) == ('modify_host', 6,
                                                   'unlock')
    assert kwargs['host']['operation'] == 'modify'
    sysinv = contract.SysinvClient()
    recorder = Recorder({'hostname': 'worker-0'})
    sysinv.call = recorder.call
    sysinv.update_host_state(None, 'worker-0', contract.HostStateUpdate(
        availability='online'))
    assert recorder.sent[0][2] == {'host': 'worker-0',
                                   'values': {'availability': 'online'}}


def test_mtce_host_keeps_the_bmc_password_out_of_its_repr():
    record = contract.MtceHost.from_host(
        {'uuid': 'u2', 'hostname': 'worker-1', 'bm_password': 's3cr3t',
         'cluster_host_ip': '192.168.206.11', 'mtce_info': '{}'})
    assert 's3cr3t' not in repr(record)
    assert record.bm_password == 's3cr3t'
    assert record.cluster_host_ip == '192.168.206.11'
    older = contract.MtceHost.from_dict({'uuid': 'u3'})
    assert older.bm_password is None and older.cluster_host_ip is None


def test_get_mtce_hosts(conf):
    sysinv = contract.SysinvClient()
    sent = []

    def call(context, method, **kwargs):
        sent.append((method, kwargs))
        return [{'uuid': 'u1', 'hostname': 'controller-0'}]

    sysinv.call = call
    hosts = sysinv.get_mtce_hosts(None, uuids=('u1',), timeout=3)
    assert [h.hostname for h in hosts] == ['controller-0']
    assert sent == [('get_mtce_hosts', {'timeout': 3, 'uuids': ['u1']})]


def test_event_client_casts_checked_events(conf):
    events = contract.MtceEventClient()
    assert (events._client.target.exchange, events.topic) == ('mtce',
                                                              'mtce.agent')
    sent = []
    events.cast = lambda context, method, **kw: sent.append((method, kw))
    events.process_event(None, {'hostname': 'worker-0', 'event': 'major',
                                'process': 'sshd'})
    events.sensor_event(None, {'hostname': 'worker-0', 'action': 'alarm',
                               'sensor': 'CPU Temp'})
    assert [m for m, _ in sent] == ['process_event', 'sensor_event']
    for bad in ({'event': 'major'}, {'hostname': 'w', 'process': 'x'}):
        with pytest.raises(contract.InvalidHostMessage):
            events.process_event(None, bad)
    with pytest.raises(contract.InvalidHostMessage):
        events.sensor_event(None, {'hostname': 'w', 'action': 'alarm'})
