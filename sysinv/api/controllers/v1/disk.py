"""/v1/idisks: disks (read-only; ``/v1/ihosts/<host>/idisks``, and a
disk's partitions at ``/v1/ihosts/<host>/idisks/<disk>/partitions``)."""
import pecan

from sysinv import exception
from sysinv.api.controllers.v1 import inventory_base, partition

FIELDS = ('uuid', 'device_node', 'device_num', 'device_type', 'device_id',
          'device_path', 'device_wwn', 'size_mib', 'available_mib', 'rpm',
          'serial_id', 'capabilities', 'forihostid', 'ihost_uuid',
          'foristorid', 'foripvid', 'created_at', 'updated_at')
KEY = 'idisks'


def view(row):
    values = inventory_base.view(row, FIELDS, KEY, ('partitions',),
                                 istor_uuid=None, ipv_uuid=None)
    values['capabilities'] = row.get('capabilities') or {}
    return values


class DiskController(inventory_base.Collection):
    CATEGORY = KEY
    KEY = KEY

    def render_item(self, row):
        return view(row)


class HostDiskController(inventory_base.HostCollection):
    CATEGORY = KEY
    KEY = KEY

    partitions = partition.DiskPartitionController()

    def render_item(self, row):
        return view(row)

    @pecan.expose('json')
    def get_one(self, host_ident, ident):
        inventory_base.authorize(inventory_base.READ_RULE,
                                 pecan.request.context)
        host = pecan.request.dbapi.get_host(host_ident)
        row = pecan.request.dbapi.get_inventory_item(KEY, ident)
        if row['forihostid'] != host['id']:
            raise exception.NotFound('Disk %s could not be found.' % ident)
        return view(row)
