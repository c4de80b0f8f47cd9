"""A fake sysinv-api behind a requests adapter: the client's real HTTP
code runs, answers come from a table of routes; and a small site to
answer with."""
from stx_common.testing import fake_api
from sysinv.client import http, shell
from sysinv.client.v1 import client

URL = 'http://sysinv.test:6385'
HOST_UUIDS = {1: '6b4f1a60-0000-4000-8000-000000000001',
              2: '6b4f1a60-0000-4000-8000-000000000002'}


error_body = fake_api.error_body
FakeAPI = fake_api.FakeAPI


def http_client(api, token=None):
    result = http.HTTPClient(URL, token=token, timeout=5)
    result._requests.mount('http://', api)
    return result


def v1_client(api):
    return client.Client(http_client(api))


def run(api, *argv):
    return shell.main(['--system-url', URL, *argv],
                      client_factory=lambda args: v1_client(api))


# -- a small site -------------------------------------------------------------

def host(host_id=1, hostname='controller-0', personality='controller',
         **values):
    record = {
        'id': host_id, 'uuid': HOST_UUIDS.get(host_id, 'h-%d' % host_id),
        'hostname': hostname, 'personality': personality,
        'subfunctions': personality, 'subfunction_oper': 'disabled',
        'subfunction_avail': 'not-installed', 'administrative': 'unlocked',
        'operational': 'enabled', 'availability': 'available',
        'invprovision': 'provisioned', 'task': None, 'action': 'none',
        'mgmt_mac': '08:00:27:00:00:%02x' % host_id, 'mgmt_ip': None,
        'serialid': None, 'capabilities': {}, 'bm_type': None,
        'bm_username': None, 'bm_ip': None, 'config_applied': None,
        'config_target': None, 'config_status': None, 'location': {},
        'uptime': 100, 'reserved': False,
        'created_at': '2024-01-02T03:04:05.000006+00:00',
        'updated_at': None, 'boot_device': '/dev/sda',
        'rootfs_device': '/dev/sda', 'hw_settle': '0',
        'install_output': 'text', 'console': 'ttyS0,115200', 'tboot': None,
        'vim_progress_status': None, 'install_state': None,
        'install_state_info': None, 'inv_state': 'inventoried',
        'clock_synchronization': 'ntp', 'device_image_update': None,
        'reboot_needed': False, 'max_cpu_mhz_configured': None,
        'min_cpu_mhz_allowed': None, 'max_cpu_mhz_allowed': None,
        'cstates_available': None, 'apparmor': 'disabled',
        'iscsi_initiator_name': None, 'nvme_host_id': None,
        'nvme_host_nqn': None, 'sw_version': '0.0.0', 'peers': None,
    }
    record.update(values)
    return record


def site_routes(hosts=None):
    """List and item routes for ``hosts`` (by id and uuid)."""
    hosts = hosts or [host(1), host(2, 'worker-0', 'worker',
                                  administrative='locked',
                                  operational='disabled',
                                  availability='online')]
    routes = {('GET', '/v1/ihosts'): (200, {'ihosts': hosts})}
    for item in hosts:
        for ident in (item['id'], item['uuid']):
            routes[('GET', '/v1/ihosts/%s' % ident)] = (200, item)
    return routes


def table(output):
    """(header, rows) of a prettytable; cells stripped."""
    lines = [line for line in output.splitlines() if line.startswith('|')]
    cells = [[c.strip() for c in line.strip('|').split('|')]
             for line in lines]
    return (cells[0], cells[1:]) if cells else ([], [])


def properties(output):
    """``{property: value}`` of a Property/Value table."""
    return dict(table(output)[1])
