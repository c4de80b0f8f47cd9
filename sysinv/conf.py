"""sysinv's options (``/etc/sysinv/sysinv.conf``) and their list for the
generator.

The shared groups (``[DEFAULT] host/state_path``, ``[api]``,
``[database]``, ``[alarms]``, messaging) come from :mod:`stx_common`.
"""
from oslo_config import cfg

from stx_common import config

CONF = cfg.CONF
PROJECT = 'sysinv'
API_PORT = 6385

default_opts = [
    cfg.StrOpt('software_version',
               help='Software version reported for the system and its '
                    'hosts when bootstrap does not name one (defaults to '
                    "the Flock's version)."),
]

conductor_opts = [
    cfg.IntOpt('mtce_timeout', default=6, min=1,
               help='Seconds the conductor waits for maintenance to '
                    'answer an add or modify (StarlingX waits 6).'),
    cfg.IntOpt('mtce_delete_timeout', default=10, min=1,
               help='Seconds the conductor waits for maintenance to '
                    'answer a host delete (StarlingX waits 10).'),
    cfg.BoolOpt('vim_enabled', default=False,
                help='Send the lock family of host actions to the VIM '
                     '(nfv-vim) first, as StarlingX does; the VIM then '
                     'reports services-disabled and the conductor tells '
                     'maintenance. The VIM service does not exist yet: '
                     'when false, lock actions go to maintenance '
                     'directly.'),
    cfg.IntOpt('vim_timeout', default=5, min=1,
               help='Seconds the conductor waits for the VIM to answer a '
                    'host action (StarlingX waits 5).'),
    cfg.IntOpt('lease_update_timeout', default=5, min=1,
               help='Seconds sysinv-dnsmasq-lease-update waits for the '
                    'conductor before it gives up (dnsmasq must not be '
                    'held up).'),
]

agent_opts = [
    cfg.IntOpt('inventory_audit_interval', default=60, min=1,
               help='Seconds between two inventory audits of the agent.'),
    cfg.IntOpt('host_lookup_interval', default=30, min=1,
               help='Seconds between two attempts of the agent to find '
                    'its host record (by MAC, then hostname).'),
    cfg.IntOpt('host_lookup_timeout', default=600, min=1,
               help='Seconds the agent keeps looking for its host record '
                    'before it exits.'),
    cfg.StrOpt('host_root', default='/',
               help='Root directory whose /proc, /sys and /dev the agent '
                    'inventories (a lab host sets FLOCK_HOST_ROOT, which '
                    'wins over this option).'),
    cfg.BoolOpt('include_virtual', default=False,
                help='Also report NICs without hardware (veths, taps) as '
                     'ports: true on lab hosts, whose only NICs are '
                     'veths.'),
    cfg.IntOpt('memavail_report_mib', default=256, min=0,
               help='The agent reports memory again when the free memory '
                    'of a NUMA node moved by more than this many MiB '
                    'since its last report (other memory changes are '
                    'always reported).'),
    cfg.IntOpt('report_retry_interval', default=10, min=1,
               help='Seconds before the agent retries a report the '
                    'conductor did not take (conductor away).'),
    cfg.StrOpt('config_root',
               help='Root directory under which the agent writes runtime '
                    'configuration (etc/resolv.conf, etc/ntpsec/ntp.conf, '
                    'etc/platform/service-parameters/). Default: the host '
                    'root (FLOCK_HOST_ROOT, else host_root). A test or a '
                    'development run points it at a scratch directory.'),
    cfg.BoolOpt('write_system_config', default=False,
                help="Let the agent write runtime configuration when that "
                     "root is '/', i.e. this machine's own /etc. Off by "
                     'default, so that an agent inventorying the machine '
                     'it runs on (tests, make run) never rewrites its '
                     'resolv.conf; a real host turns it on.'),
]

CONDUCTOR_GROUP = 'conductor'
AGENT_GROUP = 'agent'

CONF.register_opts(default_opts)
CONF.register_opts(conductor_opts, group=CONDUCTOR_GROUP)
CONF.register_opts(agent_opts, group=AGENT_GROUP)


def prepare(argv):
    """Parse sysinv's configuration for a console script."""
    return config.prepare(argv, PROJECT, api_port=API_PORT)


def list_opts():
    return [('DEFAULT', default_opts), (CONDUCTOR_GROUP, conductor_opts),
            (AGENT_GROUP, agent_opts)]
