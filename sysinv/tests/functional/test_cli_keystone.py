"""The real ``system`` executable with Keystone credentials (``OS_*``
from an openrc) against sysinv-api with auth_strategy=keystone and a real
Keystone: the token comes from Keystone, RBAC decides."""
import os
import subprocess

import pytest

from stx_common.testing import postgres, process
from sysinv.tests.functional import fixtures

pytestmark = [pytest.mark.functional, pytest.mark.keystone]


@pytest.fixture(scope='module')
def secured(tmp_path_factory, keystone, rabbit_vhost):
    database = postgres.Database().create()
    service = fixtures.SysinvService(
        tmp_path_factory.mktemp('sysinv-cli'), database.url,
        rabbit_vhost.url, auth_strategy='keystone',
        keystone=keystone).start(fixtures.SITE)
    yield service
    service.stop()
    database.drop()


def system(keystone, user, *argv, url=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('OS_', 'SYSTEM'))}
    env.update(keystone.openrc(user), COLUMNS='250')
    if url:
        env['SYSTEM_URL'] = url
    return subprocess.run([process.script('system'), *argv],
                          capture_output=True, text=True, timeout=120,
                          env=env, stdin=subprocess.DEVNULL)


def one_line_error(result):
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert 'Traceback' not in result.stderr, result.stderr
    assert result.stderr.count('\n') == 1, result.stderr
    return result.stderr.strip()


def test_reader_lists_but_cannot_lock(secured, keystone):
    listed = system(keystone, 'reader-user', 'host-list', url=secured.url)
    assert listed.returncode == 0, listed.stderr
    assert '| controller-0 |' in listed.stdout
    shown = system(keystone, 'reader-user', 'host-show', 'controller-0',
                   '--column', 'administrative', '--format', 'value',
                   url=secured.url)
    assert shown.stdout == 'locked\n'
    message = one_line_error(system(keystone, 'reader-user', 'host-lock',
                                    'controller-0', url=secured.url))
    assert message == (
        "Policy doesn't allow sysinv:ihosts:modify to be performed.")
    host = secured.host('controller-0', token=keystone.token())
    assert (host['task'], host['ihost_action']) in ((None, None),
                                                    ('', ''), (None, ''))


def test_admin_reaches_the_semantic_checks(secured, keystone):
    message = one_line_error(system(keystone, 'admin', 'host-lock',
                                    'controller-0', url=secured.url))
    assert message == (
        "Avoiding lock action on already 'locked' host controller-0")


def test_wrong_password_is_one_line(secured, keystone):
    result = subprocess.run(
        [process.script('system'), '--os-password', 'wrong', 'host-list'],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        env=dict({k: v for k, v in os.environ.items()
                  if not k.startswith(('OS_', 'SYSTEM'))},
                 **keystone.openrc('reader-user'), SYSTEM_URL=secured.url))
    assert one_line_error(result).startswith('Invalid Identity credentials')


def test_without_a_url_the_catalogue_is_asked(secured, keystone):
    message = one_line_error(system(keystone, 'admin', 'host-list'))
    assert message == (
        'No platform endpoint (interface public, region RegionOne) in the '
        'Keystone catalogue; give one with --system-url or env[SYSTEM_URL]')
