"""/v1/icpus: logical CPUs (read-only; ``/v1/ihosts/<host>/icpus``).

Functions are assigned with ``PUT /v1/ihosts/<uuid>/state/
host_cpus_modify`` (:mod:`host_state`). ``function``, ``cpulist`` and
``num_cores_on_processor0..3`` are StarlingX's request-only helpers,
always null in answers.
"""
from sysinv.api.controllers.v1 import inventory_base

FIELDS = ('uuid', 'cpu', 'core', 'thread', 'numa_node', 'cpu_family',
          'cpu_model', 'allocated_function', 'capabilities', 'forihostid',
          'ihost_uuid', 'forinodeid', 'inode_uuid', 'created_at',
          'updated_at')
HELPERS = ('function', 'cpulist', 'num_cores_on_processor0',
           'num_cores_on_processor1', 'num_cores_on_processor2',
           'num_cores_on_processor3')
KEY = 'icpus'


def view(row):
    values = inventory_base.view(row, FIELDS, KEY,
                                 **dict.fromkeys(HELPERS))
    values['capabilities'] = row.get('capabilities') or {}
    return values


class CPUController(inventory_base.Collection):
    CATEGORY = KEY
    KEY = KEY

    def render_item(self, row):
        return view(row)


class HostCPUController(inventory_base.HostCollection):
    CATEGORY = KEY
    KEY = KEY

    def render_item(self, row):
        return view(row)
