"""[pmon] options of pmond, the per-host process monitor.

StarlingX reads these from ``pmond.conf`` (``[config] audit_period``,
``hostwd_update_period``, ``pmon_amon_port``; ``[timeouts] start_delay``);
the keys and defaults are the same here, in one ``[pmon]`` group.
"""
from oslo_config import cfg

GROUP = 'pmon'

opts = [(GROUP, [
    cfg.StrOpt('host_root',
               help='Root directory of this host: absolute paths in process '
                    'files (pidfile, script) and relative option paths are '
                    'taken under it. Defaults to $FLOCK_HOST_ROOT when set '
                    '(a lab host), else /.'),
    cfg.StrOpt('conf_dir', default='etc/pmon.d',
               help='Directory of the per-process files (every *.conf, '
                    'section [process]); relative to host_root.'),
    cfg.IntOpt('audit_period', default=500, min=50, max=999,
               help='Milliseconds between two audits of the monitored '
                    'processes (StarlingX: 500, range 50-999).'),
    cfg.IntOpt('start_delay', default=30, min=0, max=120,
               help='Seconds after start (and after goenabled_file appears, '
                    'when set) before monitoring begins (StarlingX: 30, '
                    'range 1-120; 0 starts at once).'),
    cfg.StrOpt('goenabled_file', default='',
               help='Flag file (relative to host_root) whose presence means '
                    'the host passed its goenabled tests; monitoring waits '
                    'for it and processes with full_init_reqd are only '
                    'restarted once it exists. Empty: do not wait.'),
    cfg.IntOpt('hostwd_update_period', default=30, min=1,
               help='Seconds between two quorum health reports to the host '
                    'watchdog.'),
    cfg.PortOpt('pmon_amon_port', default=2200,
                help='UDP port on 127.0.0.1 pmond receives the replies of '
                     'actively monitored processes on.'),
    cfg.IntOpt('event_resend_audits', default=3, min=1,
               help='While a major or critical process stays failed, its '
                    'event is sent to maintenance again every this many '
                    'audits (StarlingX: 3).'),
    cfg.FloatOpt('reload_check_period', default=2.0, min=0.1,
                 help='Seconds between two checks of conf_dir for added, '
                      'changed or removed process files (reloaded at '
                      'runtime).'),
    cfg.StrOpt('notifier', default='log',
               help='Where process events go for maintenance: "log" (the '
                    'default: pmond\'s log only) or "module:attribute" '
                    'naming a ProcessNotifier class or factory.'),
])]
