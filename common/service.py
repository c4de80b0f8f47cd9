"""Running a process's parts until it is told to stop.

A console script builds its parts (an RPC server, a listener, a periodic
task runner, an HTTP server: anything with ``start()``, ``stop()`` and
``wait()``) and hands them to :func:`run`, which starts them in order, waits
for SIGTERM or SIGINT and stops them in reverse order. Threads only; no
eventlet.
"""
import signal
import threading

from oslo_log import log

LOG = log.getLogger(__name__)


class Launcher:
    def __init__(self, parts):
        self.parts = list(parts)
        self._stop = threading.Event()

    def start(self):
        for part in self.parts:
            part.start()

    def request_stop(self, *_args):
        self._stop.set()

    def wait_for_stop(self, timeout=None):
        return self._stop.wait(timeout)

    def stop(self):
        for part in reversed(self.parts):
            try:
                part.stop()
            except Exception:  # noqa: BLE001 - keep stopping the others
                LOG.exception('Error stopping %s', part)
        for part in reversed(self.parts):
            try:
                part.wait()
            except Exception:  # noqa: BLE001
                LOG.exception('Error waiting for %s', part)


def run(parts, name):
    """Start ``parts``, block until SIGTERM/SIGINT, then stop them."""
    launcher = Launcher(parts)
    signal.signal(signal.SIGTERM, launcher.request_stop)
    signal.signal(signal.SIGINT, launcher.request_stop)
    launcher.start()
    LOG.info('%s started', name)
    while not launcher.wait_for_stop(1.0):
        pass
    LOG.info('%s stopping', name)
    launcher.stop()
    LOG.info('%s stopped', name)
