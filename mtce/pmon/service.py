"""pmond's service part: load the process files, audit, reload.

Every ``[pmon] audit_period`` ms one audit runs the FSM of every process
(:class:`~mtce.pmon.monitor.ProcessMonitor`), the heartbeats of active
ones, and reaps restart commands. The process directory is checked every
``reload_check_period`` seconds: added, changed and removed files take
effect at once (a removed process's alarm is cleared). Monitoring starts
``start_delay`` seconds after ``goenabled_file`` appears (at once when it
is not set), as StarlingX's pmond waits for goenabled.

Host-level events: ``clear`` once after the first load and whenever the
last process past its threshold recovers; major/critical events are sent
again every ``event_resend_audits`` audits while their process stays
failed.
"""
import os
import threading
import time

from oslo_config import cfg
from oslo_log import log

from mtce import conf as _conf  # noqa: F401  (registers [pmon])
from mtce.pmon import active, events, monitor, process
from mtce.pmon import config as pconfig
from mtce.pmon import states as s
from stx_common import alarms as alarm_clients

CONF = cfg.CONF
LOG = log.getLogger(__name__)

HOST_ROOT_ENV = 'FLOCK_HOST_ROOT'


def host_root(conf=CONF):
    return conf.pmon.host_root or os.environ.get(HOST_ROOT_ENV) or os.sep


def conf_dir(conf=CONF):
    directory = conf.pmon.conf_dir
    if os.path.isabs(directory):
        return directory
    return os.path.join(host_root(conf), directory)


def subfunction_flag(root, subfunction):
    """The flag file whose presence says ``subfunction`` is configured."""
    return process.host_path(root,
                             'var/run/.%s_config_complete' % subfunction)


class PmonService:
    """All monitored processes of this host (a start/stop/wait part)."""

    def __init__(self, conf=CONF, hostname=None, alarm_client=None,
                 notifier=None, clock=time.monotonic, env=None):
        self.conf = conf
        self.hostname = hostname or conf.host
        self.root = host_root(conf)
        self.directory = conf_dir(conf)
        self.alarms = alarm_client or alarm_clients.get_client('pmond')
        self.notifier = notifier or events.load_notifier(conf.pmon.notifier)
        self.clock = clock
        self.restarter = process.Restarter(self.root, env, clock)
        self.env = env
        self.monitors = {}
        self.errors = []
        self.channel = None
        self.audits = 0
        self._fingerprint = None
        self._next_reload_check = 0.0
        self._goenabled_at = None
        self._loaded = False
        self._failing = set()
        self._stop = threading.Event()
        self._thread = None

    # -- the part's interface ------------------------------------------
    def start(self):
        LOG.info('pmond on %s: process files in %s', self.hostname,
                 self.directory)
        self._thread = threading.Thread(target=self._run, name='pmond',
                                        daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()

    def wait(self):
        if self._thread is not None:
            self._thread.join(timeout=30)
        for mon in self.monitors.values():
            mon.stop()
        self.restarter.stop()
        if self.channel is not None:
            self.channel.close()
        self.notifier.close()

    def _run(self):
        period = self.conf.pmon.audit_period / 1000.0
        while not self._stop.is_set():
            started = self.clock()
            try:
                self.run_once(started)
            except Exception:  # noqa: BLE001 - monitoring must go on
                LOG.exception('pmond audit failed')
            self._stop.wait(max(0.0, period - (self.clock() - started)))

    # -- auditing ------------------------------------------------------
    def _goenabled(self):
        flag = self.conf.pmon.goenabled_file
        return not flag or os.path.exists(process.host_path(self.root, flag))

    def _subfunction_ready(self, subfunction):
        return lambda: os.path.exists(subfunction_flag(self.root,
                                                       subfunction))

    def ready_to_monitor(self, now):
        """True once goenabled (if configured) and start_delay passed."""
        if self._goenabled_at is None:
            if not self._goenabled():
                return False
            self._goenabled_at = now
            LOG.info('monitoring starts in %ds', self.conf.pmon.start_delay)
        return now - self._goenabled_at >= self.conf.pmon.start_delay

    def run_once(self, now=None):
        """One audit."""
        now = self.clock() if now is None else now
        if not self._loaded:
            if not self.ready_to_monitor(now):
                return
            self.reload(now)
            self._loaded = True
            self._send_clear()
        elif now >= self._next_reload_check:
            self._next_reload_check = now + self.conf.pmon.reload_check_period
            if pconfig.fingerprint(self.directory) != self._fingerprint:
                self.reload(now)
        self.restarter.reap()
        monitors = list(self.monitors.values())
        if self.channel is not None:
            self.channel.poll(now, monitors)
        for mon in monitors:
            try:
                mon.tick(now)
            except Exception:  # noqa: BLE001 - one process must not stop all
                LOG.exception('%s: audit failed', mon.name)
        self.audits += 1
        if self.audits % self.conf.pmon.event_resend_audits == 0:
            for mon in monitors:
                mon.resend()
        self._check_host_clear()

    def _check_host_clear(self):
        failing = {m.name for m in self.monitors.values() if m.alarmed}
        if self._failing and not failing:
            self._send_clear()
        self._failing = failing

    def _send_clear(self):
        self.notify(events.ProcessEvent(hostname=self.hostname, process='',
                                        event=s.EVENT_CLEAR))

    def notify(self, event):
        try:
            self.notifier.notify(event)
        except Exception:  # noqa: BLE001 - a notifier must not stop us
            LOG.exception('process notifier failed for %s', event)

    def quorum_healthy(self):
        """True while no quorum process is failed (the host watchdog's
        input)."""
        return all(m.healthy for m in self.monitors.values()
                   if m.cfg.quorum)

    # -- (re)loading -----------------------------------------------------
    def reload(self, now=None):
        """Read the process files again; apply what changed."""
        now = self.clock() if now is None else now
        self._fingerprint = pconfig.fingerprint(self.directory)
        configs, errors = pconfig.load_dir(self.directory)
        for error in errors:
            if str(error) not in {str(e) for e in self.errors}:
                LOG.error('process file not loaded: %s', error)
        self.errors = errors
        wanted = {c.process: c for c in configs}
        for name in list(self.monitors):
            current = self.monitors[name]
            if name not in wanted:
                LOG.info('%s: no longer monitored', name)
                current.stop(clear_alarm=True)
                del self.monitors[name]
            elif wanted[name] != current.cfg:
                LOG.info('%s: process file changed; monitoring again', name)
                current.stop()
                del self.monitors[name]
        for name, config in wanted.items():
            if name in self.monitors:
                continue
            for key in config.unknown_keys:
                LOG.warning('%s: unknown key %r ignored', config.path, key)
            self.monitors[name] = self._build(config)
            self.monitors[name].start(now)
        if any(m.heartbeat is not None for m in self.monitors.values()):
            if self.channel is None:
                self.channel = active.ActiveChannel(
                    self.conf.pmon.pmon_amon_port)
        LOG.info('monitoring %d process(es): %s', len(self.monitors),
                 ', '.join(sorted(self.monitors)) or 'none')

    def _build(self, config):
        if config.mode == pconfig.MODE_STATUS:
            probe = process.StatusProbe(
                [process.host_path(self.root, config.script),
                 config.status_arg], config.period, config.timeout,
                env=self.env, clock=self.clock)
        else:
            probe = process.PidProbe(process.host_path(self.root,
                                                       config.pidfile))
        heartbeat = active.Heartbeat(config) \
            if config.mode == pconfig.MODE_ACTIVE else None
        ready = self._subfunction_ready(config.subfunction) \
            if config.subfunction else (lambda: True)
        return monitor.ProcessMonitor(
            config, self.hostname, probe, self.restarter, self.alarms,
            self.notify, subfunction_ready=ready, goenabled=self._goenabled,
            heartbeat=heartbeat)
