"""hwmond's service part: every host's sensor audit on its interval.

Before each scheduling pass the host provider is asked for the current
hosts: new hosts get a :class:`~mtce.hwmon.monitor.HostMonitor` (and an
audit at once), removed ones have their alarms cleared, changed ones get
their new record. A host's audit runs in a worker thread (``[hwmon]
workers`` at a time), so a slow or silent BMC delays only its own host;
a host is never audited twice at the same time.
"""
from concurrent import futures
import threading
import time

from oslo_config import cfg
from oslo_log import log

from mtce import conf as _conf  # noqa: F401  (registers [hwmon], [bmc])
from mtce.bmc import factory
from mtce.hwmon import hooks, monitor, provider
from stx_common import alarms as alarm_clients

CONF = cfg.CONF
LOG = log.getLogger(__name__)

MAX_WAIT = 1.0


def default_actions(conf=CONF):
    return {'minor': conf.hwmon.actions_minor_group,
            'major': conf.hwmon.actions_major_group,
            'critical': conf.hwmon.actions_critical_group}


class HwmonService:
    """All monitored hosts (a start/stop/wait part)."""

    def __init__(self, conf=CONF, host_provider=None, alarm_client=None,
                 hook=None, clock=time.monotonic,
                 driver_factory=factory.get_driver):
        self.conf = conf
        self.provider = host_provider or provider.load_provider(
            conf.hwmon.provider, conf)
        self.alarms = alarm_client or alarm_clients.get_client('hwmond')
        self.hook = hook or hooks.load_hook(conf.hwmon.hook)
        self.clock = clock
        self.driver_factory = driver_factory
        self.monitors = {}
        self._due = {}
        self._running = {}
        self._executor = None
        self._stop = threading.Event()
        self._thread = None

    # -- the part's interface ------------------------------------------
    def start(self):
        self._executor = futures.ThreadPoolExecutor(
            max_workers=self.conf.hwmon.workers,
            thread_name_prefix='hwmon-audit')
        self._thread = threading.Thread(target=self._run, name='hwmond',
                                        daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()

    def wait(self):
        if self._thread is not None:
            self._thread.join(timeout=30)
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        for mon in self.monitors.values():
            mon._close_driver()
        self.hook.close()
        self.provider.close()

    def _run(self):
        while not self._stop.is_set():
            try:
                wait = self.run_once()
            except Exception:  # noqa: BLE001 - the monitor must go on
                LOG.exception('hwmond scheduling pass failed')
                wait = MAX_WAIT
            self._stop.wait(wait)

    # -- scheduling ------------------------------------------------------
    def sync_hosts(self):
        """Follow the provider's host list; returns the records."""
        records = {r.hostname: r for r in self.provider.hosts()}
        for name in list(self.monitors):
            if name not in records:
                LOG.info('%s: no longer monitored', name)
                mon = self.monitors.pop(name)
                self._due.pop(name, None)
                self._submit(name + '/remove', mon.remove)
        for name, record in records.items():
            mon = self.monitors.get(name)
            if mon is None:
                LOG.info('%s: monitoring sensors through its BMC (%s %s)',
                         name, record.bm_type, record.bm_ip)
                self.monitors[name] = monitor.HostMonitor(
                    record, self.alarms, self.hook, default_actions(
                        self.conf), self.driver_factory)
                self._due[name] = 0.0
            elif record != mon.wanted_record:
                mon.update(record)
        return records

    def run_once(self, now=None):
        """One pass: start the audits that are due; returns how long to
        wait before the next pass."""
        now = self.clock() if now is None else now
        records = self.sync_hosts()
        default = self.conf.hwmon.audit_interval
        for name, mon in self.monitors.items():
            future = self._running.get(name)
            if future is not None and not future.done():
                continue
            if now >= self._due.get(name, 0.0):
                self._due[name] = now + records[name].interval(default)
                self._submit(name, mon.audit)
        upcoming = [due - now for due in self._due.values()]
        return max(0.05, min([MAX_WAIT] + upcoming))

    def _submit(self, key, func):
        if self._executor is None:          # not started: run in line
            func()
            return
        self._running[key] = self._executor.submit(self._guarded, key, func)

    @staticmethod
    def _guarded(key, func):
        try:
            func()
        except Exception:  # noqa: BLE001 - one host must not stop others
            LOG.exception('%s: sensor audit failed', key)
