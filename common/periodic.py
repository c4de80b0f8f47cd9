"""Periodic tasks in a thread, as a start/stop service part."""
import threading
import time

from oslo_log import log

LOG = log.getLogger(__name__)


class PeriodicTask:
    """Calls ``func()`` every ``interval`` seconds until stopped.

    An exception in one run is logged and the next run still happens.
    """

    def __init__(self, func, interval, name=None, initial_delay=0.0):
        self.func = func
        self.interval = interval
        self.name = name or getattr(func, '__name__', 'periodic')
        self.initial_delay = initial_delay
        self._stop = threading.Event()
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self._loop, name=self.name,
                                        daemon=True)
        self._thread.start()

    def _loop(self):
        if self._stop.wait(self.initial_delay):
            return
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                self.func()
            except Exception:  # noqa: BLE001 - a periodic task must go on
                LOG.exception('Periodic task %s failed', self.name)
            elapsed = time.monotonic() - started
            self._stop.wait(max(0.0, self.interval - elapsed))

    def stop(self):
        self._stop.set()

    def wait(self):
        if self._thread is not None:
            self._thread.join()
