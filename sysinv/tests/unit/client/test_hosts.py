"""``system show/modify`` and the host commands over a fake sysinv-api:
names resolved as StarlingX's client resolves them, JSON-Patch actions,
StarlingX's columns and output formats."""
import pytest
import yaml

from sysinv.client.v1 import host_shell
from sysinv.tests.unit.client import fakes
from sysinv.tests.unit.client.conftest import one_line_error

SYSTEM = {'uuid': 'a1b2c3d4-0000-4000-8000-000000000009',
          'name': 'flock', 'system_type': 'All-in-one',
          'system_mode': 'duplex', 'description': None, 'location': None,
          'latitude': None, 'longitude': None, 'contact': None,
          'timezone': 'UTC', 'software_version': '0.0.0',
          'created_at': '2024-01-02T03:04:05.000006+00:00',
          'updated_at': None, 'region_name': 'RegionOne',
          'service_project_name': 'services', 'security_feature': None,
          'distributed_cloud_role': None,
          'capabilities': {'sdn_enabled': False, 'https_enabled': False,
                           'vswitch_type': 'none', 'bm_region': 'External'}}


def patch_answer(host_id=1, **values):
    """A PATCH route answering the host with ``values`` applied."""

    def answer(request):
        return 200, fakes.host(host_id, **values)

    return answer


# -- system -------------------------------------------------------------------

def test_show_prints_the_system_and_its_capabilities(capsys):
    api = fakes.FakeAPI({('GET', '/v1/isystems'): (200,
                                                   {'isystems': [SYSTEM]})})
    assert fakes.run(api, 'show') == 0
    rows = fakes.properties(capsys.readouterr().out)
    assert list(rows) == sorted(rows)
    assert set(rows) == {
        'name', 'system_type', 'system_mode', 'description', 'location',
        'latitude', 'longitude', 'contact', 'timezone', 'software_version',
        'uuid', 'created_at', 'updated_at', 'region_name',
        'service_project_name', 'security_feature', 'sdn_enabled',
        'https_enabled', 'vswitch_type'}
    assert rows['name'] == 'flock' and rows['description'] == 'None'
    assert rows['created_at'] == '2024-01-02T03:04:05.000006+00:00'


def test_modify_sends_a_patch_of_the_given_fields(capsys):
    answer = dict(SYSTEM, description='edge site', latitude='45.5')
    api = fakes.FakeAPI({
        ('GET', '/v1/isystems'): (200, {'isystems': [SYSTEM]}),
        ('PATCH', '/v1/isystems/' + SYSTEM['uuid']): (200, answer)})
    assert fakes.run(api, 'modify', '-d', 'edge site', '-la', '45.5',
                     '-lo', '-73.6') == 0
    assert api.body() == [
        {'op': 'replace', 'path': '/description', 'value': 'edge site'},
        {'op': 'replace', 'path': '/latitude', 'value': '45.5'},
        {'op': 'replace', 'path': '/longitude', 'value': '-73.6'}]
    assert fakes.properties(capsys.readouterr().out)['description'] == (
        'edge site')


@pytest.mark.parametrize('system, argv, text', [
    (dict(SYSTEM, system_type='Standard'), ['-m', 'duplex-direct'],
     'system_mode can only be modified on an AIO system'),
    (dict(SYSTEM, system_mode='simplex'), ['-m', 'duplex'],
     "system_mode can not be modified if it is currently set to "
     "'simplex'"),
    (SYSTEM, ['-m', 'duplex'], "system_mode value already set to 'duplex'"),
    (SYSTEM, ['-m', 'simplex'], 'Invalid value for system_mode'),
    (SYSTEM, [], 'No system attribute to modify'),
])
def test_modify_refuses_bad_modes_locally(capsys, system, argv, text):
    api = fakes.FakeAPI({('GET', '/v1/isystems'): (200,
                                                   {'isystems': [system]})})
    status = fakes.run(api, 'modify', *argv)
    assert text in one_line_error(capsys, status)
    assert api.calls() == ['GET /v1/isystems']


def test_modify_mode_asks_for_a_confirmation(capsys, monkeypatch):
    api = fakes.FakeAPI({('GET', '/v1/isystems'): (200,
                                                   {'isystems': [SYSTEM]})})
    monkeypatch.setattr('builtins.input', lambda prompt: 'N')
    assert fakes.run(api, 'modify', '-m', 'duplex-direct') == 0
    assert 'Operation cancelled.' in capsys.readouterr().out
    assert api.calls() == ['GET /v1/isystems']


# -- host-list / host-show ----------------------------------------------------

def test_host_list_columns_sorted_by_id(capsys):
    hosts = [fakes.host(2, 'worker-0', 'worker'), fakes.host(1),
             fakes.host(10, 'worker-1', 'worker')]
    api = fakes.FakeAPI(fakes.site_routes(hosts))
    assert fakes.run(api, 'host-list') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['id', 'hostname', 'personality', 'administrative',
                      'operational', 'availability']
    assert [r[0] for r in rows] == ['1', '2', '10']
    assert rows[0] == ['1', 'controller-0', 'controller', 'unlocked',
                       'enabled', 'available']


def test_host_list_follows_next_links(capsys):
    def pages(request):
        if 'marker=' not in request.url:
            return 200, {'ihosts': [fakes.host(1)],
                         'next': 'http://other:6385/v1/ihosts?limit=1&'
                                 'marker=%s' % fakes.HOST_UUIDS[1]}
        return 200, {'ihosts': [fakes.host(2, 'worker-0', 'worker')]}

    api = fakes.FakeAPI({('GET', '/v1/ihosts'): pages})
    assert fakes.run(api, 'host-list') == 0
    assert len(fakes.table(capsys.readouterr().out)[1]) == 2
    assert all(r.url.startswith(fakes.URL) for r in api.requests)


def test_host_list_column_and_formats(capsys):
    api = fakes.FakeAPI(fakes.site_routes())
    assert fakes.run(api, 'host-list', '--column', 'hostname', '--column',
                     'uptime') == 0
    header, rows = fakes.table(capsys.readouterr().out)
    assert header == ['hostname', 'uptime']
    assert rows == [['controller-0', '100'], ['worker-0', '100']]
    assert fakes.run(api, 'host-list', '--format', 'value') == 0
    assert capsys.readouterr().out.splitlines() == [
        '1 controller-0 controller unlocked enabled available',
        '2 worker-0 worker locked disabled online']
    assert fakes.run(api, 'host-list', '--format', 'yaml', '--column',
                     'id', '--column', 'hostname') == 0
    assert yaml.safe_load(capsys.readouterr().out) == [
        {'id': 1, 'hostname': 'controller-0'},
        {'id': 2, 'hostname': 'worker-0'}]


def test_empty_list_prints_no_table(capsys):
    api = fakes.FakeAPI({('GET', '/v1/ihosts'): (200, {'ihosts': []})})
    assert fakes.run(api, 'host-list') == 0
    assert capsys.readouterr().out.strip() == ''


def test_host_show_by_name_lists_then_shows(capsys):
    api = fakes.FakeAPI(fakes.site_routes())
    assert fakes.run(api, 'host-show', 'worker-0') == 0
    assert api.calls() == ['GET /v1/ihosts']
    rows = fakes.properties(capsys.readouterr().out)
    assert list(rows) == sorted(rows)
    assert set(rows) == set(host_shell.SHOW_FIELDS)
    assert 'mgmt_ip' not in rows and 'subfunctions' not in rows
    assert rows['hostname'] == 'worker-0' and rows['task'] == 'None'


@pytest.mark.parametrize('ident', ['2', fakes.HOST_UUIDS[2]])
def test_host_show_by_id_or_uuid_gets_it(capsys, ident):
    api = fakes.FakeAPI(fakes.site_routes())
    assert fakes.run(api, 'host-show', ident) == 0
    assert api.calls() == ['GET /v1/ihosts/%s' % ident]
    assert fakes.properties(capsys.readouterr().out)['hostname'] == (
        'worker-0')


@pytest.mark.parametrize('ident', ['nosuch', '99',
                                   'ffffffff-0000-4000-8000-000000000000'])
def test_unknown_host(capsys, ident):
    api = fakes.FakeAPI(fakes.site_routes())
    status = fakes.run(api, 'host-show', ident)
    assert one_line_error(capsys, status) == 'host not found: %s' % ident


def test_host_show_optional_rows(capsys):
    aio = fakes.host(1, subfunctions='controller,worker', ttys_dcd=False,
                     peers={'name': 'group-0', 'hosts': ['storage-0']},
                     install_state='installing+++',
                     install_state_info='5/1000+')
    api = fakes.FakeAPI(fakes.site_routes([aio]))
    assert fakes.run(api, 'host-show', 'controller-0') == 0
    rows = fakes.properties(capsys.readouterr().out)
    for name in ('subfunctions', 'subfunction_oper', 'subfunction_avail',
                 'peers', 'ttys_dcd'):
        assert name in rows
    assert rows['install_state'] == 'installing'
    assert rows['install_state_info'] == '5/1000'


def test_host_show_wraps_long_values_at_72(capsys):
    long = fakes.host(1, capabilities={'k%d' % i: 'v' * 10
                                       for i in range(10)})
    api = fakes.FakeAPI(fakes.site_routes([long]))
    assert fakes.run(api, 'host-show', '1') == 0
    out = capsys.readouterr().out
    widths = [len(line.split('|')[2]) - 2 for line in out.splitlines()
              if line.startswith('|')]
    assert max(widths) <= 72


def test_host_show_column_and_formats(capsys):
    api = fakes.FakeAPI(fakes.site_routes())
    assert fakes.run(api, 'host-show', '1', '--column', 'hostname',
                     '--column', 'mgmt_mac') == 0
    assert fakes.properties(capsys.readouterr().out) == {
        'hostname': 'controller-0', 'mgmt_mac': '08:00:27:00:00:01'}
    assert fakes.run(api, 'host-show', '1', '--column', 'availability',
                     '--format', 'value') == 0
    assert capsys.readouterr().out == 'available\n'
    assert fakes.run(api, 'host-show', '1', '--format', 'yaml') == 0
    shown = yaml.safe_load(capsys.readouterr().out)
    assert shown['capabilities'] == {} and shown['id'] == 1


def test_timestamps_are_shown_in_local_time(capsys, monkeypatch):
    monkeypatch.setenv('TZ', 'EST+05')
    import time
    time.tzset()
    try:
        api = fakes.FakeAPI(fakes.site_routes())
        assert fakes.run(api, 'host-show', '1', '--column',
                         'created_at') == 0
    finally:
        monkeypatch.setenv('TZ', 'UTC')
        time.tzset()
    assert fakes.properties(capsys.readouterr().out) == {
        'created_at': '2024-01-01T22:04:05.000006-05:00'}


# -- host-add / update / delete -----------------------------------------------

def test_host_add_posts_the_given_attributes(capsys):
    created = fakes.host(3, 'worker-1', 'worker', administrative='locked')
    routes = fakes.site_routes([created])
    routes[('POST', '/v1/ihosts')] = (200, created)
    api = fakes.FakeAPI(routes)
    assert fakes.run(api, 'host-add', '-n', 'worker-1', '-p', 'worker',
                     '-m', '08:00:27:00:00:03', '-l', 'rack 4', '-R',
                     '5') == 0
    assert api.sent('POST', '/v1/ihosts') == [{
        'hostname': 'worker-1', 'personality': 'worker',
        'mgmt_mac': '08:00:27:00:00:03', 'location': {'locn': 'rack 4'},
        'hw_settle': '5'}]
    assert api.calls()[-1] == 'GET /v1/ihosts/%s' % created['uuid']
    assert fakes.properties(capsys.readouterr().out)['hostname'] == (
        'worker-1')


def test_host_add_refusal(capsys):
    routes = {('POST', '/v1/ihosts'): (400, fakes.error_body(
        "Host-add Rejected: Hostname 'controller-7' is not allowed."))}
    status = fakes.run(fakes.FakeAPI(routes), 'host-add', '-n',
                       'controller-7', '-p', 'controller', '-m',
                       '08:00:27:00:00:07')
    assert one_line_error(capsys, status) == (
        "Host-add Rejected: Hostname 'controller-7' is not allowed.")


def test_host_update_patches_by_id(capsys):
    routes = fakes.site_routes()
    routes[('PATCH', '/v1/ihosts/2')] = patch_answer(
        2, hostname='worker-0', personality='worker', console='ttyS1')
    api = fakes.FakeAPI(routes)
    assert fakes.run(api, 'host-update', 'worker-0', 'console=ttyS1',
                     '/boot_device=/dev/sdb') == 0
    assert api.calls() == ['GET /v1/ihosts', 'PATCH /v1/ihosts/2']
    assert api.body() == [
        {'op': 'replace', 'path': '/console', 'value': 'ttyS1'},
        {'op': 'replace', 'path': '/boot_device', 'value': '/dev/sdb'}]
    assert fakes.properties(capsys.readouterr().out)['console'] == 'ttyS1'


def test_host_update_needs_path_value(capsys):
    status = fakes.run(fakes.FakeAPI(fakes.site_routes()), 'host-update',
                       'worker-0', 'console')
    assert 'PATH=VALUE' in one_line_error(capsys, status)


def test_host_delete_each_and_stops_at_unknown(capsys):
    routes = {('DELETE', '/v1/ihosts/worker-0'): (204, None),
              ('DELETE', '/v1/ihosts/nosuch'): (404, fakes.error_body(
                  'not found', 404))}
    api = fakes.FakeAPI(routes)
    status = fakes.run(api, 'host-delete', 'worker-0', 'nosuch')
    out, err = capsys.readouterr()
    assert status == 1 and out == 'Deleted host worker-0\n'
    assert err == 'host not found: nosuch\n'


# -- actions ------------------------------------------------------------------

@pytest.mark.parametrize('argv, action', [
    (['host-lock'], 'lock'),
    (['host-lock', '-f'], 'force-lock'),
    (['host-lock', '--force', '--unsafe'], 'force-unsafe-lock'),
    (['host-unlock'], 'unlock'),
    (['host-unlock', '-f'], 'force-unlock'),
    (['host-swact'], 'swact'),
    (['host-swact', '--force'], 'force-swact'),
    (['host-reboot'], 'reboot'),
    (['host-reset'], 'reset'),
    (['host-reinstall'], 'reinstall'),
    (['host-power-on'], 'power-on'),
    (['host-power-off'], 'power-off'),
])
def test_actions_are_json_patches_of_action(capsys, argv, action):
    routes = fakes.site_routes()
    routes[('PATCH', '/v1/ihosts/1')] = patch_answer(1, task='Locking')
    api = fakes.FakeAPI(routes)
    assert fakes.run(api, *argv, 'controller-0') == 0
    assert api.calls() == ['GET /v1/ihosts', 'PATCH /v1/ihosts/1']
    assert api.body() == [{'op': 'replace', 'path': '/action',
                           'value': action}]
    rows = fakes.properties(capsys.readouterr().out)
    assert rows['task'] == 'Locking' and rows['action'] == 'none'


def test_unsafe_needs_force(capsys):
    api = fakes.FakeAPI(fakes.site_routes())
    status = fakes.run(api, 'host-lock', '-u', 'controller-0')
    assert '--unsafe' in one_line_error(capsys, status)
    assert api.requests == []


def test_action_on_a_host_deleted_meanwhile(capsys):
    routes = fakes.site_routes()
    routes[('PATCH', '/v1/ihosts/2')] = (404, fakes.error_body(
        'Host 2 could not be found.', 404))
    status = fakes.run(fakes.FakeAPI(routes), 'host-unlock', 'worker-0')
    assert one_line_error(capsys, status) == 'host not found: worker-0'
