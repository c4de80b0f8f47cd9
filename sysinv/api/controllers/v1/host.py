"""/v1/ihosts: hosts (list, detail, show by id, uuid or hostname; add,
update and actions as JSON-Patch, delete).

Reads come from the DB; every write goes to the conductor, which checks
it (:mod:`sysinv.conductor.host_checks`) and records it.
"""
from oslo_config import cfg
import pecan
from pecan import rest

from stx_common.api import jsonpatch, validation
from sysinv import exception, policies
from sysinv.api import schemas
from sysinv.api.controllers.v1 import base
from sysinv.api.controllers.v1 import host_inventory as hw
from sysinv.api.controllers.v1 import logical_mounts as logical
from sysinv.common import constants, states
from sysinv.conductor import host_checks
from sysinv.db.api import hosts as host_db

CONF = cfg.CONF

FIELDS = (
    'id', 'uuid', 'hostname', 'personality', 'subfunctions',
    'subfunction_oper', 'subfunction_avail', 'invprovision',
    'administrative', 'operational', 'availability', 'action',
    'ihost_action', 'inv_state', 'action_state', 'vim_progress_status',
    'task', 'mtce_info', 'reserved', 'recordtype', 'config_status',
    'config_applied', 'config_target', 'clock_synchronization', 'uptime',
    'location', 'capabilities', 'mgmt_mac', 'mgmt_ip', 'bm_ip', 'bm_type',
    'bm_username', 'serialid', 'isystem_uuid', 'forisystemid', 'peer_id',
    'peers', 'boot_device', 'rootfs_device', 'hw_settle', 'install_output',
    'console', 'tboot', 'vsc_controllers', 'ttys_dcd', 'install_state',
    'install_state_info', 'iscsi_initiator_name', 'nvme_host_id',
    'nvme_host_nqn', 'device_image_update', 'reboot_needed',
    'max_cpu_mhz_configured', 'min_cpu_mhz_allowed', 'max_cpu_mhz_allowed',
    'cstates_available', 'apparmor', 'apparmor_config_status',
    'kernel_running', 'kernel_config_status', 'sw_version', 'created_at',
    'updated_at')

# Sub-collections a host item links to (served under /v1/ihosts/<host>/).
SUB_COLLECTIONS = ('iinterfaces', 'ports', 'ethernet_ports', 'inodes',
                   'icpus', 'imemorys', 'idisks', 'partitions',
                   'pci_devices', 'labels', 'interface_networks',
                   'addresses')
# What a PATCH document is applied to: the stored host, the computed
# fields it shows, the action trigger and the write-only password.
PATCH_EXTRA = {'action': states.NONE_ACTION, 'bm_password': None}


def is_active_controller(host):
    """The controller this API runs on is the active one (StarlingX
    compares with the local hostname)."""
    return (host.get('personality') == constants.CONTROLLER and
            host.get('hostname') == CONF.host)


def view(row, expand=True):
    values = base.render(row, FIELDS)
    values['action'] = states.NONE_ACTION
    values['location'] = row.get('location') or {}
    capabilities = dict(row.get('capabilities') or {})
    if row.get('personality') == constants.CONTROLLER:
        capabilities[constants.CAPABILITY_PERSONALITY] = (
            constants.CONTROLLER_ACTIVE if is_active_controller(row)
            else constants.CONTROLLER_STANDBY)
    values['capabilities'] = capabilities
    values['links'] = base.links('ihosts', row['uuid'])
    if expand:
        for name in SUB_COLLECTIONS:
            values[name] = base.links('ihosts', row['uuid'], name)
    return values


class HostController(rest.RestController):
    _custom_actions = {'detail': ['GET']}

    # the hardware the agents found (read-only) and CPU assignment
    inodes = hw.HostNodeController()
    icpus = hw.HostCPUController()
    imemorys = hw.HostMemoryController()
    idisks = hw.HostDiskController()
    partitions = hw.HostPartitionController()
    ports = hw.HostPortController()
    ethernet_ports = hw.HostEthernetPortController()
    pci_devices = hw.HostPciDeviceController()
    state = hw.HostStateController()

    def _list(self, kwargs, expand, resource):
        policies.authorize('sysinv:ihosts:get', pecan.request.context)
        page = base.parse_page(kwargs, host_db.SORT_KEYS)
        personality = kwargs.get('personality') or None
        rows = pecan.request.dbapi.list_hosts(personality, page)
        return base.page_of('ihosts', [view(r, expand) for r in rows],
                            resource, page, personality=personality)

    @pecan.expose('json')
    def get_all(self, **kwargs):
        return self._list(kwargs, False, 'v1/ihosts')

    @pecan.expose('json')
    def detail(self, **kwargs):
        return self._list(kwargs, True, 'v1/ihosts/detail')

    @pecan.expose('json')
    def get_one(self, ident):
        policies.authorize('sysinv:ihosts:get', pecan.request.context)
        return view(pecan.request.dbapi.get_host(ident))

    @pecan.expose('json')
    def post(self):
        policies.authorize('sysinv:ihosts:create', pecan.request.context)
        body = validation.validate(validation.json_body(), schemas.HOST_ADD)
        values = {k: v for k, v in body.items()
                  if k in schemas.HOST_ADD_PROPERTIES}
        host = pecan.request.rpcapi.create_ihost(pecan.request.context,
                                                 values)
        return view(host)

    @pecan.expose('json')
    def patch(self, ident):
        policies.authorize('sysinv:ihosts:modify', pecan.request.context)
        patch = jsonpatch.validate_patch(validation.json_body())
        _check_duplicates(patch)
        host = pecan.request.dbapi.get_host(ident)
        document = {k: host.get(k) for k in FIELDS}
        document.update(PATCH_EXTRA)
        for op in patch:
            top = op['path'][1:].split('/')[0]
            if op['op'] == 'add' and top not in document:
                raise exception.ClientSideError(
                    reason="Patching Error: can't add the new attribute "
                           "'%s'" % top)
        patched = jsonpatch.apply_patch(document, patch)
        action = patched.pop('action', None)
        changes = {k: patched.get(k) for k in document
                   if k != 'action' and k in patched and
                   patched[k] != document[k]}
        context, origin = pecan.request.context, pecan.request.origin
        if (origin == constants.ORIGIN_MTCE and changes and
                action in (None, states.NONE_ACTION) and
                set(changes) <= host_checks.MTCE_STATE_FIELDS):
            updated = pecan.request.rpcapi.update_host_state(
                context, host['uuid'], changes)
        else:
            updated = pecan.request.rpcapi.update_ihost(
                context, host['uuid'], changes, action, origin)
        return view(updated)

    @pecan.expose('json', status=204)
    def delete(self, ident):
        policies.authorize('sysinv:ihosts:delete', pecan.request.context)
        host = pecan.request.dbapi.get_host(ident)
        pecan.request.rpcapi.delete_ihost(pecan.request.context,
                                          host['uuid'],
                                          pecan.request.origin)
        pecan.response.status = 204


def _check_duplicates(patch):
    """The same path twice with two values is refused."""
    seen = {}
    for op in patch:
        value = op.get('value')
        if op['path'] in seen and seen[op['path']] != value:
            raise exception.ClientSideError(
                reason='Illegal duplicate parameters passed.')
        seen[op['path']] = value


# The host's logical configuration (read-only lists): iinterfaces,
# interface_networks, addresses, labels.
for _name, _controller in logical.host_controllers().items():
    setattr(HostController, _name, _controller)
