"""[alarms] options of the alarm client every process uses."""
from oslo_config import cfg

GROUP = 'alarms'

opts = [
    cfg.StrOpt('exchange', default='fm.alarms',
               help='AMQP exchange the alarm client publishes to (direct, '
                    'durable; not the RPC exchange of FM).'),
    cfg.StrOpt('queue', default='fm.alarms',
               help='Durable queue fm-manager consumes alarm events from.'),
    cfg.StrOpt('spool_dir',
               help='Directory of the local spool that holds raised alarm '
                    'events until the broker has confirmed them (survives '
                    'a crash of the raising process). Defaults to '
                    '$state_path/alarm-spool.'),
    cfg.FloatOpt('retry_interval', default=0.5, min=0.05,
                 help='Seconds between attempts to reach the broker while '
                      'spooled alarm events wait.'),
]


def register_opts(conf):
    conf.register_opts(opts, group=GROUP)
