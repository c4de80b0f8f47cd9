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
from sysinv.conductor import config as runtime_config
from sysinv.conductor import discovery, hosts, maintenance, system
from sysinv.conductor import interfaces as interface_flows
from sysinv.conductor import inventory as inventory_flows
from sysinv.conductor import labels as label_flows
from sysinv.conductor import networks as network_flows
from sysinv.conductor import service_parameters as parameter_flows

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
        parameter_flows.ensure_defaults(dbapi)

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
    def get_mtce_hosts(self, context, uuids=None):
        return self.hosts.mtce_hosts(uuids)

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

    # -- logical configuration: interfaces, networks, runtime config,
    # service parameters, labels
    @messaging.expected_exceptions(*_EXPECTED)
    def create_iinterface(self, context, values):
        return interface_flows.create(self.dbapi, values)

    @messaging.expected_exceptions(*_EXPECTED)
    def update_iinterface(self, context, interface_uuid, changes):
        return interface_flows.update(self.dbapi, interface_uuid, changes)

    @messaging.expected_exceptions(*_EXPECTED)
    def delete_iinterface(self, context, interface_uuid):
        return interface_flows.delete(self.dbapi, interface_uuid)

    @messaging.expected_exceptions(*_EXPECTED)
    def create_interface_network(self, context, interface_uuid,
                                 network_uuid):
        return network_flows.assign_interface_network(
            self.dbapi, interface_uuid, network_uuid)

    @messaging.expected_exceptions(*_EXPECTED)
    def delete_interface_network(self, context, uuid):
        return network_flows.remove_interface_network(self.dbapi, uuid)

    @messaging.expected_exceptions(*_EXPECTED)
    def create_network(self, context, values):
        return network_flows.create_network(self.dbapi, values)

    @messaging.expected_exceptions(*_EXPECTED)
    def delete_network(self, context, uuid):
        return network_flows.delete_network(self.dbapi, uuid)

    @messaging.expected_exceptions(*_EXPECTED)
    def create_address_pool(self, context, values):
        return network_flows.create_pool(self.dbapi, values)

    @messaging.expected_exceptions(*_EXPECTED)
    def update_address_pool(self, context, uuid, updates):
        return network_flows.update_pool(self.dbapi, uuid, updates)

    @messaging.expected_exceptions(*_EXPECTED)
    def delete_address_pool(self, context, uuid):
        return network_flows.delete_pool(self.dbapi, uuid)

    @messaging.expected_exceptions(*_EXPECTED)
    def create_network_addresspool(self, context, network_uuid,
                                   address_pool_uuid):
        return network_flows.create_network_addresspool(
            self.dbapi, network_uuid, address_pool_uuid)

    @messaging.expected_exceptions(*_EXPECTED)
    def delete_network_addresspool(self, context, uuid):
        return network_flows.delete_network_addresspool(self.dbapi, uuid)

    @messaging.expected_exceptions(*_EXPECTED)
    def allocate_host_addresses(self, context, host_uuid):
        return network_flows.allocate_host_addresses(
            self.dbapi, self.dbapi.get_host(host_uuid))

    @messaging.expected_exceptions(*_EXPECTED)
    def modify_dns(self, context, dns_uuid, nameservers, action=None):
        return runtime_config.modify_dns(self.dbapi, context, dns_uuid,
                                         nameservers, action)

    @messaging.expected_exceptions(*_EXPECTED)
    def modify_ntp(self, context, ntp_uuid, ntpservers, action=None):
        return runtime_config.modify_ntp(self.dbapi, context, ntp_uuid,
                                         ntpservers, action)

    @messaging.expected_exceptions(*_EXPECTED)
    def update_dns_config(self, context):
        return runtime_config.update_dns_config(self.dbapi, context)

    @messaging.expected_exceptions(*_EXPECTED)
    def update_ntp_config(self, context):
        return runtime_config.update_ntp_config(self.dbapi, context)

    @messaging.expected_exceptions(*_EXPECTED)
    def create_service_parameters(self, context, body):
        return parameter_flows.add(self.dbapi, body)

    @messaging.expected_exceptions(*_EXPECTED)
    def update_service_parameter(self, context, uuid, changes):
        return parameter_flows.modify(self.dbapi, uuid, changes)

    @messaging.expected_exceptions(*_EXPECTED)
    def delete_service_parameter(self, context, uuid):
        return parameter_flows.delete(self.dbapi, uuid)

    @messaging.expected_exceptions(*_EXPECTED)
    def update_service_config(self, context, service, section=None,
                              do_apply=False):
        if not do_apply:
            return parameter_flows.check_service(service)
        return parameter_flows.apply(self.dbapi, context, service,
                                        section)

    @messaging.expected_exceptions(*_EXPECTED)
    def assign_labels(self, context, host_uuid, labels, overwrite=False):
        return label_flows.assign(self.dbapi, host_uuid, labels, overwrite)

    @messaging.expected_exceptions(*_EXPECTED)
    def delete_label(self, context, uuid):
        return label_flows.remove(self.dbapi, uuid)

    @messaging.expected_exceptions(*_EXPECTED)
    def iconfig_update_by_ihost(self, context, ihost_uuid, imsg_dict):
        return runtime_config.config_applied(
            self.dbapi, ihost_uuid, (imsg_dict or {}).get('config_applied'))

    @messaging.expected_exceptions(*_EXPECTED)
    def get_runtime_config(self, context, host_uuid):
        return runtime_config.runtime_config_of(self.dbapi, host_uuid)

    @messaging.expected_exceptions(*_EXPECTED)
    def resend_runtime_config(self, context, host_uuid):
        return runtime_config.resend(self.dbapi, context, host_uuid)
