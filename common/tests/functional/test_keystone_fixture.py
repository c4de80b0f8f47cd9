"""The ``keystone`` fixture: a real Keystone with one user per role."""
import json
import os

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from keystonemiddleware import auth_token
from oslo_config import cfg
import pytest
import requests
import webob

from stx_common.testing import keystone as keystone_server

pytestmark = [pytest.mark.functional, pytest.mark.keystone]

TIMEOUT = 10


def _validate(keystone, token):
    """The body of GET /v3/auth/tokens for ``token`` (admin asks)."""
    resp = requests.get(
        keystone.auth_url + '/auth/tokens', timeout=TIMEOUT,
        headers={'X-Auth-Token': keystone.token('admin'),
                 'X-Subject-Token': token})
    assert resp.status_code == 200, resp.text
    return resp.json()['token']


def test_users_one_per_role_with_passwords_of_this_run(keystone):
    assert set(keystone.users) == {
        'admin', 'reader-user', 'operator-user', 'configurator-user',
        'service-user'}
    passwords = [password for password, _ in keystone.users.values()]
    assert len(set(passwords)) == len(passwords)
    # never '-' first: argparse would take it for an option
    assert all(password.isalnum() for password in passwords)
    assert keystone.users['admin'][0] == keystone.admin_password
    assert keystone.users['service-user'][1] == 'services'


@pytest.mark.parametrize('username', sorted(keystone_server.USERS))
def test_each_user_gets_a_token_carrying_its_role(keystone, username):
    _, project = keystone.users[username]
    token = keystone.token(username)
    body = _validate(keystone, token)
    roles = {role['name'] for role in body['roles']}
    assert body['user']['name'] == username
    assert body['project']['name'] == project
    assert keystone.role_of(username) in roles
    if username != 'admin':
        assert 'admin' not in roles


def test_tokens_are_fresh(keystone):
    assert keystone.token('reader-user') != keystone.token('reader-user')


@pytest.mark.parametrize('username', ['admin', 'reader-user', 'nobody'])
def test_bogus_password_is_refused(keystone, username):
    body = {'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'name': username, 'password': 'not-the-password',
                 'domain': {'id': 'default'}}}}}}
    resp = requests.post(keystone.auth_url + '/auth/tokens', json=body,
                         timeout=TIMEOUT)
    assert resp.status_code == 401
    assert 'X-Subject-Token' not in resp.headers


def test_openrc_works_with_keystoneauth_and_every_interface(keystone):
    env = keystone.openrc('operator-user')
    assert env['OS_IDENTITY_API_VERSION'] == '3'
    auth = v3.Password(
        auth_url=env['OS_AUTH_URL'], username=env['OS_USERNAME'],
        password=env['OS_PASSWORD'], project_name=env['OS_PROJECT_NAME'],
        user_domain_id=env['OS_USER_DOMAIN_ID'],
        project_domain_id=env['OS_PROJECT_DOMAIN_ID'])
    sess = ks_session.Session(auth=auth, timeout=TIMEOUT)
    assert sess.get_token()
    for interface in ('public', 'internal', 'admin'):
        assert sess.get_endpoint(
            service_type='identity', interface=interface,
            region_name=env['OS_REGION_NAME']).rstrip('/') == \
            keystone.auth_url


def _echo_identity(environ, start_response):
    body = json.dumps({name: environ.get('HTTP_' + name) for name in (
        'X_IDENTITY_STATUS', 'X_ROLES', 'X_USER_NAME',
        'X_PROJECT_NAME')}).encode()
    start_response('200 OK', [('Content-Type', 'application/json'),
                              ('Content-Length', str(len(body)))])
    return [body]


@pytest.fixture(scope='module')
def guarded_app(keystone):
    # A private ConfigOpts: with a bare dict, keystonemiddleware registers
    # the password plugin's required options on the process-wide CONF,
    # which then refuses to parse for every later test.
    private = cfg.ConfigOpts()
    private([], project='flock-test', default_config_files=[])
    options = dict(keystone.authtoken_options(),
                   oslo_config_config=private)
    return auth_token.AuthProtocol(_echo_identity, options)


def _call(app, token=None):
    request = webob.Request.blank('/v1/things')
    if token:
        request.headers['X-Auth-Token'] = token
    return request.get_response(app)


def test_middleware_refuses_a_request_without_token(keystone, guarded_app):
    resp = _call(guarded_app)
    assert resp.status_int == 401
    assert keystone.auth_url in resp.headers['WWW-Authenticate']


def test_middleware_refuses_a_bogus_token(guarded_app):
    assert _call(guarded_app, 'gAAAAAB-not-a-token').status_int == 401


@pytest.mark.parametrize('username', sorted(keystone_server.USERS))
def test_middleware_passes_the_roles_of_a_valid_token(keystone, guarded_app,
                                                      username):
    resp = _call(guarded_app, keystone.token(username))
    assert resp.status_int == 200, resp.text
    seen = resp.json
    assert seen['X_IDENTITY_STATUS'] == 'Confirmed'
    assert seen['X_USER_NAME'] == username
    assert seen['X_PROJECT_NAME'] == keystone.users[username][1]
    roles = seen['X_ROLES'].split(',')
    assert keystone.role_of(username) in roles
    if username != 'admin':
        assert 'admin' not in roles


def test_authtoken_options_name_the_admin_user(keystone):
    options = keystone.authtoken_options()
    assert options['auth_type'] == 'password'
    assert options['username'] == 'admin'
    assert options['password'] == keystone.admin_password
    assert options['interface'] == 'public'
    assert options['auth_url'] == options['www_authenticate_uri'] == \
        keystone.auth_url


def test_stop_ends_the_server_by_pid_and_removes_its_files():
    server = keystone_server.KeystoneServer().start()
    pid, workdir, port = server.server.pid, server.dir, server.port
    assert os.path.isfile(os.path.join(workdir, 'keystone.conf'))
    server.stop()
    with pytest.raises(ProcessLookupError):
        os.killpg(pid, 0)
    assert not os.path.exists(workdir)
    with pytest.raises(requests.ConnectionError):
        requests.get('http://127.0.0.1:%d/v3' % port, timeout=TIMEOUT)


def test_missing_venv_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv('FLOCK_KEYSTONE_VENV', str(tmp_path / 'none'))
    with pytest.raises(RuntimeError,
                       match=r'make \.venv-keystone/\.installed'):
        keystone_server.KeystoneServer().start()
