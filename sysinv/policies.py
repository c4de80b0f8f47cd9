"""sysinv's policy rules (oslo.policy), on top of the shared role rules.

Reads: reader, operator, configurator, admin (and the platform's own
``service`` users). Writes: admin or configurator; host updates and
actions also operator (as StarlingX allows) and ``service`` (maintenance
and the VIM report host states with it). Another resource adds its rules
to :data:`RULES` with :func:`rule`.
"""
from oslo_config import cfg
from oslo_policy import policy

from stx_common import policy as common_policy

CONF = cfg.CONF

READ = common_policy.READER
WRITE = common_policy.ADMIN_OR_CONFIGURATOR
HOST_UPDATE = 'rule:admin_or_configurator or rule:operator or rule:service'
HOST_ADD = 'rule:admin_or_configurator or rule:service'


def rule(name, check, description, operations):
    """A documented rule: ``operations`` is a list of (METHOD, path)."""
    return policy.DocumentedRuleDefault(
        name=name, check_str=check, description=description,
        operations=[{'path': p, 'method': m} for m, p in operations])


RULES = [
    rule('sysinv:isystems:get', READ, 'List and show the system.',
         [('GET', '/v1/isystems'), ('GET', '/v1/isystems/{uuid}')]),
    rule('sysinv:isystems:modify', WRITE, 'Modify the system.',
         [('PATCH', '/v1/isystems/{uuid}')]),
    rule('sysinv:ihosts:get', READ, 'List and show hosts.',
         [('GET', '/v1/ihosts'), ('GET', '/v1/ihosts/detail'),
          ('GET', '/v1/ihosts/{ihost}')]),
    rule('sysinv:ihosts:create', HOST_ADD, 'Add a host.',
         [('POST', '/v1/ihosts')]),
    rule('sysinv:ihosts:modify', HOST_UPDATE,
         'Update a host, run a host action, report host states.',
         [('PATCH', '/v1/ihosts/{ihost}')]),
    rule('sysinv:ihosts:delete', WRITE, 'Delete a locked host.',
         [('DELETE', '/v1/ihosts/{ihost}')]),
]

_ENFORCER = None


def list_rules():
    return common_policy.BASE_RULES + RULES


def get_enforcer():
    """The process's enforcer (also the oslo.policy.enforcer entry)."""
    global _ENFORCER
    if _ENFORCER is None:
        _ENFORCER = common_policy.make_enforcer(RULES, CONF)
    return _ENFORCER


def authorize(action, context, target=None):
    common_policy.authorize(get_enforcer(), action, context, target)
