"""Client of sysinv-conductor's RPC API (topic ``sysinv.conductor``).

Used by sysinv-api for every write, by the agents for inventory reports
and by ``sysinv-dnsmasq-lease-update``. Maintenance reports host states
through :class:`stx_common.contracts.host.SysinvClient` on the same topic.

Version history:

* 1.0 - get_ihost_by_macs, get_ihost_by_hostname
"""
from stx_common.rpc import client

TOPIC = 'sysinv.conductor'


class ConductorAPI(client.RPCClient):
    TOPIC = TOPIC
    VERSION = '1.0'
    TIMEOUT = 60
    # A conductor that never started answers at once (503), not after
    # the timeout.
    AT_LEAST_ONCE = True

    def get_ihost_by_macs(self, context, macs):
        """The host whose mgmt_mac is one of ``macs``, or None."""
        return self.call(context, 'get_ihost_by_macs', macs=macs)

    def get_ihost_by_hostname(self, context, hostname):
        """The host named ``hostname``, or None."""
        return self.call(context, 'get_ihost_by_hostname',
                         hostname=hostname)
