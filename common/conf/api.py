"""[api] options shared by every REST API process.

``bind_port`` has no default here: each service sets its StarlingX port as
the default when it prepares its configuration.
"""
from oslo_config import cfg

GROUP = 'api'

opts = [
    cfg.HostAddressOpt('bind_host', default='127.0.0.1',
                       help='Address the REST API listens on.'),
    cfg.PortOpt('bind_port',
                help='Port the REST API listens on (defaults to the '
                     "service's StarlingX port)."),
    cfg.StrOpt('auth_strategy', default='keystone',
               choices=[('keystone', 'Keystone tokens checked by '
                         'keystonemiddleware, roles checked by policy'),
                        ('noauth', 'no authentication; every request '
                         'acts as admin (development only)')],
               help='How API requests are authenticated.'),
    cfg.IntOpt('api_workers', default=8, min=1,
               help='Number of threads serving API requests.'),
    cfg.IntOpt('limit_max', default=2000, min=1,
               help='The largest page a list request may ask for.'),
    cfg.StrOpt('public_endpoint',
               help='Base URL used in the "next" and self links; '
                    'defaults to the host URL of each request.'),
]


def register_opts(conf):
    conf.register_opts(opts, group=GROUP)
