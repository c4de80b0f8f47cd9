"""DNS, NTP, service parameters and labels over a fake sysinv-api."""
import pytest

from sysinv.tests.unit.client import fakes
from sysinv.tests.unit.client.conftest import one_line_error

H1 = fakes.HOST_UUIDS[1]
DNS = {'uuid': 'dns-1', 'nameservers': '8.8.8.8', 'isystem_uuid': 's',
       'created_at': None, 'updated_at': None}
NTP = {'uuid': 'ntp-1', 'ntpservers': '0.pool.ntp.org', 'isystem_uuid': 's',
       'created_at': None, 'updated_at': None}


def test_dns_show(capsys):
    api = fakes.FakeAPI({('GET', '/v1/idns'): (200, {'idnss': [DNS]})})
    assert fakes.run(api, 'dns-show') == 0
    assert list(fakes.properties(capsys.readouterr().out)) == [
        'uuid', 'nameservers', 'isystem_uuid', 'created_at', 'updated_at']


@pytest.mark.parametrize('argv, patch', [
    (['nameservers=1.1.1.1,8.8.8.8'], [
        {'op': 'replace', 'path': '/nameservers',
         'value': '1.1.1.1,8.8.8.8'},
        {'op': 'replace', 'path': '/action', 'value': 'apply'}]),
    (['nameservers='], [
        {'op': 'replace', 'path': '/nameservers', 'value': 'NC'},
        {'op': 'replace', 'path': '/action', 'value': 'apply'}]),
    (['nameservers=9.9.9.9', 'action=install'], [
        {'op': 'replace', 'path': '/nameservers', 'value': '9.9.9.9'},
        {'op': 'replace', 'path': '/action', 'value': 'install'}]),
])
def test_dns_modify_applies(capsys, argv, patch):
    api = fakes.FakeAPI({('GET', '/v1/idns'): (200, {'idnss': [DNS]}),
                         ('PATCH', '/v1/idns/dns-1'): (200, DNS)})
    assert fakes.run(api, 'dns-modify', *argv) == 0
    assert api.body() == patch


def test_ntp_show_and_modify(capsys):
    api = fakes.FakeAPI({('GET', '/v1/intp'): (200, {'intps': [NTP]}),
                         ('PATCH', '/v1/intp/ntp-1'): (200, NTP)})
    assert fakes.run(api, 'ntp-show') == 0
    assert fakes.properties(capsys.readouterr().out)['ntpservers'] == (
        '0.pool.ntp.org')
    assert fakes.run(api, 'ntp-modify', 'ntpservers=') == 0
    assert api.body()[0] == {'op': 'replace', 'path': '/ntpservers',
                             'value': 'NC'}


def test_no_dns_row(capsys):
    api = fakes.FakeAPI({('GET', '/v1/idns'): (200, {'idnss': []})})
    status = fakes.run(api, 'dns-show')
    assert one_line_error(capsys, status) == (
        'No DNS configuration exists yet')


PARAM = {'uuid': 'sp-1', 'service': 'platform', 'section': 'maintenance',
         'name': 'heartbeat_period', 'value': '100', 'personality': None,
         'resource': None}


def test_service_parameter_list_filters_and_columns(capsys):
    api = fakes.FakeAPI({('GET', '/v1/service_parameter'): (
        200, {'parameters': [PARAM]})})
    assert fakes.run(api, 'service-parameter-list', '--service', 'platform',
                     '--section', 'maintenance') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['uuid', 'service', 'section', 'name', 'value',
                      'personality', 'resource']
    assert rows[0][3:5] == ['heartbeat_period', '100']
    assert api.params() == [
        ('q.field', 'service'), ('q.op', 'eq'), ('q.type', ''),
        ('q.value', 'platform'), ('q.field', 'section'), ('q.op', 'eq'),
        ('q.type', ''), ('q.value', 'maintenance')]
    assert fakes.run(api, 'service-parameter-list', '--column', 'name',
                     '--format', 'value') == 0
    assert capsys.readouterr().out == 'heartbeat_period\n'


def test_service_parameter_show_add_modify(capsys):
    api = fakes.FakeAPI({
        ('GET', '/v1/service_parameter/sp-1'): (200, PARAM),
        ('GET', '/v1/service_parameter'): (200, {'parameters': [PARAM]}),
        ('POST', '/v1/service_parameter'): (200, {'parameters': [PARAM]}),
        ('PATCH', '/v1/service_parameter/sp-1'): (200, dict(PARAM,
                                                            value='200'))})
    assert fakes.run(api, 'service-parameter-show', 'sp-1') == 0
    rows = fakes.properties(capsys.readouterr().out)
    assert list(rows) == sorted(rows) and rows['value'] == '100'
    assert fakes.run(api, 'service-parameter-add', 'platform',
                     'maintenance', 'heartbeat_period=100') == 0
    assert api.sent('POST', '/v1/service_parameter') == [
        {'service': 'platform', 'section': 'maintenance',
         'parameters': {'heartbeat_period': '100'}}]
    assert fakes.run(api, 'service-parameter-modify', 'platform',
                     'maintenance', 'heartbeat_period=200') == 0
    assert api.body() == [
        {'op': 'replace', 'path': '/name', 'value': 'heartbeat_period'},
        {'op': 'replace', 'path': '/value', 'value': '200'}]
    assert fakes.properties(capsys.readouterr().out)['value'] == '200'


@pytest.mark.parametrize('argv, text', [
    (['service-parameter-modify', 'platform', 'maintenance', 'nope=1'],
     'Service Parameter not found: service platform, section maintenance, '
     'name nope'),
    (['service-parameter-add', 'platform', 'maintenance', 'a=1', 'b=2',
      '--resource', 'x::y'],
     'Cannot specify multiple parameters with custom resource.'),
    (['service-parameter-add', 'platform', 'maintenance', 'novalue'],
     'NAME=VALUE'),
])
def test_service_parameter_errors(capsys, argv, text):
    api = fakes.FakeAPI({('GET', '/v1/service_parameter'): (
        200, {'parameters': [PARAM]})})
    status = fakes.run(api, *argv)
    assert text in one_line_error(capsys, status)


def test_service_parameter_delete_and_apply(capsys):
    api = fakes.FakeAPI({
        ('DELETE', '/v1/service_parameter/sp-1'): (204, None),
        ('POST', '/v1/service_parameter/apply'): (204, None)})
    assert fakes.run(api, 'service-parameter-delete', 'sp-1') == 0
    assert fakes.run(api, 'service-parameter-apply', 'platform') == 0
    assert fakes.run(api, 'service-parameter-apply', 'platform',
                     '--section', 'maintenance') == 0
    assert api.sent('POST', '/v1/service_parameter/apply') == [
        {'service': 'platform'},
        {'service': 'platform', 'section': 'maintenance'}]
    assert capsys.readouterr().out.splitlines() == [
        'Deleted service parameter: sp-1',
        'Applying platform service parameters',
        'Applying platform service parameters for section maintenance']


LABEL = {'uuid': 'l-1', 'host_uuid': H1, 'label_key': 'sriovdp',
         'label_value': 'enabled'}


def test_label_list(capsys):
    table = fakes.site_routes()
    table[('GET', '/v1/ihosts/%s/labels' % H1)] = (200, {'labels': [
        dict(LABEL, label_key='zeta', uuid='l-2'), LABEL]})
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'host-label-list', 'controller-0') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['hostname', 'label key', 'label value']
    assert rows == [['controller-0', 'sriovdp', 'enabled'],
                    ['controller-0', 'zeta', 'enabled']]


def test_label_assign_with_and_without_overwrite(capsys):
    table = fakes.site_routes()
    table[('POST', '/v1/labels/' + H1)] = (200, {'labels': [LABEL]})
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'host-label-assign', 'controller-0',
                     'sriovdp=enabled', '--overwrite') == 0
    assert api.params() == [('overwrite', 'True')]
    assert api.body() == {'sriovdp': 'enabled'}
    assert fakes.properties(capsys.readouterr().out) == {
        'uuid': 'l-1', 'host_uuid': H1, 'label_key': 'sriovdp',
        'label_value': 'enabled'}
    assert fakes.run(api, 'host-label-assign', 'controller-0', 'a=b',
                     'c=d=e') == 0
    assert api.params() == [('overwrite', 'False')]
    assert api.body() == {'a': 'b', 'c': 'd=e'}


def test_label_remove(capsys):
    table = fakes.site_routes()
    table[('GET', '/v1/ihosts/%s/labels' % H1)] = (200, {'labels': [LABEL]})
    table[('DELETE', '/v1/labels/l-1')] = (204, None)
    api = fakes.FakeAPI(table)
    assert fakes.run(api, 'host-label-remove', 'controller-0', 'sriovdp',
                     'nosuch') == 0
    assert capsys.readouterr().out.splitlines() == [
        'Deleted host label sriovdp for host controller-0',
        'Host label not found: host controller-0, label key nosuch ']
    assert api.calls().count('DELETE /v1/labels/l-1') == 1
