"""FM's options (``/etc/fm/fm.conf``) and their list for the generator."""
from oslo_config import cfg

from stx_common import config

CONF = cfg.CONF
PROJECT = 'fm'
API_PORT = 18002

default_opts = [
    cfg.IntOpt('event_log_max_size', default=4000, min=1,
               help='Most records the event log keeps; the oldest are '
                    'pruned past it (StarlingX keeps 4000).'),
]

fm_opts = [
    cfg.StrOpt('catalogue_file',
               help='Alarm catalogue (events.yaml) to load instead of the '
                    'packaged one.'),
    cfg.IntOpt('consume_batch', default=500, min=1,
               help='Most alarm events fm-manager stores in one database '
                    'transaction.'),
    cfg.FloatOpt('consume_linger', default=0.02, min=0.0,
                 help='Seconds fm-manager waits for more alarm events '
                      'before storing a partial batch.'),
    cfg.FloatOpt('db_retry_interval', default=1.0, min=0.05,
                 help='Seconds between attempts to store alarm events '
                      'while the database is unreachable.'),
    cfg.StrOpt('system_uuid',
               help='UUID of the system, reported by /v1/alarms/summary '
                    '(set by bootstrap).'),
]

FM_GROUP = 'fm'

CONF.register_opts(default_opts)
CONF.register_opts(fm_opts, group=FM_GROUP)


def prepare(argv):
    """Parse fm's configuration for a console script."""
    return config.prepare(argv, PROJECT, api_port=API_PORT)


def list_opts():
    return [('DEFAULT', default_opts), (FM_GROUP, fm_opts)]
