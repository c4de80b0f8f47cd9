"""Policy rules of the discovered hardware (inventory)."""
from sysinv.policies.base import READ, WRITE, rule

READ_RULE = 'sysinv:inventory:get'
CPU_MODIFY_RULE = 'sysinv:icpus:modify'
MEMORY_MODIFY_RULE = 'sysinv:imemorys:modify'

RULES = [
    rule(READ_RULE, READ,
                  "List and show hosts' discovered hardware.",
                  [('GET', '/v1/%s' % name) for name in (
                      'inodes', 'icpus', 'imemorys', 'idisks', 'partitions',
                      'ethernet_ports', 'ports', 'pci_devices')] +
                  [('GET', '/v1/ihosts/{ihost}/icpus')]),
    rule(CPU_MODIFY_RULE, WRITE,
                  'Assign CPU functions of a locked host.',
                  [('PUT', '/v1/ihosts/{ihost}/state/host_cpus_modify')]),
    rule(MEMORY_MODIFY_RULE, WRITE,
                  'Change platform memory and hugepages of a locked host.',
                  [('PATCH', '/v1/imemorys/{uuid}')]),
]
