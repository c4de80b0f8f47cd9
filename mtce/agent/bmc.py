"""mtce-agent's access to the hosts' BMCs.

A host's driver comes from :func:`mtce.bmc.factory.get_driver` (its
``bm_type``: ipmi, redfish or dynamic, the protocol a dynamic BMC was
learned to speak, and the password from the encrypted store); every
call goes through the host's :class:`~mtce.bmc.monitor.BMCMonitor`, which
counts access failures and raises 200.010 after
``[bmc] access_failure_threshold`` of them in a row. BMC requests block
(IPMI sessions, HTTPS), so they run in a small thread pool and their
outcome is handed back to the engine.
"""
import concurrent.futures

from oslo_log import log

from mtce.bmc import base, factory
from mtce.bmc import monitor as bmc_monitor

LOG = log.getLogger(__name__)

WORKERS = 4


class BmcAccess:
    """Drivers and monitors of every host with a BMC."""

    def __init__(self, conf, store, alarm_client, on_learn=None,
                 driver_factory=factory.get_driver, workers=WORKERS):
        self.conf = conf
        self.store = store
        self.alarm_client = alarm_client
        self.on_learn = on_learn
        self.driver_factory = driver_factory
        self._monitors = {}
        self._keys = {}
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix='mtce-agent-bmc')

    def close(self):
        self._executor.shutdown(wait=False)
        for monitor in self._monitors.values():
            if monitor.driver is not None:
                monitor.driver.close()

    def _key(self, host):
        return (host.bm_type, host.bm_ip, host.bm_username,
                self.store.get(host.uuid))

    def monitor(self, host):
        """The host's monitor, its driver (re)built when the BMC's
        provisioning changed; None without a usable BMC."""
        if not (host.hostname and host.bmc_provisioned):
            self.forget(host)
            return None
        key = self._key(host)
        monitor = self._monitors.get(host.uuid)
        if monitor is not None and self._keys.get(host.uuid) == key:
            return monitor
        password = key[3]
        if not password:
            return None
        try:
            driver = self.driver_factory(
                host.bm_type, host.bm_ip, host.bm_username, password,
                learned=host.mtce_info.get('bmc_protocol'),
                on_learn=lambda protocol, uuid=host.uuid:
                self._learned(uuid, protocol))
        except base.BMCError as exc:
            LOG.warning('%s: no BMC driver: %s', host.hostname, exc)
            return None
        if monitor is None:
            monitor = bmc_monitor.BMCMonitor(
                host.hostname, driver, alarm_client=self.alarm_client,
                conf=self.conf)
            self._monitors[host.uuid] = monitor
        else:
            monitor.set_driver(driver)
        self._keys[host.uuid] = key
        return monitor

    def _learned(self, uuid, protocol):
        if self.on_learn is not None:
            self.on_learn(uuid, protocol)

    def usable(self, host):
        return self.monitor(host) is not None

    def forget(self, host):
        monitor = self._monitors.pop(host.uuid, None)
        self._keys.pop(host.uuid, None)
        if monitor is not None:
            if monitor.driver is not None:
                monitor.driver.close()
            if monitor.alarmed:
                monitor.alarm_client.clear_fault(
                    bmc_monitor.ALARM_BMC_ACCESS,
                    bmc_monitor.host_entity(host.hostname))

    def submit(self, host, operation, callback, *args, **kwargs):
        """Run ``driver.<operation>(*args)`` in the pool, accounted by the
        host's monitor; ``callback(result, error)`` gets the outcome
        (``error``: a BMCError, or None). False when the host has no
        usable BMC (nothing submitted)."""
        monitor = self.monitor(host)
        if monitor is None:
            return False
        hostname = host.hostname

        def run():
            try:
                result = monitor.call(getattr(monitor.driver, operation),
                                      *args, **kwargs)
            except base.BMCError as exc:
                LOG.warning('%s: BMC %s failed: %s', hostname, operation,
                            exc)
                callback(None, exc)
                return
            except Exception as exc:  # noqa: BLE001 - reported as failed
                LOG.exception('%s: BMC %s failed', hostname, operation)
                callback(None, base.BMCError(str(exc)))
                return
            callback(result, None)

        self._executor.submit(run)
        return True
