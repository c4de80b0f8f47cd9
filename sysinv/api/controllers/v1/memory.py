"""/v1/imemorys: memory and hugepages per NUMA node (list under
``/v1/ihosts/<host>/imemorys``; item GET and PATCH at the top level).

A PATCH is an RFC 6902 JSON-Patch of ``platform_reserved_mib``,
``vm_hugepages_nr_2M_pending``, ``vm_hugepages_nr_1G_pending``,
``vswitch_hugepages_reqd``, ``vswitch_hugepages_size_mib`` or
``vm_pending_as_percentage``; the host must be locked and the request fit
the node's memory (checked by the conductor,
:mod:`sysinv.conductor.inventory_checks`). Pending values are applied on
the host's next unlock, and cleared once the host runs them.
"""
import pecan

from stx_common import exception
from stx_common.api import jsonpatch, validation
from sysinv.api.controllers.v1 import inventory_base
from sysinv.conductor import inventory_checks

FIELDS = (
    'uuid', 'numa_node', 'memtotal_mib', 'memavail_mib',
    'platform_reserved_mib', 'node_memtotal_mib',
    'minimum_platform_reserved_mib', 'hugepages_configured',
    'vswitch_hugepages_size_mib', 'vswitch_hugepages_reqd',
    'vswitch_hugepages_nr', 'vswitch_hugepages_avail',
    'vm_pending_as_percentage', 'vm_hugepages_nr_2M_pending',
    'vm_hugepages_nr_1G_pending', 'vm_hugepages_nr_2M', 'vm_hugepages_nr_1G',
    'vm_hugepages_nr_4K', 'vm_hugepages_avail_2M', 'vm_hugepages_avail_1G',
    'vm_hugepages_2M_percentage', 'vm_hugepages_1G_percentage',
    'vm_hugepages_use_1G', 'vm_hugepages_possible_2M',
    'vm_hugepages_possible_1G', 'capabilities', 'forihostid', 'ihost_uuid',
    'forinodeid', 'inode_uuid', 'created_at', 'updated_at')
KEY = 'imemorys'
# Fields a client may restate in a patch without changing them.
IGNORED = ('uuid', 'id')

PATCH_SCHEMA = {
    'type': 'array',
    'minItems': 1,
    'items': {
        'type': 'object',
        'required': ['op', 'path'],
        'properties': {
            'op': {'enum': list(jsonpatch.OPS)},
            'path': {'type': 'string', 'pattern': '^/[A-Za-z0-9_-]+$'},
            'value': {'type': ['integer', 'string', 'boolean', 'null']},
        },
    },
}


def view(row):
    values = inventory_base.view(row, FIELDS, KEY)
    values['capabilities'] = row.get('capabilities') or {}
    return values


def changes_of(patch):
    """{field: value} of a memory patch; Invalid for other fields."""
    changes = {}
    for op in patch:
        field = op['path'][1:]
        if field in IGNORED:
            continue
        if field not in inventory_checks.MEMORY_FIELDS:
            raise exception.Invalid(
                reason="'%s' cannot be changed; the memory fields that can "
                       'be are %s' % (op['path'], ', '.join(
                           inventory_checks.MEMORY_FIELDS)))
        changes[field] = None if op['op'] == 'remove' else op.get('value')
    if not changes:
        raise exception.Invalid(reason='the patch changes nothing')
    return changes


class MemoryController(inventory_base.Collection):
    CATEGORY = KEY
    KEY = KEY

    def render_item(self, row):
        return view(row)

    @pecan.expose('json')
    def patch(self, ident):
        inventory_base.authorize(inventory_base.MEMORY_MODIFY_RULE,
                                 pecan.request.context)
        patch = validation.validate(validation.json_body(), PATCH_SCHEMA,
                                    'patch')
        jsonpatch.validate_patch(patch)
        changes = changes_of(patch)
        row = pecan.request.dbapi.get_inventory_item(KEY, ident)
        updated = pecan.request.rpcapi.imemory_modify(
            pecan.request.context, row['uuid'], changes)
        return view(updated)


class HostMemoryController(inventory_base.HostCollection):
    CATEGORY = KEY
    KEY = KEY

    def render_item(self, row):
        return view(row)
