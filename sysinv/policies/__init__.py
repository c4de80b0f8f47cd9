"""sysinv's policy rules (oslo.policy), on top of the shared role rules.

Reads: reader, operator, configurator, admin (and the platform's own
``service`` users). Writes: admin or configurator; host updates and
actions also operator (as StarlingX allows) and ``service`` (maintenance
and the VIM report host states with it). Each area keeps its rules in a
module of this package; :func:`list_rules` and the enforcer know them
all.
"""
from oslo_config import cfg

from stx_common import policy as common_policy
from sysinv.policies import hosts, inventory, logical
from sysinv.policies.base import (  # noqa: F401  (the names rules use)
    HOST_ADD,
    HOST_UPDATE,
    READ,
    WRITE,
    rule,
)

CONF = cfg.CONF

RULES = list(hosts.RULES) + list(inventory.RULES) + list(logical.RULES)

_POLICY = common_policy.ServicePolicy(RULES, CONF)
list_rules = _POLICY.list_rules
get_enforcer = _POLICY.get_enforcer
authorize = _POLICY.authorize
