"""pmond with real processes under a temporary host root: death,
restart, threshold, reload, active and status monitoring."""
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap

import pytest

from mtce.pmon import events, service
from mtce.pmon import states as s
from mtce.tests.unit.bmc.recorder import AlarmRecorder
from stx_common.testing import ports, waiting

# An LSB script: "start"/"restart" run a daemon in the background and
# write its pidfile (relative to the host root, the script's ../..).
LSB = '''#!/bin/sh
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PIDFILE="$ROOT/var/run/%(name)s.pid"
case "$1" in
  start|restart)
    if [ -f "$PIDFILE" ]; then kill "$(cat "$PIDFILE")" 2>/dev/null; fi
    %(command)s </dev/null >/dev/null 2>&1 &
    echo $! > "$PIDFILE"
    ;;
  stop) kill "$(cat "$PIDFILE")" 2>/dev/null; rm -f "$PIDFILE" ;;
  status) kill -0 "$(cat "$PIDFILE")" 2>/dev/null ;;
esac
'''
STATUS = '''#!/bin/sh
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case "$1" in
  status) [ -f "$ROOT/var/run/healthy" ] ;;
  begin) touch "$ROOT/var/run/healthy" ;;
esac
'''
RESPONDER = textwrap.dedent('''
    import sys, threading
    from mtce.pmon import active
    active.Responder(int(sys.argv[1])).serve(threading.Event())
''')


def _executable(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


class HostRoot:
    def __init__(self, root):
        self.root = root
        (root / 'etc' / 'pmon.d').mkdir(parents=True)
        (root / 'var' / 'run').mkdir(parents=True)

    def daemon(self, name, command='sleep 3600', **keys):
        _executable(self.root / 'etc' / 'init.d' / name,
                    LSB % {'name': name, 'command': command})
        values = dict(process=name, script='/etc/init.d/%s' % name,
                      pidfile='/var/run/%s.pid' % name, **keys)
        self.process_file(name, values)
        subprocess.run([str(self.root / 'etc' / 'init.d' / name), 'start'],
                       check=True)
        return name

    def process_file(self, name, values):
        body = '[process]\n' + ''.join('%s = %s\n' % item
                                       for item in values.items())
        (self.root / 'etc' / 'pmon.d' / ('%s.conf' % name)).write_text(body)

    def pid(self, name):
        try:
            text = (self.root / 'var' / 'run' / ('%s.pid' % name)).read_text()
            return int(text.strip())
        except (OSError, ValueError):
            return None

    def alive(self, pid):
        try:
            with open('/proc/%d/stat' % pid) as handle:
                return handle.read().rsplit(')', 1)[1].split()[0] != 'Z'
        except (OSError, TypeError):
            return False

    def cleanup(self):
        for pidfile in (self.root / 'var' / 'run').glob('*.pid'):
            try:
                os.kill(int(pidfile.read_text().strip()), signal.SIGKILL)
            except (OSError, ValueError):
                pass


@pytest.fixture
def host(tmp_path, conf):
    conf('pmon', host_root=str(tmp_path), audit_period=50, start_delay=0,
         reload_check_period=0.1)
    root = HostRoot(tmp_path)
    yield root
    root.cleanup()


@pytest.fixture
def pmond(host):
    started = []

    def start():
        alarms, notifier = AlarmRecorder(), events.CollectingNotifier()
        svc = service.PmonService(hostname='host-a', alarm_client=alarms,
                                  notifier=notifier,
                                  env=dict(os.environ, PYTHONPATH=os.pathsep
                                           .join(sys.path)))
        svc.start()
        started.append(svc)
        return svc, alarms, notifier

    yield start
    for svc in started:
        svc.stop()
        svc.wait()


def _wait(predicate, what, timeout=20.0):
    return waiting.wait_for(predicate, timeout, interval=0.02, what=what)


def _state(svc, name):
    mon = svc.monitors.get(name)
    return mon.state if mon else None


def test_restart_then_threshold_then_recovery(host, pmond):
    name = host.daemon('dummyd', severity='major', restarts=2,
                       interval=0.2, debounce=3, startuptime=0.1)
    svc, alarms, notifier = pmond()
    _wait(lambda: _state(svc, name) == s.MANAGE, 'dummyd managed')
    entity = 'host=host-a.process=dummyd'

    pids = [host.pid(name)]
    for _ in range(3):                 # three deaths in a row
        os.kill(pids[-1], signal.SIGKILL)
        _wait(lambda: host.pid(name) not in pids and
              host.alive(host.pid(name)), 'dummyd restarted')
        pids.append(host.pid(name))
    fault = _wait(lambda: alarms.raised('200.006', entity),
                  '200.006 raised')
    assert fault.severity == 'major'
    kinds = [e.event for e in notifier.events if not e.resend]
    assert kinds[:3] == [s.EVENT_CLEAR, s.EVENT_LOG, s.EVENT_MAJOR]

    # left alone, the last restart lasts its debounce: recovered
    _wait(lambda: alarms.raised('200.006', entity) is None,
          '200.006 cleared')
    _wait(lambda: notifier.events[-1].event == s.EVENT_CLEAR,
          'host clear event')
    assert _state(svc, name) == s.MANAGE
    assert [e.event for e in notifier.events if not e.resend][-2:] == [
        s.EVENT_RECOVERED, s.EVENT_CLEAR]


def test_files_added_changed_and_removed_at_runtime(host, pmond):
    host.daemon('first', restarts=0, severity='minor')
    svc, alarms, _ = pmond()
    _wait(lambda: _state(svc, 'first') == s.MANAGE, 'first managed')
    host.daemon('second', restarts=3)
    (host.root / 'etc' / 'pmon.d' / 'broken.conf').write_text('[process]\n')
    _wait(lambda: _state(svc, 'second') == s.MANAGE, 'second managed')
    assert 'broken.conf' in str(svc.errors)

    os.kill(host.pid('first'), signal.SIGKILL)       # restarts = 0
    entity = 'host=host-a.process=first'
    _wait(lambda: alarms.raised('200.006', entity), 'minor alarm')
    assert _state(svc, 'first') == s.FAILED
    os.unlink(host.root / 'etc' / 'pmon.d' / 'first.conf')
    _wait(lambda: 'first' not in svc.monitors, 'first dropped')
    assert alarms.raised('200.006', entity) is None


def test_active_monitoring_restarts_a_hung_process(host, pmond, conf):
    conf('pmon', pmon_amon_port=0)
    port = ports.free_port(socket.SOCK_DGRAM)
    command = '"%s" -c \'%s\' %d' % (sys.executable, RESPONDER, port)
    name = host.daemon('amond', command=command, mode='active', port=port,
                       period=1, timeout=0.5, threshold=2, restarts=3,
                       startuptime=0.5, debounce=1)
    svc, _, notifier = pmond()
    _wait(lambda: svc.monitors.get(name) and
          svc.monitors[name].heartbeat.seq >= 2, 'heartbeats answered')
    assert svc.monitors[name].heartbeat.misses == 0
    hung = host.pid(name)
    os.kill(hung, signal.SIGSTOP)                    # alive, not answering
    _wait(lambda: host.pid(name) != hung and host.alive(host.pid(name)),
          'hung process replaced')
    assert not host.alive(hung)
    assert notifier.events[1].reason == 'stopped answering its heartbeat'
    _wait(lambda: _state(svc, name) == s.MANAGE, 'managed again')


def test_status_mode_recovers_with_start_arg(host, pmond):
    _executable(host.root / 'etc' / 'init.d' / 'checked', STATUS)
    host.process_file('checked', dict(
        process='checked', script='/etc/init.d/checked', mode='status',
        period=0.1, timeout=2, start_arg='begin', restarts=2, debounce=0.3,
        startuptime=0.1))
    (host.root / 'var' / 'run' / 'healthy').touch()
    svc, alarms, notifier = pmond()
    _wait(lambda: _state(svc, 'checked') == s.MANAGE, 'checked managed')
    os.unlink(host.root / 'var' / 'run' / 'healthy')
    _wait(lambda: any(e.event == s.EVENT_LOG for e in notifier.events),
          'status failure seen')
    _wait(lambda: (host.root / 'var' / 'run' / 'healthy').exists(),
          'start_arg run')
    _wait(lambda: _state(svc, 'checked') == s.MANAGE, 'managed again')
    assert alarms.count('set') == 0


def test_monitoring_waits_for_goenabled_and_start_delay(host, conf):
    conf('pmon', goenabled_file='var/run/goenabled', start_delay=5)
    host.daemon('late', restarts=1)
    now = [100.0]
    svc = service.PmonService(hostname='h', alarm_client=AlarmRecorder(),
                              notifier=events.CollectingNotifier(),
                              clock=lambda: now[0])
    svc.run_once()
    assert svc.monitors == {}
    (host.root / 'var' / 'run' / 'goenabled').touch()
    svc.run_once()
    now[0] += 4.9
    svc.run_once()
    assert svc.monitors == {}
    now[0] += 0.2
    svc.run_once()
    assert svc.monitors['late'].state == s.MANAGE
    assert svc.quorum_healthy()
