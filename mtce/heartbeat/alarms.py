"""The heartbeat alarms the agent raises and clears (as hbsAgent does).

=========  ==============  ==========================================
alarm      network         severity
=========  ==============  ==========================================
200.005    mgmt            major past the degrade threshold,
200.009    cluster-host    critical past the failure threshold
=========  ==============  ==========================================

Entity ``host=<hostname>.network=Management`` (or ``Cluster-host``).
The host failure (200.004) belongs to the host life cycle, not here.
"""
import threading

from oslo_log import log

from stx_common.contracts import alarm as contract

LOG = log.getLogger(__name__)

ALARM_IDS = {'mgmt': '200.005', 'cluster-host': '200.009'}
NETWORK_NAMES = {'mgmt': 'Management', 'cluster-host': 'Cluster-host'}
_REASONS = {
    'major': "%s is experiencing intermittent '%s Network' communication "
             "failures that have exceeded its lower alarming threshold.",
    'critical': "%s experienced a persistent critical '%s Network' "
                "communication failure.",
}
_REPAIR = ("Check '%s Network' connectivity and support for multicast "
           "messaging. If the problem comes back after the host is reset, "
           "contact next level of support or lock and replace the host.")


def entity(hostname: str, network: str) -> str:
    return 'host=%s.network=%s' % (hostname, NETWORK_NAMES[network])


def fault(hostname: str, network: str, severity: str) -> contract.Fault:
    name = NETWORK_NAMES[network]
    return contract.Fault(
        alarm_id=ALARM_IDS[network], alarm_state='set',
        entity_type_id='host', entity_instance_id=entity(hostname, network),
        severity=severity, reason_text=_REASONS[severity] % (hostname, name),
        alarm_type='communication', probable_cause='loss-of-signal',
        proposed_repair_action=_REPAIR % name, service_affecting=True,
        suppression=True)


class HeartbeatAlarms:
    """Raises and clears through an alarm client (``stx_common.alarms``),
    remembering what it raised so each change is sent once."""

    def __init__(self, client):
        self.client = client
        self._raised: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def apply(self, hostname: str, network: str, change: str) -> None:
        """``change``: ``major``, ``critical`` or ``clear``."""
        key = (hostname, network)
        with self._lock:
            if self._raised.get(key) == change or (
                    change == 'clear' and key not in self._raised):
                return
            if change == 'clear':
                del self._raised[key]
            else:
                self._raised[key] = change
        try:
            if change == 'clear':
                self.client.clear_fault(ALARM_IDS[network],
                                        entity(hostname, network))
            else:
                self.client.set_fault(fault(hostname, network, change))
        except Exception:  # noqa: BLE001 - heartbeat goes on regardless
            LOG.exception('Cannot %s heartbeat alarm of %s on %s',
                          'clear' if change == 'clear' else 'raise',
                          hostname, network)

    def clear_host(self, hostname: str, networks) -> None:
        """Clear the host's heartbeat alarms, raised by this process or
        not (stale ones of an earlier run, heartbeat stopped)."""
        for network in networks:
            with self._lock:
                self._raised.pop((hostname, network), None)
            try:
                self.client.clear_fault(ALARM_IDS[network],
                                        entity(hostname, network))
            except Exception:  # noqa: BLE001
                LOG.exception('Cannot clear heartbeat alarm of %s on %s',
                              hostname, network)

    def raised(self) -> dict[tuple[str, str], str]:
        with self._lock:
            return dict(self._raised)
