"""Client of the agents' RPC API (topic ``sysinv.agent``): the conductor
talks to one agent with ``server=<hostname>`` or to all with fanout.

Version history:

* 1.0 - agent_update (cast), agent_audit (call)
* 1.0 - apply_runtime_config (cast)
"""
from stx_common.rpc import client

TOPIC = 'sysinv.agent'


class AgentAPI(client.RPCClient):
    TOPIC = TOPIC
    VERSION = '1.0'
    TIMEOUT = 60

    def _cast_to(self, context, method, hostname=None, **kwargs):
        """Cast to the agent of ``hostname``, or fanout when None."""
        if hostname is None:
            self.fanout_cast(context, method, **kwargs)
        else:
            self.cast(context, method, server=hostname, **kwargs)

    def agent_update(self, context, hostname=None, host_uuid=None,
                     full=False):
        """Ask agents to audit now (one host's, or every agent's)."""
        self._cast_to(context, 'agent_update', hostname,
                      host_uuid=host_uuid, full=full)

    def agent_audit(self, context, hostname, full=False, timeout=None):
        """Make the agent of ``hostname`` audit now; what it sent."""
        return self.call(context, 'agent_audit', server=hostname,
                         timeout=timeout, full=full)

    def apply_runtime_config(self, context, hostname, config_uuid,
                             config_dict):
        """Make the agent of ``hostname`` (every agent when None) write
        the runtime configuration ``config_dict`` and report
        ``config_uuid`` applied."""
        self._cast_to(context, 'apply_runtime_config', hostname,
                      config_uuid=config_uuid, config_dict=config_dict)
