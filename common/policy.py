"""oslo.policy enforcement with the roles StarlingX uses.

Roles: ``admin``, ``configurator``, ``operator``, ``reader`` (and
``service`` for the Flock's own services). Reads are open to any of the
four; writes need admin or configurator unless a service's own rules say
otherwise. A service lists its rules in ``<svc>/policies.py`` on top of
:data:`BASE_RULES` and calls :func:`authorize` from its controllers.
"""
from oslo_config import cfg
from oslo_policy import policy

from stx_common import exception

CONF = cfg.CONF

ADMIN_OR_CONFIGURATOR = 'rule:admin_or_configurator'
READER = 'rule:reader_or_operator_or_configurator'

BASE_RULES = [
    policy.RuleDefault('admin', 'role:admin',
                       description='The admin role.'),
    policy.RuleDefault('configurator', 'role:configurator',
                       description='The configurator role.'),
    policy.RuleDefault('operator', 'role:operator',
                       description='The operator role.'),
    policy.RuleDefault('reader', 'role:reader',
                       description='The reader role.'),
    policy.RuleDefault('service', 'role:service',
                       description="The Flock's own services."),
    policy.RuleDefault('admin_or_configurator',
                       'rule:admin or rule:configurator',
                       description='Who may change things.'),
    policy.RuleDefault('reader_or_operator_or_configurator',
                       'rule:admin or rule:configurator or rule:operator '
                       'or rule:reader or rule:service',
                       description='Who may read things.'),
]


def rule(name, check, description, operations):
    """A documented rule; ``operations`` is a list of (METHOD, path)."""
    return policy.DocumentedRuleDefault(
        name=name, check_str=check, description=description,
        operations=[{'path': p, 'method': m} for m, p in operations])


class PolicyNotAuthorized(exception.Forbidden):
    msg_fmt = 'Policy doesn\'t allow %(action)s to be performed.'


def make_enforcer(rules, conf=CONF):
    """An enforcer knowing :data:`BASE_RULES` and ``rules``."""
    enforcer = policy.Enforcer(conf)
    enforcer.register_defaults(BASE_RULES)
    enforcer.register_defaults(rules)
    return enforcer


def authorize(enforcer, action, context, target=None):
    """Raise :class:`PolicyNotAuthorized` (403) unless allowed."""
    if target is None:
        target = {'project_id': context.project_id,
                  'user_id': context.user_id}
    credentials = context.to_policy_values()
    credentials['is_admin'] = context.is_admin
    if not enforcer.enforce(action, target, credentials):
        raise PolicyNotAuthorized(action=action)


class ServicePolicy:
    """A service's rules and its process-wide enforcer.

    A service's ``policies`` module makes one and exposes its methods:
    ``list_rules`` (the ``oslo.policy.policies`` entry point),
    ``get_enforcer`` (``oslo.policy.enforcer``) and ``authorize``.
    """

    def __init__(self, rules, conf=CONF):
        self.rules = list(rules)
        self.conf = conf
        self._enforcer = None

    def list_rules(self):
        return BASE_RULES + self.rules

    def get_enforcer(self):
        if self._enforcer is None:
            self._enforcer = make_enforcer(self.rules, self.conf)
        return self._enforcer

    def authorize(self, action, context, target=None):
        authorize(self.get_enforcer(), action, context, target)
