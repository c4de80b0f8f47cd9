"""Power requests of an emulated BMC, carried out on the lab host.

A real BMC acknowledges a power command at once and the server follows.
:class:`PowerControl` does the same: ``request`` records the target power
state (which ``state`` reports from then on) and queues the action; one
worker thread per BMC carries actions out in order on the
:class:`stx_lab.host.Host` (boot, halt, shutdown, reset).
"""
import logging
import queue
import threading

from stx_lab import host as hostmod

LOG = logging.getLogger(__name__)

ON = 'on'
OFF = 'off'
# action -> power state once it is done.
ACTIONS = {'on': ON, 'off': OFF, 'soft': OFF, 'reset': ON, 'cycle': ON}


class PowerControl:
    """Power of one host, as its BMC drives it."""

    def __init__(self, host: hostmod.Host):
        self.host = host
        self._queue: queue.Queue[str] = queue.Queue()
        self._lock = threading.Lock()
        self._outstanding = 0
        self._target: str | None = None
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name='power-%s' % host.name)
        self._thread.start()

    def state(self) -> str:
        """``on`` or ``off``: the requested state while an action is
        outstanding, else the host's."""
        with self._lock:
            if self._target is not None:
                return self._target
        return self.host.power_state()

    def request(self, action: str) -> None:
        """Queue ``action`` (on, off, soft, reset, cycle)."""
        target = ACTIONS[action]
        with self._lock:
            # power on of a running host, power off of an off one: no-op.
            current = self._target or self.host.power_state()
            if action in ('on', 'off', 'soft') and current == target:
                return
            self._outstanding += 1
            self._target = target
        LOG.info('%s: power %s requested', self.host.name, action)
        self._queue.put(action)

    def _run(self) -> None:
        while True:
            action = self._queue.get()
            try:
                self._carry_out(action)
            except Exception:  # noqa: BLE001 - a BMC keeps serving
                LOG.exception('%s: power %s failed', self.host.name, action)
            finally:
                with self._lock:
                    self._outstanding -= 1
                    if self._outstanding == 0:
                        self._target = None

    def _carry_out(self, action: str) -> None:
        if action == 'on':
            self.host.boot()
        elif action == 'off':
            self.host.halt()
        elif action == 'soft':
            self.host.shutdown()
        else:                       # reset, cycle
            self.host.reset()
        LOG.info('%s: power %s done', self.host.name, action)
