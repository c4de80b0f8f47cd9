"""What the lab tests of mtce's monitors (pmond, hwmond) share: a real
FM to read their alarms from, and a daemon run on a lab host with its
output in a log file the test reads::

    from mtce.tests.lab import fixtures

    fm = fixtures.fm_service()

    @pytest.fixture(scope='module')
    def pmond(lab, fm):
        with fixtures.logged_daemon(
                lab.host('worker-0'), argv, log_path,
                lambda: fixtures.log_has(log_path, 'monitoring'),
                'pmond monitoring'):
            yield log_path
"""
import contextlib
import subprocess

import pytest

from fm.tests.functional import fixtures as fm_fixtures
from stx_common.testing import postgres, waiting

READY_TIMEOUT = 60.0


def fm_service(scope='module'):
    """A fixture yielding a running FM (fm-manager + fm-api) on a fresh
    PostgreSQL database and the ``rabbit_vhost`` broker, where the
    daemons of a lab send their alarms."""

    @pytest.fixture(scope=scope)
    def _fm(tmp_path_factory, rabbit_vhost):
        database = postgres.Database().create()
        service = fm_fixtures.FMService(tmp_path_factory.mktemp('fm'),
                                        database.url,
                                        rabbit_vhost.url).start()
        yield service
        service.stop()
        database.drop()

    return _fm


def log_has(path, text):
    with open(path, errors='replace') as handle:
        return text in handle.read()


@contextlib.contextmanager
def logged_daemon(host, argv, log_path, ready, what,
                  timeout=READY_TIMEOUT):
    """Run ``argv`` on lab ``host`` with its output appended to
    ``log_path`` and yield its process once ``ready()`` is true (after
    ``timeout`` seconds: :class:`stx_common.testing.waiting.Timeout`
    about ``what``); terminate it at the end (kill it if it has not
    ended 20 s later)."""
    with open(log_path, 'ab') as log:
        proc = host.popen(argv, stdout=log, stderr=subprocess.STDOUT)
        try:
            waiting.wait_for(ready, timeout, interval=0.2, what=what)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
