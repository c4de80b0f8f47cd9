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

    # -- inventory ------------------------------------------------------------
    def report_inventory(self, context, host_uuid, report):
        """An agent's inventory report (full or delta); what was absorbed
        (``inv_state``, ``full_needed``, counts)."""
        return self.call(context, 'report_inventory', host_uuid=host_uuid,
                         report=report)

    def host_cpus_modify(self, context, host_uuid, requests):
        """CPU function assignment; the host's CPUs.

        :raises ClientSideError: a refused request.
        """
        return self.call(context, 'host_cpus_modify', host_uuid=host_uuid,
                         requests=requests)

    def imemory_modify(self, context, memory_uuid, changes):
        """Memory / hugepage changes of one NUMA node; the memory row.

        :raises ClientSideError:, NotFound:
        """
        return self.call(context, 'imemory_modify', memory_uuid=memory_uuid,
                         changes=changes)
