"""sysinv-conductor's RPC endpoints: a facade.

One method per RPC verb of :class:`sysinv.conductor.rpcapi.ConductorAPI`;
each delegates to a flow module (:mod:`~sysinv.conductor.hosts`,
:mod:`~sysinv.conductor.system`, :mod:`~sysinv.conductor.discovery`).
Expected errors (:class:`stx_common.exception.FlockException`) travel
back to the caller with their message and HTTP code.
"""
from oslo_log import log
import oslo_messaging as messaging

from stx_common import exception as common_exc
from sysinv.conductor import discovery, hosts, maintenance, system
from sysinv.conductor import inventory as inventory_flows

LOG = log.getLogger(__name__)

_EXPECTED = (common_exc.FlockException,)


class ConductorManager:
    target = messaging.Target(version='1.0')

    def __init__(self, dbapi, maintenance_api=None, alarm_client=None):
        """
        :param maintenance_api: a :class:`maintenance.Maintenance` (tests
            give a fake one).
        :param alarm_client: the alarm client (default: the process's).
        """
        self.dbapi = dbapi
        self.maintenance = maintenance_api or maintenance.Maintenance()
        self.hosts = hosts.HostFlows(dbapi, self.maintenance)
        self.system = system.SystemFlows(dbapi)
        self.discovery = discovery.Discovery(dbapi, self.hosts.locks,
                                             alarm_client)
        self.inventory = inventory_flows.InventoryFlows(dbapi)

    @messaging.expected_exceptions(*_EXPECTED)
    def get_ihost_by_macs(self, context, macs):
        return self.dbapi.get_host_by_macs(
            [m.lower() for m in macs or ()])

    @messaging.expected_exceptions(*_EXPECTED)
    def get_ihost_by_hostname(self, context, hostname):
        hosts_ = self.dbapi.list_hosts(filters={'hostname': hostname})
        return hosts_[0] if hosts_ else None

    @messaging.expected_exceptions(*_EXPECTED)
    def update_isystem(self, context, isystem_uuid, patch):
        return self.system.update(context, isystem_uuid, patch)

    @messaging.expected_exceptions(*_EXPECTED)
    def create_ihost(self, context, values):
        return self.hosts.create(context, values)

    @messaging.expected_exceptions(*_EXPECTED)
    def update_ihost(self, context, ihost_uuid, changes, action=None,
                     origin=None):
        return self.hosts.update(context, ihost_uuid, changes, action,
                                 origin)

    @messaging.expected_exceptions(*_EXPECTED)
    def delete_ihost(self, context, ihost_uuid, origin=None):
        return self.hosts.delete(context, ihost_uuid, origin)

    @messaging.expected_exceptions(*_EXPECTED)
    def update_host_state(self, context, host, values):
        return self.hosts.update_state(context, host, values)

    @messaging.expected_exceptions(*_EXPECTED)
    def handle_dhcp_lease(self, context, tags, mac, ip_address, cid=None):
        return self.discovery.handle_dhcp_lease(context, tags, mac,
                                                ip_address, cid)

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
