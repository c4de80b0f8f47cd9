"""Client of sysinv-conductor's RPC API (topic ``sysinv.conductor``).

Used by sysinv-api for every write, by the agents for inventory reports
and by ``sysinv-dnsmasq-lease-update``. Maintenance reports host states
through :class:`stx_common.contracts.host.SysinvClient` on the same topic
and verb (``update_host_state``).

Version history:

* 1.0 - get_ihost_by_macs, get_ihost_by_hostname, update_isystem,
  create_ihost, update_ihost, delete_ihost, update_host_state,
  handle_dhcp_lease
* 1.0 - logical configuration: create_iinterface, update_iinterface,
  delete_iinterface, create_interface_network, delete_interface_network,
  create_network, delete_network, create_address_pool,
  update_address_pool, delete_address_pool, create_network_addresspool,
  delete_network_addresspool, allocate_host_addresses, modify_dns,
  modify_ntp, update_dns_config, update_ntp_config,
  create_service_parameters, update_service_parameter,
  delete_service_parameter, update_service_config, assign_labels,
  delete_label; agents: iconfig_update_by_ihost, get_runtime_config,
  resend_runtime_config
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

    # -- logical configuration (interfaces, networks, config, labels) ---------
    def create_iinterface(self, context, values):
        """Add an interface; the interface.

        :raises ClientSideError: a refused interface.
        """
        return self.call(context, 'create_iinterface', values=values)

    def update_iinterface(self, context, interface_uuid, changes):
        return self.call(context, 'update_iinterface',
                         interface_uuid=interface_uuid, changes=changes)

    def delete_iinterface(self, context, interface_uuid):
        return self.call(context, 'delete_iinterface',
                         interface_uuid=interface_uuid)

    def create_interface_network(self, context, interface_uuid,
                                 network_uuid):
        return self.call(context, 'create_interface_network',
                         interface_uuid=interface_uuid,
                         network_uuid=network_uuid)

    def delete_interface_network(self, context, uuid):
        return self.call(context, 'delete_interface_network', uuid=uuid)

    def create_network(self, context, values):
        return self.call(context, 'create_network', values=values)

    def delete_network(self, context, uuid):
        return self.call(context, 'delete_network', uuid=uuid)

    def create_address_pool(self, context, values):
        return self.call(context, 'create_address_pool', values=values)

    def update_address_pool(self, context, uuid, updates):
        return self.call(context, 'update_address_pool', uuid=uuid,
                         updates=updates)

    def delete_address_pool(self, context, uuid):
        return self.call(context, 'delete_address_pool', uuid=uuid)

    def create_network_addresspool(self, context, network_uuid,
                                   address_pool_uuid):
        return self.call(context, 'create_network_addresspool',
                         network_uuid=network_uuid,
                         address_pool_uuid=address_pool_uuid)

    def delete_network_addresspool(self, context, uuid):
        return self.call(context, 'delete_network_addresspool', uuid=uuid)

    def allocate_host_addresses(self, context, host_uuid):
        """The host's addresses on the dynamic platform networks
        ({type: address}), allocated when missing."""
        return self.call(context, 'allocate_host_addresses',
                         host_uuid=host_uuid)

    def modify_dns(self, context, dns_uuid, nameservers, action=None):
        """Store the DNS servers; ``action='apply'`` pushes them."""
        return self.call(context, 'modify_dns', dns_uuid=dns_uuid,
                         nameservers=nameservers, action=action)

    def modify_ntp(self, context, ntp_uuid, ntpservers, action=None):
        return self.call(context, 'modify_ntp', ntp_uuid=ntp_uuid,
                         ntpservers=ntpservers, action=action)

    def update_dns_config(self, context):
        """Push the stored DNS servers to the controllers; config uuid."""
        return self.call(context, 'update_dns_config')

    def update_ntp_config(self, context):
        return self.call(context, 'update_ntp_config')

    def create_service_parameters(self, context, body):
        """service-parameter-add; the rows created."""
        return self.call(context, 'create_service_parameters', body=body)

    def update_service_parameter(self, context, uuid, changes):
        return self.call(context, 'update_service_parameter', uuid=uuid,
                         changes=changes)

    def delete_service_parameter(self, context, uuid):
        return self.call(context, 'delete_service_parameter', uuid=uuid)

    def update_service_config(self, context, service, section=None,
                              do_apply=False):
        """``do_apply``: service-parameter-apply of ``service``."""
        return self.call(context, 'update_service_config', service=service,
                         section=section, do_apply=do_apply)

    def assign_labels(self, context, host_uuid, labels, overwrite=False):
        return self.call(context, 'assign_labels', host_uuid=host_uuid,
                         labels=labels, overwrite=overwrite)

    def delete_label(self, context, uuid):
        return self.call(context, 'delete_label', uuid=uuid)

    # -- runtime configuration reports of the agents --------------------------
    def iconfig_update_by_ihost(self, context, ihost_uuid, imsg_dict):
        """An agent applied a configuration (``config_applied``)."""
        return self.call(context, 'iconfig_update_by_ihost',
                         ihost_uuid=ihost_uuid, imsg_dict=imsg_dict)

    def get_runtime_config(self, context, host_uuid):
        """What a starting agent applies: {'config_uuid', 'parts'}."""
        return self.call(context, 'get_runtime_config', host_uuid=host_uuid)

    def resend_runtime_config(self, context, host_uuid):
        """Push an out-of-date host's runtime config again."""
        return self.call(context, 'resend_runtime_config',
                         host_uuid=host_uuid)
