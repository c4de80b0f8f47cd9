"""[DEFAULT] options shared by every service."""
import os
import socket

from oslo_config import cfg

opts = [
    cfg.StrOpt('host', default=socket.gethostname(),
               sample_default='<hostname>',
               help='Name of this host: the RPC server name of this '
                    'process and the host reported in its records.'),
    cfg.StrOpt('state_path', default=os.path.join('/var', 'lib', 'flock'),
               help='Directory holding the state of this service (SQLite '
                    'database when [database] connection is not set, '
                    'alarm spool, ...).'),
]


def register_opts(conf):
    conf.register_opts(opts)
