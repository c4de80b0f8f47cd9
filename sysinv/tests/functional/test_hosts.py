"""Bootstrap, host-add and host actions with real processes over the real
RabbitMQ and PostgreSQL; maintenance is played by the test through the
host contract (its RPC clients and an RPC server on ``mtce.agent``)."""
import json
import time

import oslo_messaging as messaging
import pytest

from stx_common import context, rpc
from stx_common.contracts import host as contract
from stx_common.testing import rabbit, waiting
from sysinv.tests.functional import fixtures

pytestmark = pytest.mark.functional

MTCE_UA = 'mtce/1.0'


def fault(response):
    return json.loads(response.json()['error_message'])['faultstring']


def report(service, host, **values):
    """Maintenance reports states through the contract, over RabbitMQ."""
    client = contract.SysinvClient()
    return client.update_host_state(context.get_admin_context(), host,
                                    contract.HostStateUpdate(**values),
                                    timeout=30)


@pytest.fixture
def mtce_view(conf, site_service):
    """This process talks RPC on the service's vhost."""
    conf(transport_url=site_service.transport_url)
    return site_service


def test_bootstrap_then_refused_again(site_service):
    systems = site_service.get('/v1/isystems').json()['isystems']
    assert [s['name'] for s in systems] == ['flock-ft']
    controller = site_service.host('controller-0')
    assert (controller['administrative'], controller['operational'],
            controller['availability']) == ('locked', 'disabled', 'offline')
    assert controller['mgmt_mac'] == fixtures.CONTROLLER_0_MAC
    assert controller['mgmt_ip'] == '192.168.204.3'
    again = site_service.bootstrap(check=False)
    assert again.returncode == 1
    assert 'already bootstrapped' in again.stderr
    assert "'flock-ft'" in again.stderr
    assert len(site_service.get('/v1/ihosts').json()['ihosts']) == 1


def test_host_add_and_actions_recorded_in_progress(mtce_view):
    service = mtce_view
    worker = {'hostname': 'worker-0', 'personality': 'worker',
              'mgmt_mac': '08:00:27:0f:01:01'}
    refused = service.post('/v1/ihosts', worker)
    assert refused.status_code == 400
    assert 'no unlocked-enabled controller' in fault(refused)

    # maintenance sees controller-0 online (contract RPC)
    host = report(service, 'controller-0', availability='online')
    assert host['availability'] == 'online'
    assert 'not yet been inventoried' in fault(
        service.action('controller-0', 'unlock'))
    host = service.action('controller-0', 'force-unlock').json()
    assert (host['ihost_action'], host['task']) == ('unlock',
                                                    'Force Unlocking')
    assert host['administrative'] == 'locked'
    service.conductor.wait_until(
        lambda: 'did not answer unlock' in service.conductor.log_tail(200),
        timeout=30, what='the conductor logs the missing maintenance')

    # maintenance's own way: PATCH with its User-Agent
    response = service.patch('/v1/ihosts/%s' % host['uuid'], [
        {'op': 'replace', 'path': '/administrative', 'value': 'unlocked'},
        {'op': 'replace', 'path': '/operational', 'value': 'enabled'},
        {'op': 'replace', 'path': '/availability', 'value': 'available'}],
        user_agent=MTCE_UA)
    assert response.status_code == 200, response.text
    host = response.json()
    assert (host['ihost_action'], host['task']) == ('', '')
    assert host['invprovision'] == 'provisioned'

    added = service.post('/v1/ihosts', worker)
    assert added.status_code == 200, added.text
    assert added.json()['mgmt_ip'] == '192.168.204.5'
    assert fault(service.action('worker-0', 'lock')) == (
        "Avoiding lock action on already 'locked' host worker-0")
    host = service.action('worker-0', 'reboot').json()
    assert host['task'] == 'Rebooting'
    assert fault(service.action('controller-0', 'lock')) == (
        'controller-0 : Rejected: Can not lock an active controller.')
    assert fault(service.action('worker-0', 'jump')) == (
        "'jump' is not a supported maintenance action")
    deleted = service.request('DELETE', '/v1/ihosts/worker-0')
    assert deleted.status_code == 204
    assert service.get('/v1/ihosts/worker-0').status_code == 404


class FakeMaintenance:
    """An RPC server on ``mtce.agent`` answering like maintenance."""

    target = messaging.Target(version='1.0')

    def __init__(self):
        self.answer = {'status': 'pass', 'reason': '', 'action': ''}
        self.calls = []

    def add_host(self, context, host):
        self.calls.append(('add', host['hostname'], None))
        return self.answer

    def modify_host(self, context, host, action=None):
        self.calls.append(('modify', host['hostname'], action))
        return self.answer

    def delete_host(self, context, uuid):
        self.calls.append(('delete', uuid, None))
        return self.answer


def test_maintenance_answers_over_rabbitmq(conf, tmp_path, pg_database):
    vhost = rabbit.Vhost().create()   # mtce.agent stays bound to it
    service = fixtures.SysinvService(tmp_path / 'sysinv', pg_database.url,
                                     vhost.url)
    server = None
    try:
        service.start(fixtures.SITE)
        conf(transport_url=vhost.url)
        rpc.init()
        mtce = FakeMaintenance()
        server = messaging.get_rpc_server(
            rpc.TRANSPORT, messaging.Target(exchange=contract.MTCE_EXCHANGE,
                                            topic=contract.MTCE_TOPIC,
                                            server='fake-mtce'),
            [mtce], executor='threading',
            serializer=rpc.RequestContextSerializer(),
            access_policy=messaging.DefaultRPCAccessPolicy)
        server.start()
        report(service, 'controller-0', availability='online')
        mtce.answer = {'status': 'fail', 'reason': 'BMC unreachable',
                       'action': 'retry'}
        response = service.action('controller-0', 'force-unlock')
        assert response.status_code == 400
        assert fault(response) == 'Operation Rejected: BMC unreachable.retry.'
        assert service.host('controller-0')['ihost_action'] is None
        mtce.answer = {'status': 'pass', 'reason': '', 'action': ''}
        host = service.action('controller-0', 'force-unlock').json()
        assert host['task'] == 'Force Unlocking'
        assert mtce.calls[-1] == ('modify', 'controller-0', 'unlock')
    finally:
        if server is not None:
            server.stop()
            server.wait()
        service.stop()
        vhost.delete()


def test_discovery_through_the_lease_hook(site_service, tmp_path,
                                          rabbit_vhost):
    from fm.tests.functional import fixtures as fm_fixtures
    from stx_common.testing import postgres

    fm_database = postgres.Database().create()
    fm = fm_fixtures.FMService(tmp_path / 'fm', fm_database.url,
                               rabbit_vhost.url)
    try:
        fm.start()
        done = site_service.run('sysinv-dnsmasq-lease-update', 'add',
                                '08:00:27:0F:02:02', '169.254.202.50')
        assert done.returncode == 0, done.stderr
        hosts = site_service.get('/v1/ihosts').json()['ihosts']
        placeholder = [h for h in hosts
                       if h['mgmt_mac'] == '08:00:27:0f:02:02']
        assert len(placeholder) == 1
        assert placeholder[0]['hostname'] is None
        events = waiting.wait_for(
            lambda: [e for e in fm.get('/v1/event_log').json()['event_log']
                     if e['event_log_id'] == '200.020'],
            timeout=60, interval=0.5, what='discovery event in FM')
        assert events[0]['entity_instance_id'] == \
            'host=08:00:27:0f:02:02.event=discovered'

        # the conductor gone: the hook still lets dnsmasq go on quickly
        site_service.conductor.stop()
        started = time.monotonic()
        done = site_service.run('sysinv-dnsmasq-lease-update', 'add',
                                '08:00:27:0f:02:03', '169.254.202.51')
        assert done.returncode == 0
        assert time.monotonic() - started < 30
    finally:
        fm.stop()
        fm_database.drop()


def test_bad_input_is_never_a_500(site_service):
    uuid = site_service.get('/v1/isystems').json()['isystems'][0]['uuid']
    checks = [
        ('GET', '/v1/ihosts?limit=-1', None, 400),
        ('GET', '/v1/ihosts?sort_key=password', None, 400),
        ('GET', '/v1/ihosts?marker=nope', None, 400),
        ('GET', '/v1/ihosts/nobody', None, 404),
        ('GET', '/v1/isystems/nope', None, 404),
        ('POST', '/v1/ihosts', {'hostname': 'w'}, 400),
        ('POST', '/v1/ihosts', [1, 2], 400),
        ('POST', '/v1/ihosts', {'personality': 'worker', 'hostname': 'w',
                                'mgmt_mac': 'zz'}, 400),
        ('PATCH', '/v1/ihosts/controller-0', {'op': 'x'}, 400),
        ('PATCH', '/v1/ihosts/controller-0',
         [{'op': 'replace', 'path': '/uptime', 'value': 3}], 400),
        ('PATCH', '/v1/ihosts/controller-0',
         [{'op': 'replace', 'path': '/capabilities', 'value': 'x'}], 400),
        ('PATCH', '/v1/isystems/%s' % uuid,
         [{'op': 'replace', 'path': '/timezone', 'value': 'x/y'}], 400),
        ('PATCH', '/v1/isystems/%s' % uuid, 'garbage', 400),
        ('DELETE', '/v1/ihosts/nobody', None, 404),
        ('POST', '/v1/isystems', {}, 403),
    ]
    for verb, path, body, status in checks:
        response = site_service.request(verb, path, json=body)
        assert response.status_code == status, (verb, path, response.text)
        assert 'error_message' in response.json()
    response = site_service.request(
        'PATCH', '/v1/ihosts/controller-0', data=b'\xff\xfe',
        headers={'Content-Type': 'application/json'})
    assert response.status_code == 400
