"""/v1/idns and /v1/intp, and the runtime configuration they trigger:
config uuids with the reboot-required bit, config_target of the affected
hosts, "Config out-of-date" with alarm 250.001, the push to the agents
and the ``config_applied`` report that clears it."""
import os
import types

import pytest

from sysinv.agent import config as agent_config
from sysinv.conductor import config
from sysinv.tests.unit.logical_fixtures import (
    fault,
)

ALARM = ('250.001', 'host=controller-0')


def dns(api):
    return api.get('/v1/idns').json['idnss'][0]


def ntp(api):
    return api.get('/v1/intp').json['intps'][0]


def modify(api, resource, row, field, value, action=None, expect=200):
    ops = [{'op': 'replace', 'path': '/' + field, 'value': value}]
    if action:
        ops.append({'op': 'replace', 'path': '/action', 'value': action})
    response = api.patch_json('/v1/%s/%s' % (resource, row['uuid']), ops,
                              expect_errors=True)
    assert response.status_int == expect, response.body
    return response


@pytest.fixture
def agents(tmp_path, local_conductor, site):
    """A runtime-config endpoint per host, writing under its own root and
    reporting to the conductor's endpoints."""
    endpoints = {}
    for host in site.list_hosts():
        agent = types.SimpleNamespace(
            host=host, root=str(tmp_path / host['hostname']),
            conductor=local_conductor)
        endpoints[host['hostname']] = agent_config.RuntimeConfigEndpoint(
            agent)
    return endpoints


def test_dns_reads(api, site):
    row = dns(api)
    assert row['nameservers'] == '8.8.8.8,8.8.4.4'
    assert set(row) == {'uuid', 'nameservers', 'isystem_uuid', 'created_at',
                        'updated_at', 'links'}
    shown = api.get('/v1/idns/%s' % row['uuid']).json
    assert shown['forisystemid'] and shown['action'] is None
    assert shown['created_at'].endswith('+00:00')
    assert api.post_json('/v1/idns', {}, expect_errors=True
                         ).status_int == 403
    assert api.delete('/v1/idns/%s' % row['uuid'], expect_errors=True
                      ).status_int == 403
    assert api.get('/v1/idns/nope', expect_errors=True).status_int == 404


@pytest.mark.parametrize('value, message', [
    ('8.8.8.8,banana', 'Invalid DNS nameserver target address banana '
                       'Please configure a valid DNS address.'),
    ('1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4',
     'Maximum DNS nameservers supported: 3 but provided: 4. Please '
     'configure a valid list of DNS nameservers.'),
    ('fd00::1', 'Invalid DNS nameserver target address fd00::1: the OAM '
                'network has no IPv6 address pool.'),
])
def test_dns_refusals(api, site, value, message):
    response = modify(api, 'idns', dns(api), 'nameservers', value,
                      expect=400)
    assert fault(response) == (400, message)


def test_dns_restricted_fields(api, site):
    row = dns(api)
    response = api.patch_json('/v1/idns/%s' % row['uuid'], [
        {'op': 'replace', 'path': '/forisystemid', 'value': 9}],
        expect_errors=True)
    assert fault(response) == (400, "The following fields can not be "
                                    "modified: ['/uuid', '/id', "
                                    "'/forisystemid', '/isystem_uuid']")
    response = api.patch_json('/v1/idns/%s' % row['uuid'], [
        {'op': 'replace', 'path': '/other', 'value': 9}], expect_errors=True)
    assert fault(response) == (400, "Invalid patch: '/other' cannot be "
                                    'changed')


def test_dns_apply_marks_pushes_and_clears(api, site, runtime, agents,
                                           tmp_path):
    updated = modify(api, 'idns', dns(api), 'nameservers',
                     '1.1.1.1, 9.9.9.9', 'apply').json
    assert updated['nameservers'] == '1.1.1.1,9.9.9.9'
    controller = api.get('/v1/ihosts/controller-0').json
    worker = api.get('/v1/ihosts/worker-0').json
    assert controller['config_status'] == 'Config out-of-date'
    assert controller['config_target'] and not controller['config_applied']
    assert not config.is_reboot_required(controller['config_target'])
    assert worker['config_target'] is None and worker['config_status'] is None
    assert ALARM in runtime.alarms.active
    fault_ = runtime.alarms.active[ALARM]
    assert fault_.reason_text == 'controller-0 Configuration is out-of-date.'
    assert fault_.severity == 'major'
    [(hostname, config_uuid, body)] = runtime.agents.casts
    assert (hostname, config_uuid) == ('controller-0',
                                       controller['config_target'])
    assert body['classes'] == ['platform::dns::resolv::runtime']
    assert body['dns'] == {'nameservers': ['1.1.1.1', '9.9.9.9']}
    runtime.agents.deliver(agents)
    resolv = tmp_path / 'controller-0' / 'etc' / 'resolv.conf'
    text = resolv.read_text()
    assert 'nameserver 1.1.1.1\nnameserver 9.9.9.9\n' in text
    assert config_uuid in text
    controller = api.get('/v1/ihosts/controller-0').json
    assert controller['config_applied'] == controller['config_target']
    assert controller['config_status'] is None
    assert ALARM not in runtime.alarms.active
    assert ('clear',) + ALARM in runtime.alarms.events


def test_dns_without_apply_or_change_does_nothing(api, site, runtime):
    modify(api, 'idns', dns(api), 'nameservers', '1.1.1.1')
    modify(api, 'idns', dns(api), 'nameservers', '1.1.1.1', 'apply')
    assert runtime.agents.casts == []
    assert api.get('/v1/ihosts/controller-0').json['config_target'] is None


def test_dns_nc_clears_unless_ntp_uses_names(api, site):
    assert modify(api, 'idns', dns(api), 'nameservers', 'NC').json[
        'nameservers'] == ''
    modify(api, 'idns', dns(api), 'nameservers', '8.8.8.8')
    modify(api, 'intp', ntp(api), 'ntpservers', 'pool.ntp.org')
    response = modify(api, 'idns', dns(api), 'nameservers', 'NC',
                      expect=400)
    assert fault(response)[1].startswith('At least  one DNS server must be '
                                         'used when any NTP server address '
                                         'is using FQDN.')


@pytest.mark.parametrize('value, message', [
    ('', 'No NTP parameters provided.'),
    ('bad_name!', 'Invalid NTP server bad_name! Please configure a valid '
                  'NTP IP address or hostname.'),
    ('1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4',
     'Maximum NTP servers supported: 3 but provided: 4. Please configure a '
     'valid list of NTP servers.'),
])
def test_ntp_refusals(api, site, value, message):
    response = modify(api, 'intp', ntp(api), 'ntpservers', value,
                      expect=400)
    assert fault(response) == (400, message)


def test_ntp_names_need_dns(api, site):
    modify(api, 'idns', dns(api), 'nameservers', 'NC')
    response = modify(api, 'intp', ntp(api), 'ntpservers', 'pool.ntp.org',
                      expect=400)
    assert fault(response) == (400, 'A DNS server must be configured prior '
                                    'to configuring any NTP server address '
                                    'as FQDN. Alternatively, specify the '
                                    'NTP server as an IP address')


def test_ntp_apply(api, site, runtime, agents, tmp_path):
    updated = modify(api, 'intp', ntp(api), 'ntpservers',
                     '0.pool.ntp.org,10.0.0.1', 'apply').json
    assert updated['ntpservers'] == '0.pool.ntp.org,10.0.0.1'
    assert ALARM in runtime.alarms.active
    [(_, config_uuid, body)] = runtime.agents.casts
    assert body['ntp'] == {'ntpservers': ['0.pool.ntp.org', '10.0.0.1']}
    runtime.agents.deliver(agents)
    text = (tmp_path / 'controller-0' / 'etc' / 'ntpsec' /
            'ntp.conf').read_text()
    assert 'server 0.pool.ntp.org iburst\nserver 10.0.0.1 iburst\n' in text
    assert ALARM not in runtime.alarms.active
    host = api.get('/v1/ihosts/controller-0').json
    assert host['config_applied'] == config_uuid


def test_reboot_required_bit(site, runtime):
    plain = config.new_config_uuid()
    reboot = config.new_config_uuid(reboot=True)
    assert not config.is_reboot_required(plain)
    assert config.is_reboot_required(reboot)
    assert config.clear_reboot_required(reboot) != reboot
    assert config.set_reboot_required(config.clear_reboot_required(
        reboot)) == reboot
    assert config.target_for({'config_target': reboot}, plain) == \
        config.set_reboot_required(plain)
    # a reboot-required target stays out-of-date after a runtime apply
    first, _ = config.update_hosts(site, ('controller',), reboot=True)
    second = config.apply_runtime(site, None, ('controller',), {})
    host = site.get_host('controller-0')
    assert host['config_target'] == config.set_reboot_required(second)
    config.config_applied(site, host['uuid'], second)
    host = site.get_host('controller-0')
    assert host['config_status'] == 'Config out-of-date'
    assert ALARM in runtime.alarms.active
    assert runtime.agents.casts[0][1] == second
    config.config_applied(site, host['uuid'], first)
    assert site.get_host('controller-0')['config_applied'] == second
    config.config_applied(site, host['uuid'], host['config_target'])
    assert site.get_host('controller-0')['config_status'] is None
    assert first != second


def test_runtime_config_of_a_starting_agent(api, site, local_conductor,
                                            tmp_path, runtime):
    modify(api, 'idns', dns(api), 'nameservers', '1.1.1.1', 'apply')
    host = site.get_host('controller-0')
    agent = types.SimpleNamespace(host=host, root=str(tmp_path),
                                  conductor=local_conductor)
    assert agent_config.sync_on_start(agent) == host['config_target']
    assert (tmp_path / 'etc' / 'resolv.conf').exists()
    assert os.path.exists(tmp_path / 'etc' / 'platform' /
                          'service-parameters' / 'platform.conf')
    assert site.get_host('controller-0')['config_status'] is None
    # resending needs an out-of-date host
    assert local_conductor.resend_runtime_config(None, host['uuid']) is None
