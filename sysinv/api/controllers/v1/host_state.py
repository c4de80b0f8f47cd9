"""/v1/ihosts/<host>/state: host requests that are neither attributes nor
actions. ``PUT .../state/host_cpus_modify`` assigns CPU functions with
StarlingX's body::

    [{"function": "platform", "sockets": [{"0": 1}]},
     {"function": "application-isolated", "cpulist": "3-5"}]

``sockets`` gives, per processor (NUMA node), the number of physical
cores of the function; ``cpulist`` names logical CPUs. The answer is the
host's CPU collection (``{"icpus": [...]}``). The conductor checks the
request (host locked, worker subfunction, platform cores, totals per
processor) and records it.
"""
import pecan
from pecan import rest

from stx_common.api import validation
from sysinv.api.controllers.v1 import cpu, inventory_base

FUNCTION = {'type': 'string', 'minLength': 1, 'maxLength': 64}
COUNT = {'anyOf': [{'type': 'integer', 'minimum': 0},
                   {'type': 'string', 'pattern': '^[0-9]+$'}]}
CPUS_MODIFY_SCHEMA = {
    'type': 'array',
    'minItems': 1,
    'maxItems': 32,
    'items': {
        'type': 'object',
        'required': ['function'],
        'properties': {
            'function': FUNCTION,
            'sockets': {
                'type': 'array',
                'maxItems': 16,
                'items': {'type': 'object',
                          'patternProperties': {'^[0-9]+$': COUNT},
                          'additionalProperties': False},
            },
            'cpulist': {'type': 'string', 'maxLength': 4096},
        },
    },
}


class HostStateController(rest.RestController):
    PARENT_ITEM = True
    _custom_actions = {'host_cpus_modify': ['PUT']}

    @pecan.expose('json')
    def host_cpus_modify(self, host_ident):
        inventory_base.authorize(inventory_base.CPU_MODIFY_RULE,
                                 pecan.request.context)
        body = validation.validate(validation.json_body(),
                                   CPUS_MODIFY_SCHEMA)
        host = pecan.request.dbapi.get_host(host_ident)
        rows = pecan.request.rpcapi.host_cpus_modify(
            pecan.request.context, host['uuid'], body)
        return {'icpus': [cpu.view(r) for r in rows]}
