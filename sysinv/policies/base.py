"""What every sysinv rule module shares: who may read and write."""
from stx_common import policy as common_policy

READ = common_policy.READER
WRITE = common_policy.ADMIN_OR_CONFIGURATOR
HOST_UPDATE = 'rule:admin_or_configurator or rule:operator or rule:service'
HOST_ADD = 'rule:admin_or_configurator or rule:service'
rule = common_policy.rule
