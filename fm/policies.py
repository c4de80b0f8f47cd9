"""FM's policy rules (oslo.policy), on top of the shared role rules."""
from oslo_config import cfg
from oslo_policy import policy

from stx_common import policy as common_policy

CONF = cfg.CONF


def _rule(name, check, description, operations):
    return policy.DocumentedRuleDefault(
        name=name, check_str=check, description=description,
        operations=[{'path': p, 'method': m} for m, p in operations])


RULES = [
    _rule('fm:alarm:get', common_policy.READER, 'List and show alarms.',
          [('GET', '/v1/alarms'), ('GET', '/v1/alarms/{uuid}'),
           ('GET', '/v1/alarms/summary'), ('GET', '/v1/alarms/detail')]),
    _rule('fm:alarm:create', common_policy.ADMIN_OR_CONFIGURATOR,
          'Raise an alarm or record a log through the API.',
          [('POST', '/v1/alarms')]),
    _rule('fm:alarm:modify', common_policy.ADMIN_OR_CONFIGURATOR,
          'Change an active alarm.', [('PUT', '/v1/alarms/{uuid}')]),
    _rule('fm:alarm:delete', common_policy.ADMIN_OR_CONFIGURATOR,
          'Delete an active alarm.', [('DELETE', '/v1/alarms/{uuid}')]),
    _rule('fm:event_log:get', common_policy.READER,
          'List and show event log records.',
          [('GET', '/v1/event_log'), ('GET', '/v1/event_log/{uuid}')]),
    _rule('fm:event_suppression:get', common_policy.READER,
          'List and show event suppression.',
          [('GET', '/v1/event_suppression'),
           ('GET', '/v1/event_suppression/{uuid}')]),
    _rule('fm:event_suppression:modify',
          common_policy.ADMIN_OR_CONFIGURATOR,
          'Suppress or unsuppress an alarm id.',
          [('PATCH', '/v1/event_suppression/{uuid}')]),
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
