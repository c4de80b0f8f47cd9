"""System flow of the conductor: a PATCH of the system row.

The runtime side effects StarlingX triggers (system name, time zone,
HTTPS, system mode applied through puppet) have no counterpart yet: the
change is recorded and logged.
"""
from oslo_log import log

from sysinv import exception
from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.conductor import system_checks

LOG = log.getLogger(__name__)


class SystemFlows:

    def __init__(self, dbapi):
        self.dbapi = dbapi

    def _first_controller(self):
        try:
            return self.dbapi.get_host(c.CONTROLLER_0_HOSTNAME)
        except exception.HostNotFound:
            return None

    def update(self, context, ident, patch):
        """Apply a JSON-Patch to the system; returns it."""
        system = self.dbapi.get_system(ident)
        controller = self._first_controller() or {}
        configured = controller.get('invprovision') == s.PROVISIONED
        locked = controller.get('administrative',
                                s.ADMIN_LOCKED) == s.ADMIN_LOCKED
        updates = system_checks.check_patch(system, patch, configured,
                                            locked)
        if not updates:
            return system
        saved = self.dbapi.update_system(system['uuid'], updates)
        LOG.info('System %s modified: %s', saved['name'],
                 ', '.join(sorted(updates)))
        return saved
