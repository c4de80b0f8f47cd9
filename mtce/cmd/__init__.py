"""Console scripts of mtce (``mtce-agent``, ``mtce-client``)."""
import os
import socket

from mtce import conf as _conf  # noqa: F401  (registers mtce's options)
from stx_common import config, rpc

CONF = config.CONF
HOST_ENV = 'FLOCK_HOST'
HOST_ROOT_ENV = 'FLOCK_HOST_ROOT'


def prepare(argv):
    """Parse mtce's configuration; on a lab host the defaults follow its
    environment (its name, its root directory)."""
    CONF.set_default('host', os.environ.get(HOST_ENV) or
                     socket.gethostname())
    config.prepare(argv, 'mtce')
    root = os.environ.get(HOST_ROOT_ENV)
    if root and CONF.state_path == '/var/lib/mtce':
        CONF.set_default('state_path', os.path.join(root, 'var/lib/mtce'))
        os.makedirs(CONF.state_path, exist_ok=True)
    rpc.init(CONF)
    return CONF
