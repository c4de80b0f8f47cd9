"""The maintenance engine: one thread owns every host and its flow.

Everything that happens to a host (a request of sysinv, an mtcAlive, a
command result, a heartbeat event, a process or sensor event, a BMC
answer, a timer) is posted to the engine's queue and handled in its
thread, in order; nothing else touches a :class:`~mtce.agent.host.Host`.
The engine never waits: sysinv reports go through the
:class:`~mtce.agent.reporter.Reporter`, BMC requests through
:class:`~mtce.agent.bmc.BmcAccess`, commands are datagrams.

A host runs at most one flow at a time (:mod:`mtce.agent.flows`,
:mod:`mtce.agent.actions`); a new request cancels the flow it replaces
(its timers are ignored from then on). The state a flow reports moves
only through :data:`mtce.agent.host_fsm.HOST`.
"""
import heapq
import itertools
import queue
import threading
import time

from oslo_log import log

from mtce.agent import host_fsm as f
from mtce.agent import queue_thread
from mtce.common import degrade
from mtce.common import messages as m
from mtce.common import states as s

LOG = log.getLogger(__name__)

TICK = 0.25
UPTIME_REPORT_PERIOD = 60.0
_STATE_LOGS = {s.ONLINE: 'online', s.OFFLINE: 'offline',
               s.FAILED: 'failed'}


class Timer:
    __slots__ = ('cancelled',)

    def __init__(self):
        self.cancelled = False

    def cancel(self):
        self.cancelled = True


class Engine(queue_thread.QueueThread):
    """A start/stop/wait part.

    :param heartbeat: the :class:`~mtce.heartbeat.agent.HeartbeatAgent`
        (``add_host``, ``remove_host``, ``monitor``, ``hosts_state``).
    :param transport: sends commands (``send(addresses, command, args)``).
    :param bmc: a :class:`~mtce.agent.bmc.BmcAccess` (or None).
    :param alarms: a :class:`~mtce.agent.alarms.HostAlarms`.
    :param reporter: a :class:`~mtce.agent.reporter.Reporter`.
    """

    def __init__(self, conf, heartbeat, transport, bmc, alarms, reporter,
                 store=None, clock=time.monotonic, on_hosts_changed=None):
        super().__init__('mtce-agent-engine')
        self.conf = conf
        self.hostname = conf.host
        self.heartbeat = heartbeat
        self.transport = transport
        self.bmc = bmc
        self.alarms = alarms
        self.reporter = reporter
        self.store = store
        self.clock = clock
        self.on_hosts_changed = on_hosts_changed
        self.hosts = {}
        self.own_addresses = {}
        self.inventory_loaded = False
        self.mnfa_pool = set()
        self._timers = []
        self._seq = itertools.count()
        self._next_tick = 0.0
        self._next_uptime = 0.0

    # -- thread plumbing ---------------------------------------------------
    def post(self, func, *args, **kwargs):
        """Run ``func(*args, **kwargs)`` in the engine thread."""
        self._queue.put((func, args, kwargs))

    def call(self, func, *args, timeout=10.0, **kwargs):
        """Run ``func`` in the engine thread and return its result."""
        if threading.current_thread() is self._thread:
            return func(*args, **kwargs)
        done = threading.Event()
        box = {}

        def run():
            try:
                box['result'] = func(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - handed back
                box['error'] = exc
            finally:
                done.set()

        self.post(run)
        if not done.wait(timeout):
            raise TimeoutError('the maintenance engine did not answer')
        if 'error' in box:
            raise box['error']
        return box.get('result')

    def schedule(self, delay, func, *args):
        """Run ``func(*args)`` in the engine thread after ``delay``
        seconds unless the returned :class:`Timer` is cancelled."""
        timer = Timer()
        heapq.heappush(self._timers, (self.clock() + max(0.0, delay),
                                      next(self._seq), timer, func, args))
        self._queue.put(None)       # wake the loop to see the new deadline
        return timer

    def _loop(self):
        while not self._stop.is_set():
            now = self.clock()
            while self._timers and self._timers[0][0] <= now:
                _, _, timer, func, args = heapq.heappop(self._timers)
                if not timer.cancelled:
                    self._run(func, args, {})
            if now >= self._next_tick:
                self._next_tick = now + TICK
                self._run(self.tick, (), {})
            deadline = self._next_tick
            if self._timers:
                deadline = min(deadline, self._timers[0][0])
            try:
                item = self._queue.get(timeout=max(0.0, deadline -
                                                   self.clock()))
            except queue.Empty:
                continue
            if item is not None:
                self._run(*item)

    @staticmethod
    def _run(func, args, kwargs):
        try:
            func(*args, **kwargs)
        except Exception:  # noqa: BLE001 - the engine must go on
            LOG.exception('Maintenance engine: %s failed',
                          getattr(func, '__qualname__', func))

    # -- the host table ----------------------------------------------------
    def find(self, ident):
        """The host of uuid or hostname ``ident``, or None."""
        host = self.hosts.get(ident)
        if host is not None:
            return host
        for host in self.hosts.values():
            if host.hostname == ident:
                return host
        return None

    def is_self(self, host):
        """True for the host mtce-agent runs on (the active
        controller)."""
        return host.hostname == self.hostname

    def enabled_controllers(self, excluding=None):
        return [h for h in self.hosts.values()
                if h.is_controller and h.enabled and h is not excluding]

    def hosts_changed(self):
        if self.on_hosts_changed is not None:
            try:
                self.on_hosts_changed(list(self.hosts.values()))
            except Exception:  # noqa: BLE001
                LOG.exception('Host list hook failed')

    # -- states and tasks ------------------------------------------------
    def set_state(self, host, event, task=None, hold=False):
        """Move the host through the state table with ``event`` and
        report the change (``task``: set it too). False when the table
        has no such move from the host's state (nothing changes)."""
        if not f.HOST.allows(host.state, event):
            LOG.debug('%s: %s ignored in %s', host.name, event, host.state)
            if task is not None:
                self.set_task(host, task, hold)
            return False
        self.put_state(host, f.host_next(host.state, event), task, hold)
        return True

    def put_state(self, host, state, task=None, hold=False):
        """Report ``state`` (a joined state) and ``task`` as they are."""
        old_admin, old_oper, old_avail = host.admin, host.oper, host.avail
        values = {}
        if state != host.state:
            host.state = state
            values.update(administrative=host.admin,
                          operational=host.oper, availability=host.avail)
        if task is not None and task != host.task:
            host.task = task
            host.task_token += 1
            values['task'] = task
        if values:
            LOG.info('%s: %s%s', host.name, host.state,
                     ' (%s)' % host.task if host.task else '')
            self.reporter.report(host.uuid, values)
        if task and hold:
            self._hold_task(host)
        if host.hostname and state:
            self._state_logs(host, old_admin, old_oper, old_avail)

    def set_task(self, host, task, hold=False):
        """Show ``task`` (``hold``: clear it after ``[timeouts]
        task_hold`` unless it changed meanwhile)."""
        if task != host.task:
            host.task = task
            host.task_token += 1
            self.reporter.report(host.uuid, {'task': task})
        if task and hold:
            self._hold_task(host)

    def _hold_task(self, host):
        token = host.task_token

        def clear():
            if host.task_token == token and self.hosts.get(host.uuid) is \
                    host:
                self.set_task(host, s.TASK_NONE)

        self.schedule(self.conf.timeouts.task_hold, clear)

    def _state_logs(self, host, old_admin, old_oper, old_avail):
        if host.oper != old_oper:
            self.alarms.state(host.hostname, 'state', host.oper)
        if host.avail != old_avail and host.avail in _STATE_LOGS:
            self.alarms.state(host.hostname, 'status',
                              _STATE_LOGS[host.avail])
        if host.admin != old_admin:
            if host.locked:
                self.alarms.set('200.001', host.hostname)
            else:
                self.alarms.clear('200.001', host.hostname, force=True)

    # -- degrade -------------------------------------------------------------
    def set_degrade(self, host, bit, on):
        old = host.degrade_mask
        host.degrade_mask = (degrade.set_bit(old, bit) if on else
                             degrade.clear_bit(old, bit))
        if host.degrade_mask != old:
            LOG.info('%s: degrade causes %s', host.name,
                     degrade.names(host.degrade_mask) or 'none')
            self.refresh_availability(host)

    def refresh_availability(self, host):
        """available <-> degraded of an enabled host, from its mask
        (unless its flow decides)."""
        if host.flow is not None and getattr(host.flow, 'owns_degrade',
                                             False):
            return
        if host.state == s.ENABLED_AVAILABLE and host.degraded():
            self.set_state(host, f.EV_DEGRADE)
        elif host.state == s.ENABLED_DEGRADED and not host.degraded():
            self.set_state(host, f.EV_DEGRADE_CLEAR)

    # -- commands, heartbeat, BMC ----------------------------------------
    def addresses(self, host):
        """Network -> address of a host; the agent's own host is where
        the agent itself is (its ``[heartbeat]`` addresses), whatever
        sysinv recorded (an all-in-one controller on localhost)."""
        if self.is_self(host) and self.own_addresses:
            return dict(self.own_addresses)
        return host.addresses()

    def send(self, host, command, args=None, networks=None):
        addresses = self.addresses(host)
        if networks is not None:
            addresses = {k: v for k, v in addresses.items()
                         if k in networks}
        if not addresses:
            return None
        return self.transport.send(addresses, command, args)

    def heartbeat_monitor(self, host, enabled):
        if not host.provisioned:
            return
        try:
            self.heartbeat.monitor(host.hostname, enabled)
        except KeyError:
            self.heartbeat_add(host, enabled)

    def heartbeat_add(self, host, monitored=False):
        if host.provisioned:
            self.heartbeat.add_host(host.hostname, self.addresses(host),
                                    host.personality, monitored)

    def heartbeat_ok(self, host):
        """Every network of the host answered and nothing is missing."""
        try:
            state = self.heartbeat.hosts_state()[host.hostname]
        except KeyError:
            return False
        return state['monitored'] and all(
            n['armed'] and n['level'] == 'ok'
            for n in state['networks'].values())

    def heartbeat_action(self):
        return self.conf.agent.heartbeat_failure_action

    def bmc_call(self, host, operation, callback, *args, **kwargs):
        """BMC ``operation`` for the host; ``callback(result, error)``
        runs in the engine thread. False when it has no usable BMC."""
        if self.bmc is None:
            return False
        flow = host.flow

        def done(result, error):
            self.post(callback, result, error)

        submitted = self.bmc.submit(host, operation, done, *args, **kwargs)
        if submitted:
            LOG.info('%s: BMC %s%s', host.name, operation,
                     ' (%s)' % type(flow).__name__ if flow else '')
        return submitted

    def bmc_usable(self, host):
        return self.bmc is not None and self.bmc.usable(host)

    def boot_timeout(self, host):
        t = self.conf.timeouts
        return t.controller_boot_timeout if host.is_controller else \
            t.worker_boot_timeout

    # -- flows -----------------------------------------------------------
    def run_flow(self, host, flow):
        """Make ``flow`` the host's flow (cancelling the current one)
        and start it."""
        if host.flow is not None:
            host.flow.cancel()
        host.flow = flow
        flow.start()
        return flow

    def flow_done(self, flow):
        if flow.host.flow is flow:
            flow.host.flow = None

    # -- mtcAlive and results ------------------------------------------
    def on_message(self, message, network):
        """From the transport thread."""
        self.post(self._message, message, network)

    def _message(self, message, network):
        host = self.find(message.hostname)
        if host is None:
            LOG.debug('%s from unknown host %s', type(message).__name__,
                      message.hostname)
            return
        if isinstance(message, m.Alive):
            self._alive(host, message)
        elif host.flow is not None:
            host.flow.on_result(message)

    def _alive(self, host, alive):
        rebooted = host.boot_id is not None and alive.boot_id != \
            host.boot_id
        first = host.last_alive is None
        host.last_alive = self.clock()
        host.alive_count += 1
        host.uptime = alive.uptime
        host.boot_id = alive.boot_id
        host.flags = alive.flags
        if rebooted:
            LOG.info('%s rebooted (uptime %ds)', host.name, alive.uptime)
        if host.flow is not None:
            host.flow.on_mtcalive(alive, rebooted)
        elif host.locked:
            if self.set_state(host, f.EV_MTCALIVE) and host.task in (
                    s.TASK_REBOOTING, s.TASK_RESETTING):
                self.set_task(host, s.TASK_NONE)
        elif first or rebooted:
            self._unexpected_alive(host, rebooted)

    def _unexpected_alive(self, host, rebooted):
        """An unlocked host with no flow is heard: at start-up, or after
        it rebooted while enabled (its services are gone)."""
        if rebooted and host.enabled:
            from mtce.agent import flows
            LOG.warning('%s rebooted while enabled: testing it again',
                        host.name)
            self.run_flow(host, flows.Enable(self, host, reboot=False))

    def tick(self):
        """Periodic: locked hosts going offline, uptime reports."""
        now = self.clock()
        offline_after = (self.conf.agent.offline_period *
                         self.conf.agent.offline_threshold / 1000.0)
        for host in list(self.hosts.values()):
            if host.locked and host.flow is None and \
                    host.avail == s.ONLINE:
                seen = host.last_alive if host.last_alive is not None \
                    else host.added_at
                if now - seen > offline_after:
                    self.set_state(host, f.EV_MTCALIVE_LOST)
        if now >= self._next_uptime:
            self._next_uptime = now + UPTIME_REPORT_PERIOD
            for host in self.hosts.values():
                if host.last_alive is not None and \
                        host.uptime != host.reported_uptime:
                    host.reported_uptime = host.uptime
                    self.reporter.report(host.uuid, {'uptime': host.uptime})
