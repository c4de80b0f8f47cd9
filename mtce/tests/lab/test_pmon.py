"""pmond on worker-0 of a real standard lab, with a real FM: a monitored
daemon killed on the host (``Host.kill_process``) is restarted; killed
again past its restart threshold, 200.006 is raised at its configured
severity (major) and cleared once the daemon stays up for its debounce.

The daemon, its LSB script and its process file live in worker-0's root
directory with StarlingX's absolute paths (``/etc/init.d/...``,
``/var/run/...``), which pmond takes under the host root."""
import os
import stat
import sys

import pytest

from mtce.tests.lab import fixtures
from stx_common.testing import config as testconfig
from stx_common.testing import process, waiting
from stx_lab import testing

pytestmark = [pytest.mark.lab, pytest.mark.root]

HOST = 'worker-0'
NAME = 'flock-dummyd'
ENTITY = 'host=%s.process=%s' % (HOST, NAME)
DAEMON = '''#!%s
import os, sys, time
time.sleep(3600)
''' % sys.executable
LSB = '''#!/bin/sh
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PIDFILE="$ROOT/var/run/%(name)s.pid"
case "$1" in
  start|restart)
    if [ -f "$PIDFILE" ]; then kill "$(cat "$PIDFILE")" 2>/dev/null; fi
    "$ROOT/usr/bin/%(name)s" </dev/null >/dev/null 2>&1 &
    echo $! > "$PIDFILE" ;;
  stop) kill "$(cat "$PIDFILE")" 2>/dev/null; rm -f "$PIDFILE" ;;
  status) kill -0 "$(cat "$PIDFILE")" 2>/dev/null ;;
esac
''' % {'name': NAME}
PROCESS_FILE = '''[process]
process  = %(name)s
script   = /etc/init.d/%(name)s
pidfile  = /var/run/%(name)s.pid
style    = lsb            ; ocf or lsb
severity = major          ; minor, major, critical
restarts = 2              ; restart retries before error assertion
interval = 1              ; seconds to wait between restarts
debounce = 5              ; seconds a restarted process must keep running
startuptime = 1           ; seconds before the debounce monitor starts
mode = passive
''' % {'name': NAME}

lab = testing.standard_lab(workers=1)
fm = fixtures.fm_service()


def _file(path, text, executable=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as handle:
        handle.write(text)
    if executable:
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP |
                 stat.S_IXOTH)


class Worker:
    """worker-0's host root, its daemon and its pmond."""

    def __init__(self, lab):
        self.host = lab.host(HOST)
        self.root = self.host.root
        self.pidfile = os.path.join(self.root, 'var', 'run', NAME + '.pid')

    def install(self):
        _file(os.path.join(self.root, 'usr', 'bin', NAME), DAEMON, True)
        _file(os.path.join(self.root, 'etc', 'init.d', NAME), LSB, True)
        _file(os.path.join(self.root, 'etc', 'pmon.d', NAME + '.conf'),
              PROCESS_FILE)
        os.makedirs(os.path.dirname(self.pidfile), exist_ok=True)
        result = self.host.exec([os.path.join(self.root, 'etc', 'init.d',
                                              NAME), 'start'])
        assert result.returncode == 0, result.stderr

    def pid(self):
        try:
            with open(self.pidfile) as handle:
                return int(handle.read().strip())
        except (OSError, ValueError):
            return None

    def running_pid(self):
        pid = self.pid()
        return pid if pid in self.host.find_processes(NAME) else None


@pytest.fixture(scope='module')
def pmond(lab, fm, rabbit_vhost, tmp_path_factory):
    worker = Worker(lab)
    worker.install()
    workdir = tmp_path_factory.mktemp('pmond')
    conf = testconfig.write_config(str(workdir / 'pmond.conf'), {
        'DEFAULT': {'transport_url': lab.broker_url(
            HOST, vhost=rabbit_vhost.name)},
        'pmon': {'start_delay': 0, 'audit_period': 100,
                 'reload_check_period': 1},
    })
    worker.log = str(workdir / 'pmond.log')
    # pmond's host name, root and state path come from the host's env.
    with fixtures.logged_daemon(
            worker.host, [process.script('pmond'), '--config-file', conf],
            worker.log,
            lambda: fixtures.log_has(worker.log, 'monitoring (pid'),
            'pmond monitoring'):
        yield worker


def _wait(predicate, what, timeout=60.0):
    return waiting.wait_for(predicate, timeout, interval=0.05, what=what)


def _kill_and_wait_restart(lab, worker, killed):
    pid = worker.running_pid()
    assert pid, 'the daemon is not running'
    assert lab.faults.kill_process(HOST, NAME) == [pid]
    killed.append(pid)
    return _wait(lambda: worker.running_pid() not in (None, *killed),
                 'pmond restarted %s' % NAME)


def test_killed_process_is_restarted(lab, fm, pmond):
    killed = []
    _kill_and_wait_restart(lab, pmond, killed)
    _wait(lambda: fixtures.log_has(pmond.log, 'recovered after 1 restart'),
          'restart debounced')
    assert ENTITY not in {a['entity_instance_id'] for a in fm.alarms()}


def test_past_threshold_raises_200_006_at_its_severity(lab, fm, pmond):
    killed = []
    for _ in range(3):              # restarts = 2: the third death is past
        _kill_and_wait_restart(lab, pmond, killed)
    rows = fm.wait_for_alarms(
        lambda rows: [a for a in rows if a['entity_instance_id'] == ENTITY],
        timeout=60, what='200.006 raised')
    alarm = [a for a in rows if a['entity_instance_id'] == ENTITY][0]
    assert (alarm['alarm_id'], alarm['severity']) == ('200.006', 'major')
    assert alarm['reason_text'] == (
        "worker-0 is degraded due to the failure of its 'flock-dummyd' "
        "process. Auto recovery of this major process is in progress.")
    assert fixtures.log_has(pmond.log, 'event=major')
    # the last restart stays up for its debounce: recovered and cleared
    fm.wait_for_alarms(
        lambda rows: not [a for a in rows
                          if a['entity_instance_id'] == ENTITY],
        timeout=60, what='200.006 cleared')
    assert fixtures.log_has(pmond.log, 'event=recovered')
