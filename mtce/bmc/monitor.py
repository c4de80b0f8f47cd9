"""BMC access monitoring and alarm 200.010 (BMC access failure).

StarlingX's mtcAgent pings each provisioned BMC and raises 200.010
(warning, entity ``host=<hostname>``) after 5 back-to-back failed access
checks (``MTC_MAX_B2B_BM_ACCESS_FAIL_COUNT_B4_ALARM``), and clears it as
soon as the BMC answers again. The host life-cycle code owns one
:class:`BMCMonitor` per host with a BMC::

    monitor = BMCMonitor('worker-0', driver)
    monitor.check()                       # periodic access audit
    monitor.call(driver.power_off)        # any BMC command, accounted

Every call through the monitor counts: a success clears, a
:class:`~mtce.bmc.base.BMCAccessError` counts towards the threshold
(a :class:`~mtce.bmc.base.BMCCommandError` shows the BMC answered, so it
counts as access).
"""
import threading

from oslo_config import cfg
from oslo_log import log

from mtce import conf as _conf  # noqa: F401  (registers [bmc])
from mtce.bmc import base
from stx_common import alarms
from stx_common.contracts import alarm as contract

CONF = cfg.CONF
LOG = log.getLogger(__name__)

ALARM_BMC_ACCESS = '200.010'
REASON = '%s access to board management module has failed.'
REPAIR = "Check Host's board management configuration and connectivity."


def host_entity(hostname):
    return 'host=%s' % hostname


def access_fault(hostname):
    """The 200.010 fault of ``hostname``."""
    return contract.Fault(
        alarm_id=ALARM_BMC_ACCESS, alarm_state='set', entity_type_id='host',
        entity_instance_id=host_entity(hostname), severity='warning',
        reason_text=REASON % hostname,
        alarm_type='operational-violation',
        probable_cause='communication-subsystem-failure',
        proposed_repair_action=REPAIR, service_affecting=False,
        suppression=False)


class BMCMonitor:
    """Access accounting of one host's BMC, and its 200.010 alarm.

    :param alarm_client: anything with ``set_fault``/``clear_fault``
        (default: the process's :func:`stx_common.alarms.get_client`).
    :param threshold: back-to-back failures before the alarm (default
        ``[bmc] access_failure_threshold``).
    :param on_change: called with ``(hostname, accessible)`` when access
        is lost (at the threshold) or regained.
    """

    def __init__(self, hostname, driver=None, alarm_client=None,
                 threshold=None, on_change=None, conf=CONF):
        self.hostname = hostname
        self.driver = driver
        self._alarms = alarm_client
        self.threshold = threshold or conf.bmc.access_failure_threshold
        self.on_change = on_change
        self.failures = 0
        self.alarmed = False
        self.last_error = None
        self._checked = False
        self._lock = threading.Lock()

    @property
    def alarm_client(self):
        if self._alarms is None:
            self._alarms = alarms.get_client()
        return self._alarms

    @property
    def accessible(self):
        """False once the threshold of failures is reached."""
        return not self.alarmed

    def set_driver(self, driver):
        """A new driver (BMC reprovisioned); the count starts again."""
        with self._lock:
            if self.driver is not None and self.driver is not driver:
                self.driver.close()
            self.driver = driver
            self.failures = 0

    def check(self):
        """Ping the BMC; True when it answered with the credentials."""
        if self.driver is None:
            raise base.BMCError('no BMC driver for %s' % self.hostname)
        try:
            self.call(self.driver.ping)
        except base.BMCError:
            return False
        return True

    def call(self, func, *args, **kwargs):
        """``func(*args, **kwargs)``, accounted; its result or its error."""
        try:
            result = func(*args, **kwargs)
        except base.BMCAccessError as exc:
            self.record_failure(exc)
            raise
        except base.BMCCommandError:
            self.record_success()
            raise
        self.record_success()
        return result

    def record_success(self):
        with self._lock:
            first = not self._checked
            was_alarmed = self.alarmed
            self._checked = True
            self.failures = 0
            self.alarmed = False
            self.last_error = None
        if was_alarmed or first:
            # The first success also clears an alarm left by an earlier
            # run of this process.
            self.alarm_client.clear_fault(ALARM_BMC_ACCESS,
                                          host_entity(self.hostname))
        if was_alarmed:
            LOG.info('%s BMC access regained', self.hostname)
            self._changed(True)

    def record_failure(self, error=None):
        with self._lock:
            self._checked = True
            self.failures += 1
            self.last_error = str(error) if error else None
            raise_now = (not self.alarmed and
                         self.failures >= self.threshold)
            if raise_now:
                self.alarmed = True
            failures = self.failures
        LOG.warning('%s BMC access failed (%d back-to-back): %s',
                    self.hostname, failures, error)
        if raise_now:
            self.alarm_client.set_fault(access_fault(self.hostname))
            self._changed(False)

    def _changed(self, accessible):
        if self.on_change is not None:
            try:
                self.on_change(self.hostname, accessible)
            except Exception:  # noqa: BLE001 - a hook must not break us
                LOG.exception('BMC access hook failed for %s',
                              self.hostname)
