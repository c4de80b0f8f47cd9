"""The alarms and customer logs of the host life cycle (mtcAgent's).

============  ========  =================================================
id            severity  when
============  ========  =================================================
200.001       warning   the host is locked (cleared on unlock)
200.004       critical  service-affecting failure, auto-recovery by reboot
                        (or the lone controller running degraded)
200.011       critical  configuration failure during enable
200.013       major     AIO: compute function of the only controller down
200.020       log       events: ``add``, ``mnfa_enter``, ``mnfa_exit``
200.021       log       commands: ``unlock``, ``reboot``, ``reset``,
                        ``power-on`` ... (entity ``.command=<c>``)
200.022       log       states: ``.state=enabled|disabled``,
                        ``.status=online|offline|failed|...``
============  ========  =================================================

Entities are StarlingX's: ``host=<hostname>`` for alarms,
``host=<hostname>.event=add``, ``host=<hostname>.command=unlock``,
``host=<hostname>.state=enabled`` for logs. Heartbeat (200.005/200.009),
BMC access (200.010), process (200.006) and sensor (200.007, 200.014,
200.015) alarms belong to :mod:`mtce.heartbeat`, :mod:`mtce.bmc`,
pmond and hwmond.

Raising never blocks (the alarm client spools); a failure to raise is
logged and maintenance goes on.
"""
import threading

from oslo_log import log

from stx_common.contracts import alarm as contract

LOG = log.getLogger(__name__)

LOCKED = '200.001'
FAILURE = '200.004'
CONFIG_FAILURE = '200.011'
COMPUTE_FAILURE = '200.013'
EVENT_LOG = '200.020'
COMMAND_LOG = '200.021'
STATE_LOG = '200.022'
HOST_ALARMS = (LOCKED, FAILURE, CONFIG_FAILURE, COMPUTE_FAILURE)

_ALARMS = {
    LOCKED: dict(
        severity='warning', alarm_type='operational-violation',
        probable_cause='out-of-service',
        reason='%s was administratively locked to take it out-of-service.',
        repair='Administratively unlock Host to bring it back in-service.',
        service_affecting=True, suppression=False, inhibit=True),
    FAILURE: dict(
        severity='critical', alarm_type='operational-violation',
        probable_cause='application-subsystem-failure',
        reason='%s experienced a service-affecting failure. Auto-recovery '
               'in progress. Manual Lock and Unlock may be required if '
               'auto-recovery is unsuccessful.',
        repair='If auto-recovery is consistently unable to recover host to '
               'the unlocked-enabled state contact next level of support '
               'or lock and replace failing host.',
        service_affecting=True, suppression=True),
    CONFIG_FAILURE: dict(
        severity='critical', alarm_type='operational-violation',
        probable_cause='configuration-or-customization-error',
        reason='%s experienced a configuration failure during '
               'initialization. Host is being re-configured by Reboot.',
        repair='If auto-recovery is consistently unable to recover host to '
               'the unlocked-enabled state contact next level of support '
               'or lock and replace failing host.',
        service_affecting=True, suppression=True),
    COMPUTE_FAILURE: dict(
        severity='major', alarm_type='operational-violation',
        probable_cause='communication-subsystem-failure',
        reason='%s compute service of the only available controller is '
               'not operational. Auto-recovery is disabled. Degrading host '
               'instead.',
        repair='Enable second controller and Switch Activity (Swact) over '
               'to it as soon as possible. Then Lock and Unlock host to '
               'recover its local compute service.',
        service_affecting=True, suppression=True),
}

# The customer logs and their texts.
EVENT_TEXTS = {
    'add': "%s has been 'added' to the system",
    'discovered': "%s has been 'discovered' on the network",
    'mnfa_enter': '%s has entered multi-node failure avoidance',
    'mnfa_exit': '%s has exited multi-node failure avoidance',
}
COMMAND_TEXTS = {
    'unlock': "%s is 'unlocking'",
    'reboot': "%s is 'rebooting'",
    'reset': "%s is 'resetting'",
    'power-on': "%s is 'powering-on'",
    'power-off': "%s is 'powering-off'",
    'reinstall': "%s is 'reinstalling'",
    'force-lock': "%s is 'force-locking'",
    'delete': "%s is 'deleting'",
    'swact': "%s is 'swacting'",
    'provision': "%s board management controller has been 'provisioned'",
    'reprovision': "%s board management controller has been "
                   "'re-provisioned'",
    'deprovision': "%s board management controller has been "
                   "'de-provisioned'",
}
STATE_TEXTS = {
    ('state', 'enabled'): "%s is now 'enabled'",
    ('state', 'disabled'): "%s is now 'disabled'",
    ('status', 'online'): "%s is now 'online'",
    ('status', 'offline'): "%s is now 'offline'",
    ('status', 'failed'): "%s is now 'failed'",
    ('status', 'reinstall-failed'): '%s reinstall failed',
    ('status', 'reinstall-complete'): '%s reinstall completed '
                                      'successfully',
}


def entity(hostname):
    return 'host=%s' % hostname


def fault(alarm_id, hostname, severity=None):
    info = _ALARMS[alarm_id]
    return contract.Fault(
        alarm_id=alarm_id, alarm_state='set', entity_type_id='host',
        entity_instance_id=entity(hostname),
        severity=severity or info['severity'],
        reason_text=info['reason'] % hostname,
        alarm_type=info['alarm_type'],
        probable_cause=info['probable_cause'],
        proposed_repair_action=info['repair'],
        service_affecting=info['service_affecting'],
        suppression=info['suppression'],
        inhibit_alarms=info.get('inhibit', False))


def log_fault(log_id, hostname, kind, value, text, service_affecting):
    return contract.Fault(
        alarm_id=log_id, alarm_state='msg', entity_type_id='host',
        entity_instance_id='host=%s.%s=%s' % (hostname, kind, value),
        severity='warning', reason_text=text % hostname,
        alarm_type='other', probable_cause='unspecified-reason',
        service_affecting=service_affecting)


class HostAlarms:
    """Raise / clear / log through an alarm client, each alarm once."""

    def __init__(self, client):
        self.client = client
        self._raised = {}
        self._lock = threading.Lock()

    def raised(self, hostname=None):
        with self._lock:
            return {k: v for k, v in self._raised.items()
                    if hostname is None or k[1] == hostname}

    def set(self, alarm_id, hostname, severity=None):
        key = (alarm_id, hostname)
        value = severity or _ALARMS[alarm_id]['severity']
        with self._lock:
            if self._raised.get(key) == value:
                return
            self._raised[key] = value
        self._call('raise %s of %s' % (alarm_id, hostname),
                   self.client.set_fault, fault(alarm_id, hostname, value))

    def clear(self, alarm_id, hostname, force=False):
        """Clear (``force``: even if this process did not raise it, as
        at start-up or when a host is locked)."""
        key = (alarm_id, hostname)
        with self._lock:
            known = self._raised.pop(key, None) is not None
        if known or force:
            self._call('clear %s of %s' % (alarm_id, hostname),
                       self.client.clear_fault, alarm_id, entity(hostname))

    def clear_host(self, hostname, alarm_ids=HOST_ALARMS):
        for alarm_id in alarm_ids:
            self.clear(alarm_id, hostname, force=True)

    def clear_all(self, hostname):
        """Every alarm of the host and of its children (a deleted
        host)."""
        with self._lock:
            for key in [k for k in self._raised if k[1] == hostname]:
                del self._raised[key]
        self._call('clear the alarms of %s' % hostname,
                   self.client.clear_all, entity(hostname))

    # -- customer logs ---------------------------------------------------
    def event(self, hostname, event):
        self._log(log_fault(EVENT_LOG, hostname, 'event', event,
                            EVENT_TEXTS[event], True))

    def command(self, hostname, command):
        self._log(log_fault(COMMAND_LOG, hostname, 'command', command,
                            COMMAND_TEXTS[command], False))

    def state(self, hostname, kind, value):
        self._log(log_fault(STATE_LOG, hostname, kind, value,
                            STATE_TEXTS[(kind, value)], True))

    def _log(self, item):
        self._call('log %s %s' % (item.alarm_id, item.entity_instance_id),
                   self.client.log_event, item)

    @staticmethod
    def _call(what, func, *args):
        try:
            func(*args)
        except Exception:  # noqa: BLE001 - maintenance goes on
            LOG.exception('Cannot %s', what)
