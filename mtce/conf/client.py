"""[client] options of mtce-client (the mtcClient role on every host).

StarlingX's keys where they exist (``mtc.conf`` ``[client]``); the
heartbeat keys of the same group are in :mod:`mtce.conf.heartbeat`.
"""
from oslo_config import cfg

GROUP = 'client'

opts = [(GROUP, [
    cfg.PortOpt('mtc_rx_mgmnt_port', default=2118,
                help='Port on which mtce-client receives commands on '
                     'mgmt.'),
    cfg.PortOpt('mtc_rx_clstr_port', default=2115,
                help='Port on which mtce-client receives commands on '
                     'cluster-host.'),
    cfg.FloatOpt('mtcalive_period', default=5.0, min=0.1,
                 help='Seconds between two mtcAlive messages '
                      '(StarlingX: MTC_ALIVE_TIMER, 5 s).'),
    cfg.StrOpt('controller_mgmt_address', default='controller',
               help='Where mtce-agent is on mgmt: the active controller\'s '
                    'floating address (or name).'),
    cfg.StrOpt('controller_clstr_address',
               help='Where mtce-agent is on cluster-host (unset: mtcAlive '
                    'on mgmt only).'),
    cfg.StrOpt('host_root',
               help='Root directory of this host: the relative paths '
                    'below are taken under it. Defaults to '
                    '$FLOCK_HOST_ROOT when set (a lab host), else /.'),
    cfg.StrOpt('config_dir', default='etc/config.d',
               help='The Flock: scripts run once per boot to configure '
                    'the host (in name order); all pass: the '
                    'configured flag is set, one fails: the config '
                    'failure flag.'),
    cfg.StrOpt('goenabled_dir', default='etc/goenabled.d',
               help='The goenabled (in-service test) scripts, run in name '
                    'order when maintenance asks.'),
    cfg.StrOpt('services_dir', default='etc/services.d',
               help='The host services scripts: <services_dir>/'
                    '<personality>/*, run with "start" or "stop".'),
    cfg.StrOpt('config_pass_file', default='var/run/.config_pass',
               help='Flag file: the host configured itself.'),
    cfg.StrOpt('config_fail_file', default='var/run/.config_fail',
               help='Flag file: the host failed to configure itself.'),
    cfg.FloatOpt('script_timeout', default=300.0, min=1.0,
                 help='Seconds one goenabled, services or config script '
                      'may run.'),
    cfg.ListOpt('reboot_command', default=['systemctl', 'reboot'],
                help='Command that reboots this host (a lab host: '
                     'python -m stx_lab.reboot).'),
    cfg.ListOpt('wipedisk_command', default=[],
                help='Command that wipes the host\'s disks before a '
                     'reinstall (empty: none).'),
    cfg.FloatOpt('lazy_reboot_delay', default=15.0, min=0.0,
                 help='Seconds a lazy reboot (the active controller '
                      'rebooting itself on its first unlock) waits.'),
])]
