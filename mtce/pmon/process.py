"""Finding a monitored process and restarting it.

A process is found through its pidfile and ``/proc``: the PID in the file
names a live process (not a zombie), and pmond remembers that process's
start time, so a recycled PID is not taken for it. StarlingX is told of a
death by a kernel notification; pmond here polls every audit period.

Restart commands (:class:`Restarter`) run without blocking the audit:

============  ===========================================================
lsb script    ``<script> restart``
ocf script    ``<script> start`` with ``OCF_ROOT`` and ``OCF_RESKEY_*``
status mode   ``<script> <start_arg>``
service       ``systemctl restart <service>`` (no script given)
============  ===========================================================

Paths of a process file are taken under the host root (see
:func:`host_path`), so the same files serve a lab host whose root is a
directory.
"""
import os
import signal
import subprocess
import time

from oslo_log import log

from mtce.pmon import config as pconfig

LOG = log.getLogger(__name__)

COMMAND_TIMEOUT = 120.0
OCF_ROOT = '/usr/lib/ocf'


def host_path(root, path):
    """``path`` under the host root: absolute paths are re-rooted,
    relative ones are relative to the root."""
    if not path:
        return path
    if not root or root == os.sep:
        return path if os.path.isabs(path) else os.path.join(os.sep, path)
    return os.path.join(root, path.lstrip(os.sep))


def read_pid(pidfile):
    """The PID in ``pidfile``, or None."""
    try:
        with open(pidfile) as handle:
            text = handle.read(64).strip().split()
    except OSError:
        return None
    if not text or not text[0].isdigit():
        return None
    pid = int(text[0])
    return pid if pid > 0 else None


def start_time(pid):
    """The start time (clock ticks since boot) of a live, non-zombie
    process, or None when there is none."""
    try:
        with open('/proc/%d/stat' % pid) as handle:
            data = handle.read()
    except OSError:
        return None
    # comm may hold spaces or parentheses: fields follow the last ')'.
    fields = data[data.rfind(')') + 2:].split()
    if not fields or fields[0] in ('Z', 'X', 'x'):
        return None
    try:
        return int(fields[19])
    except (IndexError, ValueError):
        return None


class PidProbe:
    """Is the process of a pidfile alive? (passive and active modes)"""

    known = True      # every answer is a settled one

    def __init__(self, pidfile):
        self.pidfile = pidfile
        self.pid = None
        self._started = None

    def check(self):
        """True while the known process lives; adopts a new live PID from
        the pidfile (a process restarted by someone else)."""
        if self.pid is not None and start_time(self.pid) == self._started:
            current = read_pid(self.pidfile)
            if current in (None, self.pid) or start_time(current) is None:
                return True
        pid = read_pid(self.pidfile)
        started = start_time(pid) if pid else None
        if started is None:
            self.pid = self._started = None
            return False
        self.pid, self._started = pid, started
        return True

    def forget(self):
        self.pid = self._started = None

    def kill(self):
        """SIGKILL the known process (a hung process in active mode)."""
        if self.pid is not None and start_time(self.pid) == self._started:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


class StatusProbe:
    """Status mode: ``<script> <status_arg>`` every period; exit 0 is
    healthy. The command runs in the background; :meth:`check` answers
    from the last result (True until the first one)."""

    def __init__(self, argv, period, timeout, env=None, clock=time.monotonic):
        self.argv = list(argv)
        self.period = period
        self.timeout = timeout
        self.env = env
        self.clock = clock
        self.healthy = True
        self.fresh = False
        self.last_output = ''
        self._proc = None
        self._started = None
        self._next = 0.0

    def _collect(self, now):
        proc = self._proc
        code = proc.poll()
        if code is None and now - self._started < self.timeout:
            return
        if code is None:
            proc.kill()
            proc.wait()
            self.healthy, self.last_output = False, 'status timed out'
        else:
            output = proc.stdout.read() if proc.stdout else b''
            self.healthy = code == 0
            self.last_output = output.decode(errors='replace').strip()[-200:]
        if proc.stdout:
            proc.stdout.close()
        self._proc = None
        self.fresh = True
        self._next = now + self.period

    @property
    def known(self):
        """True once a status run finished since the last restart."""
        return self.fresh

    @property
    def pid(self):
        return None

    def check(self):
        now = self.clock()
        if self._proc is not None:
            self._collect(now)
        if self._proc is None and now >= self._next:
            try:
                self._proc = subprocess.Popen(
                    self.argv, stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                    env=self.env)
                self._started = now
            except OSError as exc:
                self.healthy, self.fresh = False, True
                self.last_output = str(exc)
                self._next = now + self.period
        return self.healthy

    def forget(self):
        """After a restart: the next answer comes from a new run."""
        self.fresh = False
        self.healthy = True
        self._next = 0.0

    def kill(self):
        pass

    def stop(self):
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None


def restart_argv(cfg, root):
    """The command that restarts the process of ``cfg``."""
    script = host_path(root, cfg.script) if cfg.script else ''
    if cfg.mode == pconfig.MODE_STATUS:
        return [script, cfg.start_arg]
    if script:
        action = 'start' if cfg.style == pconfig.STYLE_OCF else 'restart'
        return [script, action]
    return ['systemctl', 'restart', cfg.service]


def restart_env(cfg, base_env=None):
    env = dict(os.environ if base_env is None else base_env)
    if cfg.style == pconfig.STYLE_OCF and cfg.script:
        env.setdefault('OCF_ROOT', OCF_ROOT)
        env['OCF_RESOURCE_INSTANCE'] = cfg.process
        env['OCF_RESKEY_pid'] = cfg.pidfile
    return env


class Restarter:
    """Runs restart commands in the background and reaps them."""

    def __init__(self, root, env=None, clock=time.monotonic):
        self.root = root
        self.env = env
        self.clock = clock
        self._running = {}        # process name -> (Popen, started)

    def restart(self, cfg):
        """Start the restart command of ``cfg``; False when it could not
        be started (missing script ...)."""
        argv = restart_argv(cfg, self.root)
        self.reap()
        previous = self._running.pop(cfg.process, None)
        if previous is not None and previous[0].poll() is None:
            previous[0].kill()
            previous[0].wait()
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL,
                                    env=restart_env(cfg, self.env),
                                    cwd=self.root or None)
        except OSError as exc:
            LOG.error('%s: cannot run %s: %s', cfg.process, ' '.join(argv),
                      exc)
            return False
        LOG.info('%s: restarting with %s (pid %d)', cfg.process,
                 ' '.join(argv), proc.pid)
        self._running[cfg.process] = (proc, self.clock())
        return True

    def reap(self):
        """Collect finished commands; kill those past the timeout."""
        now = self.clock()
        for name, (proc, started) in list(self._running.items()):
            code = proc.poll()
            if code is None and now - started > COMMAND_TIMEOUT:
                LOG.warning('%s: restart command timed out; killed', name)
                proc.kill()
                code = proc.wait()
            if code is not None:
                if code != 0:
                    LOG.warning('%s: restart command exited %d', name, code)
                del self._running[name]

    def stop(self):
        for proc, _ in self._running.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self._running.clear()
