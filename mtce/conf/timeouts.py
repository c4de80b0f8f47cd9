"""[timeouts] options of mtce-agent (StarlingX's ``mtc.ini``
``[timeouts]`` keys and defaults; the Flock's own are marked)."""
from oslo_config import cfg

GROUP = 'timeouts'

opts = [(GROUP, [
    cfg.IntOpt('controller_boot_timeout', default=1200, min=1,
               help='Seconds a rebooted controller has to send its first '
                    'mtcAlive before its enable fails.'),
    cfg.IntOpt('worker_boot_timeout', default=720, min=1,
               help='Seconds a rebooted worker (or storage) host has to '
                    'send its first mtcAlive before its enable fails.'),
    cfg.IntOpt('goenabled_timeout', default=600, min=1,
               help='Seconds the goenabled (in-service) tests may take.'),
    cfg.IntOpt('host_services_timeout', default=300, min=1,
               help='Seconds the start or stop of host services may '
                    'take.'),
    cfg.FloatOpt('loc_recovery_timeout', default=5.0, min=0.1,
                 help='Seconds graceful recovery waits for an mtcAlive '
                      'after a heartbeat loss before the host is failed '
                      '("Loss Of Communication").'),
    cfg.FloatOpt('recovery_wait', default=2.0, min=0.0,
                 help='Seconds graceful recovery waits after a heartbeat '
                      'loss before it asks the host for an mtcAlive.'),
    cfg.IntOpt('node_reinstall_timeout', default=2400, min=1,
               help='Seconds a reinstall may take.'),
    cfg.IntOpt('swact_timeout', default=120, min=1,
               help='Seconds a swact may take.'),
    cfg.FloatOpt('sysinv_timeout', default=20.0, min=0.1,
                 help='Seconds a state report to sysinv may take.'),
    cfg.FloatOpt('sysinv_noncrit_timeout', default=10.0, min=0.1,
                 help='Seconds a non-critical sysinv request (the '
                      'inventory load) may take.'),
    cfg.FloatOpt('heartbeat_soak', default=11.0, min=0.0,
                 help='Seconds of good heartbeat an enabling host needs '
                      '(StarlingX: MTC_HEARTBEAT_SOAK_BEFORE_ENABLE).'),
    cfg.FloatOpt('heartbeat_soak_during_add', default=11.0, min=0.0,
                 help='Seconds of good heartbeat an enabled host found '
                      'at start-up needs (MTC_HEARTBEAT_SOAK_DURING_ADD).'),
    cfg.FloatOpt('reboot_ack_timeout', default=10.0, min=0.1,
                 help='The Flock: seconds a reboot request waits for the '
                      'host to go down before it is sent again.'),
    cfg.IntOpt('reboot_retries', default=5, min=1,
               help='Reboot requests sent before a reset through the BMC '
                    '(StarlingX: 5).'),
    cfg.IntOpt('power_retries', default=5, min=1,
               help='Attempts of a power-on or power-off (StarlingX: 5).'),
    cfg.FloatOpt('power_retry_interval', default=20.0, min=0.0,
                 help='Seconds between two power-on or power-off '
                      'attempts.'),
    cfg.IntOpt('reset_retries', default=10, min=1,
               help='Attempts of a reset (StarlingX: 10).'),
    cfg.FloatOpt('reset_retry_interval', default=10.0, min=0.0,
                 help='Seconds between two reset attempts.'),
    cfg.FloatOpt('power_verify_timeout', default=30.0, min=0.1,
                 help='The Flock: seconds a power action waits for the '
                      'BMC to report the new power state.'),
    cfg.FloatOpt('task_hold', default=30.0, min=0.0,
                 help='Seconds a completion task ("Power-Off Completed", '
                      '"Reset Complete" ...) is shown before it is '
                      'cleared.'),
    cfg.FloatOpt('force_lock_reset_wait', default=30.0, min=0.0,
                 help='Seconds a force lock waits for the reset host to '
                      'go offline (MTC_FORCE_LOCK_RESET_WAIT).'),
    cfg.FloatOpt('host_add_delay', default=0.0, min=0.0,
                 help='Seconds after a host is added before it is put '
                      'under heartbeat and alarm tracking (StarlingX: 20).'),
])]
