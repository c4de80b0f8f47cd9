"""FM as real processes for functional tests: fm-dbsync, fm-manager and
fm-api on a throw-away PostgreSQL database and a private RabbitMQ vhost
(or a private broker/cluster a test may restart)."""
import os
import subprocess

import requests

from stx_common.testing import config, ports, process, waiting


class FMService:
    """One FM deployment: its config file, database and two processes."""

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
                        'host': 'controller-0', 'debug': 'true'},
            'database': {'connection': database_url,
                         'max_retries': '-1', 'retry_interval': '1'},
            'api': {'bind_host': '127.0.0.1', 'bind_port': self.port,
                    'auth_strategy': auth_strategy},
            'fm': {'db_retry_interval': '0.5'},
            'oslo_messaging_rabbit': {'rabbit_retry_interval': '1',
                                      'rabbit_retry_backoff': '1'},
        }
        if keystone is not None:
            sections['keystone_authtoken'] = keystone.authtoken_options()
        for section, values in (extra or {}).items():
            sections.setdefault(section, {}).update(values)
        self.config_file = config.write_config(
            os.path.join(self.workdir, 'fm.conf'), sections)
        self.api = self.manager = None

    def argv(self, script):
        return [process.script(script), '--config-file', self.config_file]

    def dbsync(self):
        subprocess.run(self.argv('fm-dbsync'), check=True,
                       capture_output=True, timeout=120)

    def start_manager(self):
        self.manager = process.ServiceProcess(
            self.argv('fm-manager'),
            os.path.join(self.workdir, 'fm-manager.log')).start()
        self.manager.wait_until(
            lambda: 'Consuming alarm events' in self.manager.log_tail(400),
            timeout=60, what='fm-manager consuming')
        return self.manager

    def start_api(self):
        self.api = process.ServiceProcess(
            self.argv('fm-api'),
            os.path.join(self.workdir, 'fm-api.log')).start()
        self.api.wait_until(lambda: ports.is_listening('127.0.0.1',
                                                       self.port),
                            timeout=60, what='fm-api listening')
        return self.api

    def start(self):
        self.dbsync()
        self.start_manager()
        self.start_api()
        return self

    def stop(self):
        for proc in (self.api, self.manager):
            if proc is not None:
                proc.stop()

    def get(self, path, token=None, **kwargs):
        headers = {'X-Auth-Token': token} if token else {}
        return requests.get(self.url + path, headers=headers, timeout=30,
                            **kwargs)

    def alarms(self, token=None, **params):
        response = self.get('/v1/alarms', token, params=params)
        response.raise_for_status()
        return response.json()['alarms']

    def wait_for_alarms(self, predicate, timeout=60, token=None,
                        what='alarms'):
        return waiting.wait_for(lambda: predicate(self.alarms(token)),
                                timeout, interval=0.2, what=what)
