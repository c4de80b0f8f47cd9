"""sysinv-conductor's RPC endpoints: a facade.

One method per RPC verb of :class:`sysinv.conductor.rpcapi.ConductorAPI`;
each delegates to a flow module of :mod:`sysinv.conductor`. Expected
errors (:class:`stx_common.exception.FlockException`) travel back to the
caller with their message and HTTP code.
"""
from oslo_log import log
import oslo_messaging as messaging

from stx_common import exception as common_exc
from sysinv.conductor import inventory as inventory_flows

LOG = log.getLogger(__name__)

_EXPECTED = (common_exc.FlockException,)


class ConductorManager:
    target = messaging.Target(version='1.0')

    def __init__(self, dbapi):
        self.dbapi = dbapi
        self.inventory = inventory_flows.InventoryFlows(dbapi)

    @messaging.expected_exceptions(*_EXPECTED)
    def get_ihost_by_macs(self, context, macs):
        return self.dbapi.get_host_by_macs(
            [m.lower() for m in macs or ()])

    @messaging.expected_exceptions(*_EXPECTED)
    def get_ihost_by_hostname(self, context, hostname):
        hosts = self.dbapi.list_hosts(filters={'hostname': hostname})
        return hosts[0] if hosts else None

    # -- inventory (sysinv.conductor.inventory) -------------------------------
    @messaging.expected_exceptions(*_EXPECTED)
    def report_inventory(self, context, host_uuid, report):
        return self.inventory.absorb(context, host_uuid, report)

    @messaging.expected_exceptions(*_EXPECTED)
    def host_cpus_modify(self, context, host_uuid, requests):
        return self.inventory.modify_cpus(context, host_uuid, requests)

    @messaging.expected_exceptions(*_EXPECTED)
    def imemory_modify(self, context, memory_uuid, changes):
        return self.inventory.modify_memory(context, memory_uuid, changes)
