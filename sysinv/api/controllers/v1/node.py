"""/v1/inodes: NUMA nodes (read-only; ``/v1/ihosts/<host>/inodes``)."""
from sysinv.api.controllers.v1 import inventory_base

FIELDS = ('uuid', 'numa_node', 'capabilities', 'forihostid', 'ihost_uuid',
          'created_at', 'updated_at')
KEY = 'inodes'


def view(row):
    values = inventory_base.view(row, FIELDS, KEY,
                                 ('icpus', 'imemorys', 'ports'))
    values['capabilities'] = row.get('capabilities') or {}
    return values


class NodeController(inventory_base.Collection):
    CATEGORY = KEY
    KEY = KEY

    def render_item(self, row):
        return view(row)


class HostNodeController(inventory_base.HostCollection):
    CATEGORY = KEY
    KEY = KEY

    def render_item(self, row):
        return view(row)
