"""The agent's RPC endpoints (topic ``sysinv.agent``, server = the
host's hostname, plus fanout).

:data:`ENDPOINTS` lists the endpoint classes every agent serves; each is
built with the running :class:`sysinv.agent.manager.Agent` (``agent.host``
is the host record, ``agent.root`` the directory the agent works under).
Another area adds its class here (e.g. runtime configuration). Methods
sent by fanout carry ``host_uuid`` (or ``host_uuids``) when they concern
some hosts only: an agent ignores what is not for it.
"""
import oslo_messaging as messaging

from stx_common import exception as common_exc
from sysinv.agent import config as runtime_config

_EXPECTED = (common_exc.FlockException,)


def is_for(agent, host_uuid=None, host_uuids=None):
    """The message concerns this agent's host (no uuid: every host)."""
    mine = (agent.host or {}).get('uuid')
    if host_uuid is not None and host_uuid != mine:
        return False
    return not (host_uuids is not None and mine not in host_uuids)


class InventoryEndpoint:
    """Inventory requests of the conductor."""

    target = messaging.Target(version='1.0')

    def __init__(self, agent):
        self.agent = agent

    def agent_update(self, context, host_uuid=None, full=False):
        """Audit now (cast, directed or fanout); ``full`` resends every
        category."""
        if is_for(self.agent, host_uuid):
            self.agent.request_audit(full=full)

    @messaging.expected_exceptions(*_EXPECTED)
    def agent_audit(self, context, full=False):
        """Audit now and answer what was sent: {'kind', 'sent', 'answer',
        'errors'}."""
        return self.agent.audit(full=full)


ENDPOINTS = [InventoryEndpoint]
# Runtime configuration: files under the host's root, config_applied.
ENDPOINTS.append(runtime_config.RuntimeConfigEndpoint)
