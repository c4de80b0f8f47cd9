"""sysinv as real processes for functional tests: sysinv-dbsync, then
sysinv-conductor and sysinv-api on a throw-away PostgreSQL database and a
private RabbitMQ vhost, each with its own log file."""
import os
import subprocess

import requests
import yaml

from stx_common.testing import config, ports, process

HOST = 'controller-0'
CONTROLLER_0_MAC = '08:00:27:0f:00:01'
# A duplex Standard site in StarlingX's bootstrap keys.
SITE = {
    'system_mode': 'duplex', 'system_type': 'Standard', 'name': 'flock-ft',
    'timezone': 'UTC', 'dns_servers': ['8.8.8.8'],
    'management_subnet': '192.168.204.0/24',
    'cluster_host_subnet': '192.168.206.0/24',
    'pxeboot_subnet': '169.254.202.0/24',
    'external_oam_subnet': '10.10.10.0/24',
    'external_oam_floating_address': '10.10.10.2',
    'controller_0': {'mgmt_mac': CONTROLLER_0_MAC},
}


class SysinvService:
    """One sysinv deployment: its config file, database and processes."""

    def __init__(self, workdir, database_url, transport_url,
                 auth_strategy='noauth', keystone=None, extra=None):
        self.workdir = str(workdir)
        os.makedirs(self.workdir, exist_ok=True)
        self.port = ports.free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        self.database_url = database_url
        self.transport_url = transport_url
        sections = {
            'DEFAULT': {'transport_url': transport_url,
                        'state_path': os.path.join(self.workdir, 'state'),
                        'host': HOST, 'debug': 'true'},
            'database': {'connection': database_url,
                         'max_retries': '-1', 'retry_interval': '1'},
            'api': {'bind_host': '127.0.0.1', 'bind_port': self.port,
                    'auth_strategy': auth_strategy},
            'conductor': {'mtce_timeout': '2', 'mtce_delete_timeout': '2',
                          'lease_update_timeout': '3'},
            'oslo_messaging_rabbit': {'rabbit_retry_interval': '1',
                                      'rabbit_retry_backoff': '1'},
        }
        if keystone is not None:
            sections['keystone_authtoken'] = keystone.authtoken_options()
        for section, values in (extra or {}).items():
            sections.setdefault(section, {}).update(values)
        self.config_file = config.write_config(
            os.path.join(self.workdir, 'sysinv.conf'), sections)
        self.api = self.conductor = None

    def argv(self, script, *args):
        return [process.script(script), '--config-file', self.config_file,
                *args]

    def run(self, script, *args, check=True, env=None):
        """Run a one-shot sysinv command; its CompletedProcess."""
        return subprocess.run(self.argv(script, *args), check=check,
                              capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, **(env or {})))

    def dbsync(self):
        return self.run('sysinv-dbsync')

    def bootstrap(self, site=None, check=True):
        """Run sysinv-bootstrap with ``site`` (default :data:`SITE`)."""
        path = os.path.join(self.workdir, 'site.yaml')
        with open(path, 'w') as handle:
            yaml.safe_dump(site or SITE, handle)
        return self.run('sysinv-bootstrap', '--config', path, check=check)

    def start_conductor(self):
        self.conductor = process.ServiceProcess(
            self.argv('sysinv-conductor'),
            os.path.join(self.workdir, 'sysinv-conductor.log')).start()
        self.conductor.wait_until(
            lambda: 'sysinv-conductor started' in
            self.conductor.log_tail(400),
            timeout=60, what='sysinv-conductor serving')
        return self.conductor

    def start_api(self):
        self.api = process.ServiceProcess(
            self.argv('sysinv-api'),
            os.path.join(self.workdir, 'sysinv-api.log')).start()
        self.api.wait_until(lambda: ports.is_listening('127.0.0.1',
                                                       self.port),
                            timeout=60, what='sysinv-api listening')
        return self.api

    def start(self, site=None):
        """dbsync, then bootstrap ``site`` if given, then the processes."""
        self.dbsync()
        if site:
            self.bootstrap(site)
        self.start_conductor()
        self.start_api()
        return self

    def stop(self):
        for proc in (self.api, self.conductor):
            if proc is not None:
                proc.stop()

    # -- REST helpers ---------------------------------------------------------
    def request(self, verb, path, token=None, user_agent=None, **kwargs):
        headers = dict(kwargs.pop('headers', None) or {})
        if token:
            headers['X-Auth-Token'] = token
        if user_agent:
            headers['User-Agent'] = user_agent
        return requests.request(verb, self.url + path, headers=headers,
                                timeout=60, **kwargs)

    def get(self, path, token=None, **kwargs):
        return self.request('GET', path, token, **kwargs)

    def patch(self, path, ops, token=None, user_agent=None):
        return self.request('PATCH', path, token, user_agent, json=ops)

    def post(self, path, body, token=None):
        return self.request('POST', path, token, json=body)

    def host(self, ident, token=None):
        response = self.get('/v1/ihosts/%s' % ident, token)
        response.raise_for_status()
        return response.json()

    def action(self, ident, action, token=None):
        return self.patch('/v1/ihosts/%s' % ident,
                          [{'op': 'replace', 'path': '/action',
                            'value': action}], token)
