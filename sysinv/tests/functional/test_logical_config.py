"""Logical configuration with real processes over RabbitMQ and
PostgreSQL: sysinv-api, sysinv-conductor, a real sysinv-agent writing
under a scratch root, and a real FM (fm-manager + fm-api on the same
vhost) showing alarm 250.001 raised and cleared."""
import os

import pytest

from fm.tests.functional.fixtures import FMService
from stx_common.testing import postgres, process, rabbit, waiting
from sysinv.tests.functional import fixtures

pytestmark = pytest.mark.functional

ALARM = '250.001'
ENTITY = 'host=controller-0'


class Deployment:
    def __init__(self, workdir):
        self.workdir = str(workdir)
        self.root = os.path.join(self.workdir, 'controller-0-root')
        os.makedirs(self.root)
        self.databases = [postgres.Database().create(),
                          postgres.Database().create()]
        self.vhost = rabbit.Vhost().create()
        self.fm = FMService(os.path.join(self.workdir, 'fm'),
                            self.databases[0].url, self.vhost.url)
        self.sysinv = fixtures.SysinvService(
            os.path.join(self.workdir, 'sysinv'), self.databases[1].url,
            self.vhost.url, extra={'agent': {
                'host_lookup_interval': '1', 'report_retry_interval': '1',
                'inventory_audit_interval': '60',
                'config_root': self.root}})
        self.agent = None

    def start(self):
        self.fm.start()
        self.sysinv.start(fixtures.SITE)
        self.start_agent()
        return self

    def start_agent(self):
        env = {k: v for k, v in os.environ.items()
               if k not in ('FLOCK_HOST', 'FLOCK_HOST_ROOT')}
        agent = process.ServiceProcess(
            self.sysinv.argv('sysinv-agent'),
            os.path.join(self.workdir, 'sysinv-agent.log'))
        agent.env = env
        self.agent = agent.start()
        self.agent.wait_until(
            lambda: 'This machine is host controller-0' in
            self.agent.log_tail(400), timeout=60,
            what='sysinv-agent found its host')

    def stop_agent(self):
        if self.agent is not None:
            self.agent.stop()
            self.agent = None

    def stop(self):
        self.stop_agent()
        self.sysinv.stop()
        self.fm.stop()
        for database in self.databases:
            database.drop()
        self.vhost.delete()

    # -- helpers -------------------------------------------------------------
    def file(self, relative):
        path = os.path.join(self.root, relative)
        if not os.path.exists(path):
            return None
        with open(path) as handle:
            return handle.read()

    def host(self):
        return self.sysinv.host('controller-0')

    def patch(self, path, field, value, action='apply'):
        ops = [{'op': 'replace', 'path': '/' + field, 'value': value}]
        if action:
            ops.append({'op': 'replace', 'path': '/action', 'value': action})
        return self.sysinv.patch(path, ops)

    def events(self):
        rows = self.fm.get('/v1/event_log', params={
            'q.field': ['event_log_id', 'entity_instance_id'],
            'q.value': [ALARM, ENTITY]}).json()['event_log']
        return [r['state'] for r in rows]

    def active(self):
        return [a for a in self.fm.alarms()
                if (a['alarm_id'], a['entity_instance_id']) ==
                (ALARM, ENTITY)]

    def wait_applied(self, target=None):
        def applied():
            host = self.host()
            done = host['config_status'] is None and \
                host['config_applied'] == host['config_target']
            if target is not None:
                done = done and host['config_target'] == target
            return host if done and host['config_target'] else None
        return waiting.wait_for(applied, 60, 0.2, 'config applied')


@pytest.fixture(scope='module')
def site(tmp_path_factory):
    deployment = Deployment(tmp_path_factory.mktemp('logical'))
    try:
        yield deployment.start()
    finally:
        deployment.stop()


def _row(site, resource, key):
    return site.sysinv.get('/v1/' + resource).json()[key][0]


def test_dns_apply_is_written_by_the_agent_and_alarm_cleared(site):
    row = _row(site, 'idns', 'idnss')
    before = len(site.events())
    response = site.patch('/v1/idns/%s' % row['uuid'], 'nameservers',
                          '10.0.0.53,10.0.0.54')
    assert response.status_code == 200, response.text
    assert response.json()['nameservers'] == '10.0.0.53,10.0.0.54'
    host = site.wait_applied()
    text = waiting.wait_for(lambda: site.file('etc/resolv.conf'), 30,
                            what='resolv.conf written')
    assert 'nameserver 10.0.0.53\nnameserver 10.0.0.54\n' in text
    assert host['config_target'] in text
    # FM saw 250.001 raised for controller-0, then cleared
    states = waiting.wait_for(
        lambda: (lambda s: s if len(s) >= before + 2 and
                 s[0] == 'clear' else None)(site.events()),
        60, what='250.001 set then cleared in the event log')
    assert states[:2] == ['clear', 'set']
    assert site.active() == []


def test_out_of_date_until_the_agent_applies(site):
    site.stop_agent()
    row = _row(site, 'intp', 'intps')
    response = site.patch('/v1/intp/%s' % row['uuid'], 'ntpservers',
                          '10.0.0.123,ntp.example.com')
    assert response.status_code == 200, response.text
    host = site.host()
    assert host['config_status'] == 'Config out-of-date'
    assert host['config_target'] != host['config_applied']
    alarms = site.fm.wait_for_alarms(
        lambda rows: [a for a in rows if (a['alarm_id'],
                      a['entity_instance_id']) == (ALARM, ENTITY)],
        what='250.001 raised')
    assert alarms[0]['severity'] == 'major'
    assert alarms[0]['reason_text'] == ('controller-0 Configuration is '
                                        'out-of-date.')
    site.start_agent()
    response = site.patch('/v1/intp/%s' % row['uuid'], 'ntpservers',
                          '10.0.0.123,ntp.example.org')
    assert response.status_code == 200, response.text
    applied = site.wait_applied()
    assert applied['config_target'] != host['config_target']
    text = site.file('etc/ntpsec/ntp.conf')
    assert 'server 10.0.0.123 iburst\nserver ntp.example.org iburst\n' \
        in text
    site.fm.wait_for_alarms(
        lambda rows: not [a for a in rows if a['alarm_id'] == ALARM],
        what='250.001 cleared')


def test_service_parameter_apply(site):
    rows = site.sysinv.get('/v1/service_parameter', params={
        'service': 'platform', 'section': 'maintenance',
        'name': 'heartbeat_period'}).json()['parameters']
    response = site.sysinv.patch('/v1/service_parameter/%s'
                                 % rows[0]['uuid'],
                                 [{'op': 'replace', 'path': '/value',
                                   'value': '250'}])
    assert response.status_code == 200, response.text
    response = site.sysinv.post('/v1/service_parameter/apply',
                                {'service': 'platform'})
    assert response.status_code == 200, response.text
    site.wait_applied()
    text = waiting.wait_for(
        lambda: site.file('etc/platform/service-parameters/platform.conf'),
        30, what='service parameters written')
    assert '[maintenance]' in text and 'heartbeat_period = 250' in text
    response = site.sysinv.post('/v1/service_parameter',
                                {'service': 'platform',
                                 'section': 'maintenance',
                                 'parameters': {'mnfa_timeout': '0'}})
    assert response.status_code == 400
    assert 'Parameter already exists' in response.json()['error_message']


def test_refusal_rules_over_rpc(site):
    host = site.host()
    # address pools: StarlingX answers range conflicts with 409
    response = site.sysinv.post('/v1/addrpools', {
        'name': 'extra', 'network': '10.60.0.0', 'prefix': 24,
        'ranges': [['10.60.0.1', '10.60.0.50'], ['10.60.0.40',
                                                 '10.60.0.60']]})
    assert response.status_code == 409
    assert 'already contained in range' in response.json()[
        'error_message']
    pool = site.sysinv.post('/v1/addrpools', {
        'name': 'extra', 'network': '10.60.0.0', 'prefix': 24}).json()
    response = site.sysinv.post('/v1/networks', {'type': 'mgmt',
                                                 'pool_uuid': pool['uuid']})
    assert response.status_code == 409
    assert 'Network of type mgmt already exists.' in response.text
    # interfaces and platform networks
    virtual = site.sysinv.post('/v1/iinterfaces', {
        'ihost_uuid': host['uuid'], 'ifname': 'mgmt1',
        'iftype': 'virtual'})
    assert virtual.status_code == 200, virtual.text
    response = site.sysinv.post('/v1/iinterfaces', {
        'ihost_uuid': host['uuid'], 'ifname': 'vlan9', 'iftype': 'vlan',
        'vlan_id': 5000, 'uses': ['mgmt1']})
    assert response.status_code == 400
    assert 'VLAN id must be between 1 and 4094.' in response.text
    networks = {n['type']: n for n in site.sysinv.get(
        '/v1/networks').json()['networks']}
    assigned = site.sysinv.post('/v1/interface_networks', {
        'interface_uuid': virtual.json()['uuid'],
        'network_uuid': networks['oam']['uuid']})
    assert assigned.status_code == 200, assigned.text
    response = site.sysinv.post('/v1/interface_networks', {
        'interface_uuid': virtual.json()['uuid'],
        'network_uuid': networks['mgmt']['uuid']})
    assert response.status_code == 400
    assert "cannot assign a network of type 'mgmt'" in response.text
    addresses = site.sysinv.get('/v1/ihosts/controller-0/addresses').json()
    assert any(a['name'] == 'controller-0-oam' and a['ifname'] == 'mgmt1'
               for a in addresses['addresses'])
    # labels
    response = site.sysinv.post('/v1/labels/controller-0', {'tier': 'a'})
    assert response.status_code == 200, response.text
    response = site.sysinv.post('/v1/labels/controller-0', {'tier': 'b'})
    assert response.status_code == 400
    assert 'Use overwrite option' in response.text
    response = site.sysinv.post('/v1/labels/controller-0?overwrite=True',
                                {'tier': 'b'})
    assert response.json()['labels'][0]['label_value'] == 'b'


@pytest.mark.parametrize('verb, path, body', [
    ('POST', '/v1/iinterfaces', {'ifname': 'x'}),
    ('POST', '/v1/iinterfaces', {'ihost_uuid': 'nope', 'ifname': 'x',
                                 'iftype': 'ae', 'uses': 7}),
    ('PATCH', '/v1/iinterfaces/1', [{'op': 'jump', 'path': '/x'}]),
    ('POST', '/v1/addrpools', {'name': 'z', 'network': 'x', 'prefix': 'y'}),
    ('PATCH', '/v1/addrpools/oam', {'not': 'a patch'}),
    ('POST', '/v1/networks', {'type': 'mgmt', 'pool_uuid': 5}),
    ('POST', '/v1/interface_networks', {}),
    ('POST', '/v1/network_addresspools', {'network_uuid': 'x',
                                          'address_pool_uuid': 'y'}),
    ('PATCH', '/v1/idns/nope', [{'op': 'replace', 'path': '/nameservers',
                                 'value': 7}]),
    ('POST', '/v1/service_parameter', {'parameters': ['x']}),
    ('POST', '/v1/service_parameter/apply', {'service': 7}),
    ('POST', '/v1/labels/controller-0', ['x']),
    ('DELETE', '/v1/labels/7', None),
    ('GET', '/v1/addresses/x', None),
])
def test_bad_input_is_never_a_500(site, verb, path, body):
    kwargs = {'json': body} if body is not None else {}
    response = site.sysinv.request(verb, path, **kwargs)
    assert 400 <= response.status_code < 500, response.text
    assert 'error_message' in response.json()
