"""FM's policy rules (oslo.policy), on top of the shared role rules."""
from oslo_config import cfg

from stx_common import policy as common_policy

CONF = cfg.CONF
rule = common_policy.rule
READER = common_policy.READER
WRITER = common_policy.ADMIN_OR_CONFIGURATOR

RULES = [
    rule('fm:alarm:get', READER, 'List and show alarms.',
         [('GET', '/v1/alarms'), ('GET', '/v1/alarms/{uuid}'),
          ('GET', '/v1/alarms/summary'), ('GET', '/v1/alarms/detail')]),
    rule('fm:alarm:create', WRITER,
         'Raise an alarm or record a log through the API.',
         [('POST', '/v1/alarms')]),
    rule('fm:alarm:modify', WRITER, 'Change an active alarm.',
         [('PUT', '/v1/alarms/{uuid}')]),
    rule('fm:alarm:delete', WRITER, 'Delete an active alarm.',
         [('DELETE', '/v1/alarms/{uuid}')]),
    rule('fm:event_log:get', READER, 'List and show event log records.',
         [('GET', '/v1/event_log'), ('GET', '/v1/event_log/{uuid}')]),
    rule('fm:event_suppression:get', READER,
         'List and show event suppression.',
         [('GET', '/v1/event_suppression'),
          ('GET', '/v1/event_suppression/{uuid}')]),
    rule('fm:event_suppression:modify', WRITER,
         'Suppress or unsuppress an alarm id.',
         [('PATCH', '/v1/event_suppression/{uuid}')]),
]

_POLICY = common_policy.ServicePolicy(RULES, CONF)
list_rules = _POLICY.list_rules
get_enforcer = _POLICY.get_enforcer
authorize = _POLICY.authorize
