"""State reports to sysinv, in order, from a thread of their own.

The engine never waits for sysinv: it queues ``(host uuid, values)``
and goes on. The reporter sends them one by one with
``SysinvClient.update_host_state``; a report that fails is retried
(``[agent] api_retries`` times, ``http_retry_wait`` apart) and, while
sysinv is away, the reports waiting behind it are merged per host so
that sysinv gets the latest state of each host when it returns.
"""
import collections
import queue
import threading

from oslo_log import log

from mtce.agent import queue_thread
from stx_common import context as ctx
from stx_common.contracts import host as contract

LOG = log.getLogger(__name__)


class Reporter(queue_thread.QueueThread):
    """A start/stop/wait part."""

    def __init__(self, conf, client=None, retries=None, retry_wait=None,
                 timeout=None):
        super().__init__('mtce-agent-reporter')
        self.conf = conf
        self._client = client
        self.retries = conf.agent.api_retries if retries is None \
            else retries
        self.retry_wait = conf.agent.http_retry_wait if retry_wait is None \
            else retry_wait
        self.timeout = conf.timeouts.sysinv_timeout if timeout is None \
            else timeout
        self._idle = threading.Event()
        self._idle.set()
        self.sent = 0
        self.dropped = 0

    @property
    def client(self):
        if self._client is None:
            self._client = contract.SysinvClient()
        return self._client

    def report(self, uuid, values):
        """Queue a report of host ``uuid`` (HostStateUpdate fields)."""
        if not values:
            return
        contract.HostStateUpdate.from_dict(dict(values))   # fail early
        self._idle.clear()
        self._queue.put((uuid, dict(values)))

    def flush(self, timeout=10.0):
        """Wait until every queued report was handled (tests)."""
        return self._idle.wait(timeout)

    def _loop(self):
        while not self._stop.is_set():
            item = self._queue.get()
            if item is None:
                continue
            self._deliver(*item)
            if self._queue.empty():
                self._idle.set()

    def _send(self, uuid, values):
        update = contract.HostStateUpdate.from_dict(values)
        self.client.update_host_state(ctx.get_admin_context(), uuid, update,
                                      timeout=self.timeout)

    def _deliver(self, uuid, values):
        attempt = 0
        while True:
            try:
                self._send(uuid, values)
                self.sent += 1
                LOG.debug('Reported %s: %s', uuid, values)
                return
            except Exception as exc:  # noqa: BLE001 - retried
                attempt += 1
                if attempt > self.retries or self._stop.is_set():
                    self.dropped += 1
                    LOG.error('State report of %s dropped after %d '
                              'attempts: %s (%s)', uuid, attempt, values,
                              exc)
                    return
                LOG.warning('State report of %s failed (%s); retry %d of '
                            '%d in %ss', uuid, type(exc).__name__, attempt,
                            self.retries, self.retry_wait)
                if self._stop.wait(self.retry_wait):
                    return
                values = self._merge_waiting(uuid, values)

    def _merge_waiting(self, uuid, values):
        """Merge the queued reports into one per host (order of first
        appearance kept); the current one absorbs its host's."""
        pending = collections.OrderedDict()
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is None:
                continue
            other, more = item
            if other == uuid:
                values = dict(values, **more)
            else:
                pending.setdefault(other, {}).update(more)
        for other, more in pending.items():
            self._queue.put((other, more))
        return values
