"""A service's real processes in a functional test.

:class:`ServiceUnderTest` writes the service's config file (broker,
database, API on a free loopback port, optional Keystone), runs its
dbsync and starts its processes, each with its own log file, stopping
them by PID at the end. A service's fixture subclasses it and names its
scripts and how each one says it is ready.
"""
import os
import subprocess

import requests

from stx_common.testing import config, ports, process


class ServiceUnderTest:
    #: service name (config file name, scripts prefix).
    NAME = None
    #: extra config sections of this service.
    SECTIONS = {}

    def __init__(self, workdir, database_url, transport_url,
                 auth_strategy='noauth', keystone=None, extra=None,
                 host='controller-0'):
        self.workdir = str(workdir)
        os.makedirs(self.workdir, exist_ok=True)
        self.port = ports.free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        self.database_url = database_url
        self.transport_url = transport_url
        sections = {
            'DEFAULT': {'transport_url': transport_url,
                        'state_path': os.path.join(self.workdir, 'state'),
                        'host': host, 'debug': 'true'},
            'database': {'connection': database_url,
                         'max_retries': '-1', 'retry_interval': '1'},
            'api': {'bind_host': '127.0.0.1', 'bind_port': self.port,
                    'auth_strategy': auth_strategy},
            'oslo_messaging_rabbit': {'rabbit_retry_interval': '1',
                                      'rabbit_retry_backoff': '1'},
        }
        for section, values in self.SECTIONS.items():
            sections.setdefault(section, {}).update(values)
        if keystone is not None:
            sections['keystone_authtoken'] = keystone.authtoken_options()
        for section, values in (extra or {}).items():
            sections.setdefault(section, {}).update(values)
        self.config_file = config.write_config(
            os.path.join(self.workdir, '%s.conf' % self.NAME), sections)
        self.processes = {}

    def argv(self, script, *args):
        return [process.script(script), '--config-file', self.config_file,
                *args]

    def run(self, script, *args, check=True, env=None):
        """Run a one-shot command of the service; its CompletedProcess."""
        return subprocess.run(self.argv(script, *args), check=check,
                              capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, **(env or {})))

    def dbsync(self):
        return self.run('%s-dbsync' % self.NAME)

    def start_process(self, script, ready, what=None, timeout=60):
        """Start ``script``; wait until ``ready(proc)`` is true."""
        proc = process.ServiceProcess(
            self.argv(script),
            os.path.join(self.workdir, '%s.log' % script)).start()
        self.processes[script] = proc
        proc.wait_until(lambda: ready(proc), timeout=timeout,
                        what=what or '%s ready' % script)
        return proc

    def start_api(self, script=None):
        return self.start_process(
            script or '%s-api' % self.NAME,
            lambda proc: ports.is_listening('127.0.0.1', self.port),
            what='%s-api listening' % self.NAME)

    @staticmethod
    def logged(text, lines=400):
        """A readiness check: ``text`` appears in the process's log."""
        return lambda proc: text in proc.log_tail(lines)

    def stop(self):
        for proc in reversed(list(self.processes.values())):
            proc.stop()

    # -- REST ---------------------------------------------------------------
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
