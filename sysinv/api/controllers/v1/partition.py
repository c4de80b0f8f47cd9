"""/v1/partitions: disk partitions (read-only here; under a host at
``/v1/ihosts/<host>/partitions`` and under one of its disks at
``/v1/ihosts/<host>/idisks/<disk>/partitions``).

``status`` is StarlingX's number: 0 Ready, 1 In-Use, 2 Creating, 3
Creating (on unlock), 4 Deleting, 5 Modifying, 6 Deleted, 10 Error.
"""
import pecan

from sysinv import exception
from sysinv.api.controllers.v1 import base, inventory_base
from sysinv.db.api import inventory as inv_db

FIELDS = ('uuid', 'start_mib', 'end_mib', 'size_mib', 'device_node',
          'device_path', 'type_guid', 'type_name', 'idisk_id', 'idisk_uuid',
          'status', 'capabilities', 'foripvid', 'forihostid', 'ihost_uuid',
          'created_at', 'updated_at')
KEY = 'partitions'


def view(row):
    values = inventory_base.view(row, FIELDS, KEY, ipv_uuid=None)
    values['capabilities'] = row.get('capabilities') or {}
    return values


class PartitionController(inventory_base.Collection):
    CATEGORY = KEY
    KEY = KEY

    def render_item(self, row):
        return view(row)


class HostPartitionController(inventory_base.HostCollection):
    CATEGORY = KEY
    KEY = KEY

    def render_item(self, row):
        return view(row)


class DiskPartitionController(base.HostSubCollection):
    """``GET /v1/ihosts/<host>/idisks/<disk>/partitions``."""

    PARENT_ITEM = True
    KEY = KEY
    SORT_KEYS = inv_db.SORT_KEYS[KEY]

    @pecan.expose('json')
    def get_all(self, host_ident, disk_ident, **kwargs):
        inventory_base.authorize(inventory_base.READ_RULE,
                                 pecan.request.context)
        dbapi = pecan.request.dbapi
        host = dbapi.get_host(host_ident)
        disk = dbapi.get_inventory_item('idisks', disk_ident)
        if disk['forihostid'] != host['id']:
            raise exception.NotFound('Disk %s could not be found.'
                                     % disk_ident)
        page = base.parse_page(kwargs, self.SORT_KEYS)
        rows = dbapi.list_inventory(KEY, host['id'], page,
                                    {'idisk_id': disk['id']})
        return base.page_of(KEY, [view(r) for r in rows],
                            'v1/ihosts/%s/idisks/%s/partitions'
                            % (host['uuid'], disk['uuid']), page)
