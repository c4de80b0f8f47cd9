"""sysinv's requests and the events of the other monitors, in the
engine thread.

Requests (``add_host``, ``modify_host`` with an action, ``delete_host``)
are checked at once (:mod:`mtce.agent.checks`) and answered; an accepted
action starts ``[agent] answer_hold`` seconds later, so that sysinv has
recorded the request before the first state report arrives. Events:

* heartbeat (:class:`~mtce.heartbeat.monitor.HeartbeatEvent`): degrade
  and its clear set the host's heartbeat degrade bit of the network; a
  loss starts graceful recovery (or fails an enable soak); MNFA entry and
  exit are logged (200.020) and hold the pool in "Graceful Recovery
  Wait";
* pmond (``process_event``): major degrades the host while the process
  is failed, critical fails it (auto-recovered by reboot; the lone
  controller is degraded instead);
* hwmond (``sensor_event``): a major or critical sensor alarm degrades
  the host while it is raised.
"""
from oslo_log import log

from mtce.agent import actions, checks, flows
from mtce.agent import host as hostmod
from mtce.agent import host_fsm as f
from mtce.common import degrade
from mtce.common import states as s
from stx_common.contracts import host as contract

LOG = log.getLogger(__name__)


def answer(refusal=None):
    if refusal is None:
        return contract.MtceAnswer(contract.STATUS_PASS).to_dict()
    reason, action = refusal
    return contract.MtceAnswer(contract.STATUS_FAIL, reason,
                               action).to_dict()


class Lifecycle:
    def __init__(self, engine, store=None, fetch=None):
        """:param fetch: ``fetch(uuid)`` asks sysinv for a host's whole
        record (its cluster-host address: requests do not carry it) and
        hands it to :meth:`refreshed` in the engine thread."""
        self.engine = engine
        self.store = store
        self.conf = engine.conf
        self.fetch = fetch

    # -- the inventory ----------------------------------------------------
    def load(self, records):
        """Every host of sysinv at start-up (engine thread)."""
        for record in records:
            if record.uuid in self.engine.hosts:
                continue
            host = hostmod.from_record(record)
            self.engine.hosts[host.uuid] = host
            self._track(host, bmc_changed=False)
            self._resume(host)
        self.engine.inventory_loaded = True
        self.engine.hosts_changed()
        LOG.info('Inventory: %d host(s): %s', len(records), ', '.join(
            sorted(h.name for h in self.engine.hosts.values())))

    def _resume(self, host):
        """What a host found at start-up needs."""
        engine = self.engine
        if not host.provisioned:
            return
        engine.alarms.clear('200.001', host.hostname, force=True) \
            if not host.locked else engine.alarms.set('200.001',
                                                      host.hostname)
        if host.locked:
            return
        if host.enabled:
            # a soak during add: it stays enabled unless heartbeat fails
            engine.heartbeat_monitor(host, True)
            return
        if host.ar_disabled:
            return
        engine.run_flow(host, flows.Enable(engine, host, reboot=not
                                           engine.is_self(host)))

    def refreshed(self, record):
        """sysinv's whole record of a host (engine thread)."""
        host = self.engine.hosts.get(record.uuid)
        if host is None or not record.cluster_host_ip or \
                host.cluster_host_ip == record.cluster_host_ip:
            return
        host.cluster_host_ip = record.cluster_host_ip
        LOG.info('%s: cluster-host address %s', host.name,
                 host.cluster_host_ip)
        self.engine.heartbeat_add(host)

    def _track(self, host, bmc_changed=True, old_bmc=None):
        engine = self.engine
        if host.provisioned:
            engine.heartbeat_add(host)
            if not host.cluster_host_ip and self.fetch is not None:
                self.fetch(host.uuid)
        if bmc_changed and host.hostname:
            if host.bmc_provisioned and not old_bmc:
                engine.alarms.command(host.hostname, 'provision')
            elif host.bmc_provisioned:
                engine.alarms.command(host.hostname, 'reprovision')
            elif old_bmc:
                engine.alarms.command(host.hostname, 'deprovision')
                if engine.bmc is not None:
                    engine.bmc.forget(host)

    # -- requests (answers computed in the engine thread) -----------------
    def add_host(self, record):
        engine = self.engine
        self._keep_password(record)
        host = engine.hosts.get(record.uuid)
        if host is not None:
            return self._modify(host, record, None)
        host = hostmod.from_record(record)
        engine.hosts[host.uuid] = host
        self._track(host, bmc_changed=host.bmc_provisioned)
        if host.hostname:
            engine.schedule(self.conf.timeouts.host_add_delay,
                            engine.alarms.event, host.hostname, 'add')
        engine.hosts_changed()
        LOG.info('Host %s added (%s)', host.name, host.state)
        return answer()

    def modify_host(self, record, action):
        engine = self.engine
        self._keep_password(record)
        host = engine.hosts.get(record.uuid)
        if host is None:
            self.add_host(record)
            host = engine.hosts[record.uuid]
        return self._modify(host, record, action)

    def _modify(self, host, record, action):
        engine = self.engine
        old_bmc = (host.bm_type, host.bm_ip, host.bm_username) \
            if host.bmc_provisioned else None
        changed = hostmod.update_from_record(host, record)
        password_changed = bool(record.bm_password)
        if changed or password_changed:
            bmc_changed = password_changed or any(
                k in changed for k in hostmod.BMC_FIELDS)
            self._track(host, bmc_changed=bmc_changed, old_bmc=old_bmc)
            engine.hosts_changed()
            LOG.info('Host %s changed: %s', host.name,
                     ', '.join(changed + (['bm_password'] if
                                          password_changed else [])))
        if not action or action == s.ACTION_NONE:
            return answer()
        controllers = [h for h in engine.hosts.values() if h.is_controller]
        refusal = checks.check_action(action, host, engine.hostname,
                                      engine.bmc_usable(host),
                                      simplex=len(controllers) == 1)
        if refusal is not None:
            LOG.warning('%s of %s refused: %s', action, host.name,
                        refusal[0])
            return answer(refusal)
        LOG.info('%s of %s accepted', action, host.name)
        engine.schedule(self.conf.agent.answer_hold, self.act, host.uuid,
                        action)
        return answer()

    def _keep_password(self, record):
        if record.bm_password and self.store is not None:
            self.store.set(record.uuid, record.bm_password)
        record.bm_password = None

    def delete_host(self, uuid):
        engine = self.engine
        host = engine.hosts.get(uuid)
        refusal = checks.check_delete(host, engine.hostname)
        if refusal is not None:
            return answer(refusal)
        if host is None:
            return answer()
        if host.flow is not None:
            host.flow.cancel()
            host.flow = None
        del engine.hosts[uuid]
        if host.hostname:
            engine.alarms.command(host.hostname, 'delete')
            try:
                engine.heartbeat.remove_host(host.hostname)
            except KeyError:
                pass
            engine.alarms.clear_host(host.hostname)
        if engine.bmc is not None:
            engine.bmc.forget(host)
        if self.store is not None:
            self.store.delete(uuid)
        engine.hosts_changed()
        LOG.info('Host %s deleted', host.name)
        return answer()

    # -- carrying out an accepted action ----------------------------------
    def act(self, uuid, action):
        engine = self.engine
        host = engine.hosts.get(uuid)
        if host is None:
            return
        if action == s.ACTION_UNLOCK:
            self._unlock(host)
        elif action in (s.ACTION_LOCK, s.ACTION_FORCE_LOCK):
            if host.locked and host.flow is None:
                engine.set_task(host, s.TASK_NONE)
                return
            engine.run_flow(host, actions.Disable(
                engine, host, force=action == s.ACTION_FORCE_LOCK))
        elif action == s.ACTION_REBOOT:
            engine.run_flow(host, actions.Reboot(engine, host))
        elif action in s.BMC_ACTIONS:
            engine.run_flow(host, actions.BmcAction(engine, host, action))
        elif action == s.ACTION_REINSTALL:
            engine.run_flow(host, actions.Reinstall(engine, host))

    def _unlock(self, host):
        engine = self.engine
        if not host.locked:
            if host.flow is None and not host.enabled:
                engine.run_flow(host, flows.Enable(engine, host))
            return
        engine.alarms.command(host.hostname, 'unlock')
        host.ar_counts.clear()
        host.ar_disabled = False
        host.recovery_count = 0
        if engine.is_self(host):
            engine.run_flow(host, actions.SelfUnlock(engine, host))
            return
        engine.set_state(host, f.EV_UNLOCK)
        engine.run_flow(host, flows.Enable(engine, host))

    # -- heartbeat events --------------------------------------------------
    def heartbeat_event(self, event):
        engine = self.engine
        if event.kind in ('mnfa_enter', 'mnfa_exit'):
            self._mnfa(event)
            return
        host = engine.find(event.hostname)
        if host is None:
            return
        bit = degrade.HEARTBEAT.get(event.network)
        if event.kind == 'degrade' and bit:
            engine.set_degrade(host, bit, True)
        elif event.kind == 'degrade_clear' and bit:
            engine.set_degrade(host, bit, False)
        if host.flow is not None:
            host.flow.on_heartbeat(event)
            return
        if event.kind == 'loss' and host.enabled and not host.locked and \
                engine.heartbeat_action() == 'fail':
            LOG.warning('%s: heartbeat loss on %s', host.name,
                        event.network)
            engine.run_flow(host, flows.Recovery(engine, host))

    def _mnfa(self, event):
        engine = self.engine
        kind = event.kind
        engine.alarms.event(engine.hostname, kind)
        if kind == 'mnfa_enter':
            engine.mnfa_pool = set(event.hosts)
            for name in event.hosts:
                host = engine.find(name)
                if host is not None and host.flow is None:
                    engine.set_task(host, s.TASK_RECOVERY_WAIT)
        else:
            for name in engine.mnfa_pool:
                host = engine.find(name)
                if host is not None and host.flow is None and \
                        host.task == s.TASK_RECOVERY_WAIT:
                    engine.set_task(host, s.TASK_NONE)
            engine.mnfa_pool = set()

    # -- pmond's and hwmond's events -------------------------------------
    def process_event(self, event):
        engine = self.engine
        host = engine.find(event.get('hostname'))
        if host is None:
            return
        kind = event.get('event')
        process = event.get('process') or ''
        if kind == 'major':
            host.degraded_processes.add(process)
        elif kind in ('recovered', 'minor', 'log'):
            host.degraded_processes.discard(process)
        elif kind == 'clear':
            host.degraded_processes.clear()
        engine.set_degrade(host, degrade.PMON,
                           bool(host.degraded_processes))
        if kind == 'critical' and not event.get('resend'):
            self._critical(host, process)
        elif kind in ('major', 'critical', 'minor') and \
                not event.get('resend'):
            LOG.warning('%s: process %s failed (%s)', host.name, process,
                        kind)

    def _critical(self, host, process):
        engine = self.engine
        LOG.error('%s: critical process %s failed', host.name, process)
        if host.locked:
            return
        if host.flow is not None:
            host.flow.on_critical(process)
            return
        if not host.enabled:
            return
        if engine.is_self(host):
            flows.self_failure(engine, host)
            return
        engine.alarms.set('200.004', host.hostname)
        engine.set_state(host, f.EV_FAIL, s.TASK_CRITICAL_FAIL)
        enable = flows.Enable(engine, host, reboot=True)
        engine.run_flow(host, enable)

    def sensor_event(self, event):
        engine = self.engine
        host = engine.find(event.get('hostname'))
        if host is None:
            return
        engine.set_degrade(host, degrade.HWMON,
                           bool(event.get('host_degraded')))
        action = event.get('action')
        if action == 'reset':
            engine.set_task(host, s.TASK_SENSOR_RESET, hold=True)
        elif action == 'power-cycle':
            engine.set_task(host, s.TASK_SENSOR_POWERCYCLE, hold=True)
