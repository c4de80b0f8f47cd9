"""Client of sysinv-conductor's RPC API (topic ``sysinv.conductor``).

Used by sysinv-api for every write, by the agents for inventory reports
and by ``sysinv-dnsmasq-lease-update``. Maintenance reports host states
through :class:`stx_common.contracts.host.SysinvClient` on the same topic
and verb (``update_host_state``).

Version history:

* 1.0 - get_ihost_by_macs, get_ihost_by_hostname, update_isystem,
  create_ihost, update_ihost, delete_ihost, update_host_state,
  handle_dhcp_lease
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

    def update_isystem(self, context, isystem_uuid, patch):
        """Apply a JSON-Patch to the system; the system.

        :raises ClientSideError: a refused change.
        """
        return self.call(context, 'update_isystem',
                         isystem_uuid=isystem_uuid, patch=patch)

    def create_ihost(self, context, values):
        """host-add; the new host.

        :raises ClientSideError: a refused host-add.
        """
        return self.call(context, 'create_ihost', values=values)

    def update_ihost(self, context, ihost_uuid, changes, action=None,
                     origin=None):
        """Attribute changes and/or an action (``/action`` of a PATCH);
        the host as recorded.

        :param origin: 'mtce', 'vim' or None (a user): who may change
            which field.
        :raises ClientSideError:, MaintenanceRejected:, HostNotFound:
        """
        return self.call(context, 'update_ihost', ihost_uuid=ihost_uuid,
                         changes=changes, action=action, origin=origin)

    def delete_ihost(self, context, ihost_uuid, origin=None):
        """Delete a locked host.

        :raises HostLocked:, ClientSideError:
        """
        return self.call(context, 'delete_ihost', ihost_uuid=ihost_uuid,
                         origin=origin)

    def update_host_state(self, context, host, values):
        """A state report of maintenance (see the host contract); the
        host."""
        return self.call(context, 'update_host_state', host=host,
                         values=values)

    def handle_dhcp_lease(self, context, tags, mac, ip_address, cid=None,
                          timeout=None):
        """A DHCP lease on the pxeboot network; the placeholder host
        created, or None."""
        return self.call(context, 'handle_dhcp_lease', timeout=timeout,
                         tags=tags, mac=mac, ip_address=ip_address, cid=cid)

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
