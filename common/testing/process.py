"""Running a service's real process in a test and stopping it by PID."""
import os
import signal
import subprocess
import sys

from stx_common.testing import waiting


def script(name):
    """Path of a console script of this environment."""
    return os.path.join(os.path.dirname(sys.executable), name)


class ServiceProcess:
    """One process, its own session (process group) and a log file."""

    def __init__(self, argv, log_path, env=None, cwd=None):
        self.argv = list(argv)
        self.log_path = log_path
        self.env = dict(os.environ, **(env or {}))
        self.cwd = cwd
        self.proc = None

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def start(self):
        self._log = open(self.log_path, 'ab')  # noqa: SIM115
        self.proc = subprocess.Popen(self.argv, stdout=self._log,
                                     stderr=subprocess.STDOUT, env=self.env,
                                     cwd=self.cwd, start_new_session=True)
        return self

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def wait_until(self, predicate, timeout=30.0, what=None):
        """Wait for ``predicate`` while checking the process lives."""

        def check():
            if not self.running():
                raise AssertionError('%s exited with %s; log:\n%s' % (
                    self.argv[0], self.proc.returncode, self.log_tail()))
            return predicate()

        try:
            return waiting.wait_for(check, timeout,
                                    what=what or '%s ready' % self.argv[0])
        except waiting.Timeout as exc:
            raise waiting.Timeout('%s\nlog:\n%s' % (exc, self.log_tail())) \
                from exc

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, errors='replace') as handle:
                return ''.join(handle.readlines()[-lines:])
        except OSError:
            return ''

    def stop(self, timeout=15.0, sig=signal.SIGTERM):
        """Signal the process group, then kill it if it lingers."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self._log.close()
        return self.proc.returncode

    def kill(self):
        """Crash it: SIGKILL, no chance to clean up."""
        return self.stop(timeout=5, sig=signal.SIGKILL)
