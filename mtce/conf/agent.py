"""[agent] options of mtce-agent (the mtcAgent role).

StarlingX's keys keep their names and defaults (``mtc.conf`` /
``mtc.ini`` ``[agent]``); the Flock's own are marked as such. The
heartbeat keys of the same group are in :mod:`mtce.conf.heartbeat`.
"""
from oslo_config import cfg

GROUP = 'agent'


def _ar(cause, threshold, interval, what):
    return [
        cfg.IntOpt('ar_%s_threshold' % cause, default=threshold, min=0,
                   help='%s failures of an unlocked host that are '
                        'auto-recovered (by a reboot and a new enable); '
                        'one more stops auto-recovery until a lock and '
                        'unlock ("threshold reached, Lock/Unlock to '
                        'retry").' % what),
        cfg.IntOpt('ar_%s_interval' % cause, default=interval, min=0,
                   help='Seconds between a %s failure and its '
                        'auto-recovery.' % what.lower()),
    ]


opts = [(GROUP, [
    cfg.PortOpt('mtc_rx_mgmnt_port', default=2101,
                help='Port on which mtce-agent receives mtcAlive messages '
                     'and command results on mgmt.'),
    cfg.PortOpt('mtc_rx_clstr_port', default=2111,
                help='Port on which mtce-agent receives mtcAlive messages '
                     'and command results on cluster-host.'),
    *_ar('config', 2, 30, 'Configuration'),
    *_ar('goenable', 2, 30, 'In-test (goenabled)'),
    *_ar('hostservices', 2, 30, 'Host services start'),
    *_ar('heartbeat', 2, 600, 'Heartbeat soak'),
    *_ar('luks', 2, 30, 'LUKS volume'),
    cfg.IntOpt('autorecovery_threshold', default=3, min=0,
               help='Self reboots an all-in-one simplex controller makes to '
                    'recover from critical failures before it stays '
                    'degraded instead.'),
    cfg.IntOpt('offline_period', default=100, min=10,
               help='Milliseconds between two offline audits of a host '
                    '(mtcAlive requests while it is being declared '
                    'offline).'),
    cfg.IntOpt('offline_threshold', default=90, min=1,
               help='Offline audits without an mtcAlive before a locked '
                    'host is offline (offline_period x offline_threshold: '
                    '9 s by default).'),
    cfg.IntOpt('insv_test_period', default=10, min=1,
               help='Seconds between two in-service tests of an enabled '
                    'host (its mtcAlive flags, BMC access).'),
    cfg.IntOpt('oos_test_period', default=300, min=1,
               help='Seconds between two out-of-service tests of a '
                    'locked host (BMC access).'),
    cfg.IntOpt('bmc_reset_delay', default=300, min=0,
               help='Seconds after a failed host was sent a reboot before '
                    'it is reset through its BMC, unless it answers '
                    'first (time for a crash dump).'),
    cfg.IntOpt('api_retries', default=10, min=0,
               help='Retries of a state report to sysinv that failed.'),
    cfg.IntOpt('http_retry_wait', default=10, min=0,
               help='Seconds between two retries of a state report to '
                    'sysinv.'),
    cfg.IntOpt('max_fast_enables', default=5, min=1,
               help='Graceful recoveries of a host before it is taken '
                    'through a full enable (StarlingX: '
                    'MTC_MAX_FAST_ENABLES).'),
    cfg.FloatOpt('answer_hold', default=0.5, min=0.0,
                 help='The Flock: seconds between the answer to a sysinv '
                      'request and the first state report it leads to, '
                      'so sysinv has recorded the request when the states '
                      'change.'),
    cfg.StrOpt('bmc_secrets_file', default='$state_path/bmc-secrets',
               help='The Flock: encrypted store of the hosts\' BMC '
                    'passwords (given by sysinv with bm_password).'),
    cfg.StrOpt('bmc_key_file', default='$state_path/bmc-secrets.key',
               help='The Flock: key of the BMC password store (created '
                    'mode 0600 when missing).'),
    cfg.StrOpt('hwmon_hosts_file', default='$state_path/hwmon-hosts.json',
               help='The Flock: where mtce-agent writes the hosts with a '
                    'BMC for hwmond (no passwords: hwmond reads those '
                    'from the encrypted store).'),
    cfg.IntOpt('bmc_audit_period', default=120, min=1,
               help='The Flock: seconds between two BMC access checks of '
                    'a host (5 failed checks in a row raise 200.010).'),
    cfg.BoolOpt('load_inventory', default=True,
                help='The Flock: read every host from sysinv at start-up '
                     '(StarlingX reads v1/ihosts).'),
])]
