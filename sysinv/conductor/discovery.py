"""Host discovery: a DHCP lease on the pxeboot network creates a
placeholder host keyed by its MAC (no hostname, no personality; locked,
disabled, offline) and logs FM event 200.020. Setting its hostname and
personality later provisions it (a host PATCH)."""
from oslo_log import log

from stx_common import alarms
from stx_common.contracts import alarm as fm
from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.conductor import host_checks as checks

LOG = log.getLogger(__name__)

PXEBOOT_TAG = c.NETWORK_TYPE_PXEBOOT
DISCOVERED_LOG_ID = '200.020'


def discovered_event(mac):
    """FM's customer log of a host discovered on the network."""
    return fm.Fault(
        alarm_id=DISCOVERED_LOG_ID, alarm_state='msg',
        entity_type_id='host',
        entity_instance_id='host=%s.event=discovered' % mac,
        severity='warning',
        reason_text="%s has been 'discovered' on the network" % mac,
        alarm_type='other', probable_cause='unspecified-reason',
        service_affecting=True)


class Discovery:

    def __init__(self, dbapi, locks, alarm_client=None):
        self.dbapi = dbapi
        self.locks = locks
        self._alarms = alarm_client

    @property
    def alarms(self):
        if self._alarms is None:
            self._alarms = alarms.get_client()
        return self._alarms

    def handle_dhcp_lease(self, context, tags, mac, ip_address, cid=None):
        """A lease was granted (dnsmasq's add / old); the placeholder
        host created for ``mac``, or None when nothing was created.

        :param tags: dnsmasq's tags of the lease (None or empty: the
            pxeboot network, the only one the hook is installed on).
        """
        mac = checks.normalize_mac(mac)
        if tags and PXEBOOT_TAG not in tags:
            LOG.debug('Lease of %s (%s) not on pxeboot: ignored', mac, tags)
            return None
        system = self.dbapi.find_system()
        if system is None:
            LOG.info('Lease of %s before bootstrap: ignored', mac)
            return None
        if checks.is_simplex(system):
            LOG.info('Lease of %s on a simplex system: no host added', mac)
            return None
        network = self.dbapi.get_network_by_type(c.NETWORK_TYPE_PXEBOOT)
        if network is not None and not network['dynamic']:
            LOG.info('Lease of %s: pxeboot addresses are static, no host '
                     'added', mac)
            return None
        with self.locks.adding:
            if self.dbapi.get_host_by_mac(mac) is not None:
                LOG.debug('Lease of %s (%s): host already known', mac,
                          ip_address)
                return None
            host = self.dbapi.create_host({
                'mgmt_mac': mac, 'forisystemid': system['id'],
                'sw_version': system.get('software_version'),
                'action_state': s.HAS_REINSTALLING})
        LOG.info('Host %s discovered at %s: placeholder %s', mac,
                 ip_address, host['uuid'])
        try:
            self.alarms.log_event(discovered_event(mac))
        except Exception:  # noqa: BLE001 - the host exists; log and go on
            LOG.exception('Cannot log the discovery of %s', mac)
        return host
