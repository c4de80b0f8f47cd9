"""mtce-agent: the mtcAgent and hbsAgent roles on the active controller.

Its parts (started in this order, stopped in reverse):

1. the :class:`~mtce.agent.reporter.Reporter` (state reports to sysinv);
2. the :class:`~mtce.agent.transport.AgentTransport` (mtcAlive in,
   commands out);
3. the :class:`~mtce.heartbeat.agent.HeartbeatAgent` (pulses, 200.005 /
   200.009), whose events go to the engine;
4. the :class:`~mtce.agent.engine.Engine` (hosts and their flows);
5. the RPC server of the host contract (topic ``mtce.agent``);
6. the inventory loader (every host of sysinv, retried until sysinv
   answers) and the BMC access audit.
"""
import threading
import time

from oslo_log import log

from mtce.agent import alarms as hostalarms
from mtce.agent import bmc as bmcmod
from mtce.agent import bmc_store, endpoints, engine, lifecycle, reporter
from mtce.agent import transport as transportmod
from mtce.heartbeat import agent as hbagent
from stx_common import context as ctx
from stx_common import periodic
from stx_common.contracts import host as contract
from stx_common.rpc import server

LOG = log.getLogger(__name__)

LOAD_RETRY = 5.0
AUDIT_TICK = 1.0


class InventoryLoader:
    """Reads every host from sysinv once, retrying until it answers."""

    def __init__(self, conf, agent, client=None, retry=LOAD_RETRY):
        self.conf = conf
        self.agent = agent
        self._client = client
        self.retry = retry
        self._stop = threading.Event()
        self._thread = None

    def start(self):
        if not self.conf.agent.load_inventory:
            self.agent.engine.inventory_loaded = True
            return
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name='mtce-agent-inventory')
        self._thread.start()

    def stop(self):
        self._stop.set()

    def wait(self):
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self):
        client = self._client or contract.SysinvClient()
        attempt = 0
        while not self._stop.is_set():
            attempt += 1
            try:
                records = client.get_mtce_hosts(
                    ctx.get_admin_context(),
                    timeout=self.conf.timeouts.sysinv_noncrit_timeout)
            except Exception as exc:  # noqa: BLE001 - retried
                if attempt in (1, 2, 10) or attempt % 60 == 0:
                    LOG.warning('Inventory not read from sysinv yet (%s); '
                                'retrying every %gs', exc, self.retry)
                self._stop.wait(self.retry)
                continue
            self.agent.engine.post(self.agent.lifecycle.load, records)
            return


class MtceAgent:
    """Every part of mtce-agent, wired."""

    def __init__(self, conf, alarm_client=None, sysinv=None,
                 heartbeat=None, transport=None, store=None,
                 driver_factory=None):
        self.conf = conf
        if alarm_client is None:
            from stx_common import alarms
            alarm_client = alarms.get_client('mtce-agent')
        self.alarm_client = alarm_client
        self.alarms = hostalarms.HostAlarms(alarm_client)
        self.store = store or bmc_store.open_store(conf)
        self.reporter = reporter.Reporter(conf, client=sysinv)
        self.engine = engine.Engine(
            conf, heartbeat=None, transport=None, bmc=None,
            alarms=self.alarms, reporter=self.reporter, store=self.store,
            on_hosts_changed=self._hosts_changed)
        self.lifecycle = lifecycle.Lifecycle(self.engine, self.store,
                                             fetch=self._fetch)
        self._sysinv = sysinv
        self.heartbeat = heartbeat or hbagent.HeartbeatAgent(
            conf, on_event=self._heartbeat_event, alarms=alarm_client)
        self.transport = transport or transportmod.AgentTransport(
            conf, self.engine.on_message)
        kwargs = {'driver_factory': driver_factory} if driver_factory \
            else {}
        self.bmc = bmcmod.BmcAccess(conf, self.store, alarm_client,
                                    on_learn=self._learned, **kwargs)
        self.engine.heartbeat = self.heartbeat
        self.engine.transport = self.transport
        local = getattr(self.transport, 'endpoints', None) or {}
        self.engine.own_addresses = {n: e.address
                                     for n, e in local.items()}
        self.engine.bmc = self.bmc
        self.rpc = server.RPCService(contract.MTCE_TOPIC, [
            endpoints.AgentEndpoints(self.engine, self.lifecycle)])
        self.loader = InventoryLoader(conf, self, client=sysinv)
        self.auditor = periodic.PeriodicTask(
            lambda: self.engine.post(self._audit_bmcs), AUDIT_TICK,
            name='mtce-agent-bmc-audit', initial_delay=AUDIT_TICK)
        self._audited = {}

    def parts(self):
        return [self.reporter, self.transport, self.heartbeat, self.engine,
                self.rpc, self.loader, self.auditor, _Closer(self)]

    # -- hooks ---------------------------------------------------------------
    def _fetch(self, uuid):
        """A host's whole record from sysinv, in a thread of its own."""
        def run():
            client = self._sysinv or contract.SysinvClient()
            for _ in range(10):
                try:
                    records = client.get_mtce_hosts(
                        ctx.get_admin_context(), uuids=[uuid],
                        timeout=self.conf.timeouts.sysinv_noncrit_timeout)
                except Exception as exc:  # noqa: BLE001 - retried
                    LOG.warning('Host %s not read from sysinv: %s', uuid,
                                exc)
                    time.sleep(LOAD_RETRY)
                    continue
                for record in records:
                    self.engine.post(self.lifecycle.refreshed, record)
                return

        threading.Thread(target=run, daemon=True,
                         name='mtce-agent-fetch').start()

    def _heartbeat_event(self, event):
        self.engine.post(self.lifecycle.heartbeat_event, event)

    def _learned(self, uuid, protocol):
        def learned():
            host = self.engine.hosts.get(uuid)
            if host is None:
                return
            host.mtce_info['bmc_protocol'] = protocol
            self.reporter.report(uuid, {'mtce_info':
                                        host.mtce_info_text()})
            self._hosts_changed(list(self.engine.hosts.values()))
        self.engine.post(learned)

    def _hosts_changed(self, hosts):
        try:
            bmc_store.write_hwmon_hosts(self.conf.agent.hwmon_hosts_file,
                                        hosts)
        except OSError as exc:
            LOG.error('Cannot write the hwmond host list: %s', exc)

    def _audit_bmcs(self):
        """Engine thread: ping each BMC on its period (200.010)."""
        now = time.monotonic()
        period = self.conf.agent.bmc_audit_period
        for host in list(self.engine.hosts.values()):
            if not host.bmc_provisioned or not host.hostname:
                continue
            if now - self._audited.get(host.uuid, -period) < period:
                continue
            self._audited[host.uuid] = now
            self.bmc.submit(host, 'ping', lambda result, error: None)


class _Closer:
    """Last part: closes the BMC drivers at stop."""

    def __init__(self, agent):
        self.agent = agent

    def start(self):
        pass

    def stop(self):
        self.agent.bmc.close()

    def wait(self):
        pass
