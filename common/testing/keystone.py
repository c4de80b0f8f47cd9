"""A real Keystone for the tests, in a temp dir of its own.

``KeystoneServer`` sets up Keystone (SQLite, fernet tokens, in-memory
cache, cheap password hashing), bootstraps it, serves it with uwsgi on a
free port of 127.0.0.1 and creates one user per platform role:

=================== ============ ==========
user                role         project
=================== ============ ==========
admin               admin        admin
reader-user         reader       admin
operator-user       operator     admin
configurator-user   configurator admin
service-user        service      services
=================== ============ ==========

Passwords are generated per run. Keystone runs from its own venv
(``FLOCK_KEYSTONE_VENV`` or ``<repo>/.venv-keystone``, built by
``make .venv-keystone/.installed``); the server is stopped by its PID and
the temp dir removed by ``stop()``.
"""
import os
import secrets
import shutil
import string
import subprocess
import tempfile
import time

import requests

from stx_common.testing import ports, process

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
HOST = '127.0.0.1'
REGION = 'RegionOne'
DOMAIN_ID = 'default'
DOMAIN_NAME = 'Default'
ADMIN_PROJECT = 'admin'
SERVICE_PROJECT = 'services'
# Roles the platform's policies use; bootstrap makes admin/member/reader.
ROLES = ('admin', 'reader', 'operator', 'configurator', 'service')
# user name -> (role, project)
USERS = {
    'admin': ('admin', ADMIN_PROJECT),
    'reader-user': ('reader', ADMIN_PROJECT),
    'operator-user': ('operator', ADMIN_PROJECT),
    'configurator-user': ('configurator', ADMIN_PROJECT),
    'service-user': ('service', SERVICE_PROJECT),
}
HTTP_TIMEOUT = 10.0
MANAGE_TIMEOUT = 120.0
_PASSWORD_CHARS = string.ascii_letters + string.digits

CONF_TEMPLATE = """\
[DEFAULT]
use_stderr = true

[database]
connection = sqlite:///{dir}/keystone.db

[token]
provider = fernet

[fernet_tokens]
key_repository = {dir}/fernet-keys

[fernet_receipts]
key_repository = {dir}/fernet-keys

[credential]
key_repository = {dir}/credential-keys

[cache]
enabled = true
backend = dogpile.cache.memory

[identity]
# Cheap hashing (set before bootstrap, so admin's hash uses it too):
# issuing a token drops from ~400 ms to ~15 ms.
password_hash_rounds = 4
# bcrypt reads 72 bytes at most; say so, or every hash logs a warning.
max_password_length = 72
"""


def new_password(length=24):
    """Letters and digits only: a password starting with '-' is taken
    for an option by argparse (keystone-manage, the CLIs)."""
    return ''.join(secrets.choice(_PASSWORD_CHARS) for _ in range(length))


def venv_dir():
    """The venv Keystone runs from; RuntimeError if it is not built."""
    path = os.environ.get('FLOCK_KEYSTONE_VENV') or os.path.join(
        REPO, '.venv-keystone')
    for name in ('keystone-manage', 'uwsgi'):
        if not os.access(os.path.join(path, 'bin', name), os.X_OK):
            raise RuntimeError(
                'no Keystone venv at %s (missing bin/%s): run `make '
                '.venv-keystone/.installed` in %s, or point '
                'FLOCK_KEYSTONE_VENV at one' % (path, name, REPO))
    return path


class KeystoneServer:
    """Keystone on a free loopback port, set up from scratch by start()."""

    def __init__(self, venv=None):
        self.venv = venv
        self.port = None
        self.dir = None
        self.server = None
        self.admin_password = None
        self._passwords = {}
        self.timings = {}

    # -- addresses and credentials ---------------------------------------

    @property
    def url(self):
        return 'http://%s:%d' % (HOST, self.port)

    @property
    def auth_url(self):
        return self.url + '/v3'

    @property
    def users(self):
        """user name -> (password, project name)."""
        return {name: (self._passwords[name], USERS[name][1])
                for name in USERS}

    def role_of(self, username):
        return USERS[username][0]

    def token(self, username='admin'):
        """A fresh project-scoped token of ``username``."""
        password, project = self.users[username]
        return self._issue(username, password, project)

    def authtoken_options(self):
        """Options of a service's ``[keystone_authtoken]`` section."""
        return {
            'auth_type': 'password',
            'auth_url': self.auth_url,
            'www_authenticate_uri': self.auth_url,
            'username': 'admin',
            'password': self.admin_password,
            'project_name': ADMIN_PROJECT,
            'user_domain_id': DOMAIN_ID,
            'project_domain_id': DOMAIN_ID,
            'interface': 'public',
        }

    def openrc(self, username='admin'):
        """The ``OS_*`` environment of ``username`` (an openrc file)."""
        password, project = self.users[username]
        return {
            'OS_AUTH_URL': self.auth_url,
            'OS_USERNAME': username,
            'OS_PASSWORD': password,
            'OS_PROJECT_NAME': project,
            'OS_USER_DOMAIN_ID': DOMAIN_ID,
            'OS_USER_DOMAIN_NAME': DOMAIN_NAME,
            'OS_PROJECT_DOMAIN_ID': DOMAIN_ID,
            'OS_PROJECT_DOMAIN_NAME': DOMAIN_NAME,
            'OS_REGION_NAME': REGION,
            'OS_IDENTITY_API_VERSION': '3',
            'OS_INTERFACE': 'public',
        }

    # -- life cycle ------------------------------------------------------

    def start(self, timeout=60.0):
        """Set up, serve and populate Keystone (cleaned up on failure)."""
        self.venv = self.venv or venv_dir()
        began = time.monotonic()
        self.dir = tempfile.mkdtemp(prefix='flock-keystone-')
        try:
            self.port = ports.free_port()
            self.admin_password = new_password()
            self._write_conf()
            self._manage_setup()
            self._serve(timeout)
            self._populate()
        except BaseException:
            self.stop()
            raise
        self.timings['total'] = time.monotonic() - began
        return self

    def stop(self):
        """Stop the server by PID and remove the temp dir."""
        if self.server is not None:
            self.server.stop()
            self.server = None
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- steps -----------------------------------------------------------

    @property
    def conf_path(self):
        return os.path.join(self.dir, 'keystone.conf')

    def _env(self):
        env = {k: v for k, v in os.environ.items()
               if k not in ('PYTHONPATH', 'PYTHONHOME')
               and not k.startswith('OS_')}
        env['VIRTUAL_ENV'] = self.venv
        env['OS_KEYSTONE_CONFIG_FILES'] = self.conf_path
        return env

    def _write_conf(self):
        with open(self.conf_path, 'w') as handle:
            handle.write(CONF_TEMPLATE.format(dir=self.dir))

    def _manage(self, *args, env=None):
        argv = [os.path.join(self.venv, 'bin', 'keystone-manage'),
                '--config-file', self.conf_path, *args]
        return subprocess.Popen(
            argv, env=dict(self._env(), **(env or {})), cwd=self.dir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    @staticmethod
    def _finish(proc, what):
        try:
            out, _ = proc.communicate(timeout=MANAGE_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise RuntimeError('keystone-manage %s timed out' % what) \
                from None
        finally:
            if proc.poll() is None:  # timed out or interrupted
                proc.kill()
                proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError('keystone-manage %s failed (%s):\n%s' % (
                what, proc.returncode, out.decode(errors='replace')[-4000:]))

    def _manage_setup(self):
        began = time.monotonic()
        # The key repositories do not touch the database: set them up
        # while the schema is created.
        user = ('--keystone-user', str(os.getuid()),
                '--keystone-group', str(os.getgid()))
        steps = [('db_sync', self._manage('db_sync')),
                 ('fernet_setup', self._manage('fernet_setup', *user)),
                 ('credential_setup', self._manage('credential_setup',
                                                   *user))]
        try:
            for what, proc in steps:
                self._finish(proc, what)
        finally:
            for _, proc in steps:
                if proc.poll() is None:  # an earlier step failed
                    proc.kill()
                    proc.communicate()
        self.timings['setup'] = time.monotonic() - began
        began = time.monotonic()
        # The password goes by environment, not on the command line.
        self._finish(self._manage(
            'bootstrap', '--bootstrap-username', 'admin',
            '--bootstrap-project-name', ADMIN_PROJECT,
            '--bootstrap-role-name', 'admin',
            '--bootstrap-region-id', REGION,
            '--bootstrap-public-url', self.auth_url,
            '--bootstrap-internal-url', self.auth_url,
            '--bootstrap-admin-url', self.auth_url,
            env={'OS_BOOTSTRAP_PASSWORD': self.admin_password}), 'bootstrap')
        self.timings['bootstrap'] = time.monotonic() - began
        self._passwords['admin'] = self.admin_password

    def _serve(self, timeout):
        began = time.monotonic()
        argv = [os.path.join(self.venv, 'bin', 'uwsgi'),
                '--http-socket', '%s:%d' % (HOST, self.port),
                '--module', 'keystone.wsgi.api:application',
                '--virtualenv', self.venv,
                '--processes', '1', '--threads', '4',
                '--master', '--die-on-term', '--need-app',
                # --http-socket closes every connection after one
                # response without saying so, and a client reusing it
                # (requests, keystoneauth) gets "connection reset": say it.
                '--add-header', 'Connection: close',
                '--disable-logging']
        self.server = process.ServiceProcess(
            argv, os.path.join(self.dir, 'keystone.log'), cwd=self.dir)
        self.server.env = self._env()
        self.server.start()

        def ready():
            resp = requests.get(self.auth_url, timeout=2)
            return resp.status_code == 200

        self.server.wait_until(ready, timeout, what='Keystone on %s'
                               % self.auth_url)
        self.timings['serve'] = time.monotonic() - began

    def _issue(self, username, password, project):
        body = {'auth': {
            'identity': {'methods': ['password'], 'password': {'user': {
                'name': username, 'password': password,
                'domain': {'id': DOMAIN_ID}}}},
            'scope': {'project': {'name': project,
                                  'domain': {'id': DOMAIN_ID}}}}}
        resp = requests.post(self.auth_url + '/auth/tokens', json=body,
                             timeout=HTTP_TIMEOUT)
        if resp.status_code != 201:
            raise RuntimeError('Keystone refused a token to %s: %s %s' % (
                username, resp.status_code, resp.text[:500]))
        return resp.headers['X-Subject-Token']

    def _populate(self):
        """Roles, the services project and one user per role."""
        began = time.monotonic()
        api = _Admin(self.auth_url, self._issue(
            'admin', self.admin_password, ADMIN_PROJECT))
        roles = {name: api.ensure('roles', 'role', {'name': name})
                 for name in ROLES}
        projects = {
            ADMIN_PROJECT: api.find('projects', ADMIN_PROJECT),
            SERVICE_PROJECT: api.ensure('projects', 'project', {
                'name': SERVICE_PROJECT, 'domain_id': DOMAIN_ID,
                'description': 'Service users of the platform'}),
        }
        for name, (role, project) in USERS.items():
            if name == 'admin':
                continue
            password = new_password()
            user = api.create('users', 'user', {
                'name': name, 'password': password, 'domain_id': DOMAIN_ID,
                'default_project_id': projects[project]})
            api.grant(projects[project], user, roles[role])
            self._passwords[name] = password
        self.timings['populate'] = time.monotonic() - began


class _Admin:
    """The few identity API calls populating needs, with an admin token."""

    def __init__(self, auth_url, token):
        self.auth_url = auth_url
        self.session = requests.Session()
        self.session.headers['X-Auth-Token'] = token

    def _check(self, resp, *ok):
        if resp.status_code not in ok:
            raise RuntimeError('Keystone %s %s: %s %s' % (
                resp.request.method, resp.request.url, resp.status_code,
                resp.text[:500]))
        return resp

    def find(self, collection, name):
        resp = self._check(self.session.get(
            '%s/%s' % (self.auth_url, collection), params={'name': name},
            timeout=HTTP_TIMEOUT), 200)
        found = resp.json()[collection]
        return found[0]['id'] if found else None

    def create(self, collection, member, body):
        resp = self._check(self.session.post(
            '%s/%s' % (self.auth_url, collection), json={member: body},
            timeout=HTTP_TIMEOUT), 201)
        return resp.json()[member]['id']

    def ensure(self, collection, member, body):
        return (self.find(collection, body['name'])
                or self.create(collection, member, body))

    def grant(self, project_id, user_id, role_id):
        self._check(self.session.put(
            '%s/projects/%s/users/%s/roles/%s' % (
                self.auth_url, project_id, user_id, role_id),
            timeout=HTTP_TIMEOUT), 204)
