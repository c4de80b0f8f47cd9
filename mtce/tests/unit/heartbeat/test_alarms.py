"""200.005 / 200.009 as hbsAgent raises them."""
from mtce.heartbeat import alarms
from stx_common.alarms import catalogue


class FakeClient:
    def __init__(self):
        self.calls = []

    def set_fault(self, fault):
        self.calls.append(('set', fault.alarm_id, fault.entity_instance_id,
                           fault.severity))

    def clear_fault(self, alarm_id, entity):
        self.calls.append(('clear', alarm_id, entity))


def test_faults_pass_the_catalogue():
    for network, alarm_id in (('mgmt', '200.005'),
                              ('cluster-host', '200.009')):
        for severity in ('major', 'critical'):
            fault = alarms.fault('worker-0', network, severity)
            assert fault.alarm_id == alarm_id
            fault.validate()
            catalogue.check(fault)
    fault = alarms.fault('worker-0', 'cluster-host', 'critical')
    assert fault.entity_instance_id == 'host=worker-0.network=Cluster-host'
    assert fault.entity_type_id == 'host'
    assert 'persistent' in fault.reason_text
    assert fault.service_affecting and fault.suppression


def test_changes_are_sent_once_and_clears_only_when_raised():
    client = FakeClient()
    hb = alarms.HeartbeatAlarms(client)
    hb.apply('worker-0', 'mgmt', 'clear')
    hb.apply('worker-0', 'mgmt', 'major')
    hb.apply('worker-0', 'mgmt', 'major')
    hb.apply('worker-0', 'mgmt', 'critical')
    hb.apply('worker-0', 'mgmt', 'clear')
    hb.apply('worker-0', 'mgmt', 'clear')
    assert client.calls == [
        ('set', '200.005', 'host=worker-0.network=Management', 'major'),
        ('set', '200.005', 'host=worker-0.network=Management', 'critical'),
        ('clear', '200.005', 'host=worker-0.network=Management')]
    assert hb.raised() == {}


def test_clear_host_clears_even_what_another_run_raised():
    client = FakeClient()
    hb = alarms.HeartbeatAlarms(client)
    hb.clear_host('worker-1', ['mgmt', 'cluster-host'])
    assert client.calls == [
        ('clear', '200.005', 'host=worker-1.network=Management'),
        ('clear', '200.009', 'host=worker-1.network=Cluster-host')]


def test_a_failing_client_does_not_stop_the_heartbeat():
    class Broken:
        def set_fault(self, fault):
            raise RuntimeError('spool full')

    hb = alarms.HeartbeatAlarms(Broken())
    hb.apply('worker-0', 'mgmt', 'major')        # logged, not raised
