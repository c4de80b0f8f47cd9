"""pmond: ``pmond --config-file /etc/mtce/mtce.conf``."""
import os
import socket
import sys

from mtce import conf as _conf  # noqa: F401  (registers mtce's options)
from mtce.pmon import service as pmon_service
from stx_common import alarms, config, rpc, service

CONF = config.CONF


def prepare(argv):
    """Parse pmond's configuration; a lab host's defaults follow its
    environment (name, root directory)."""
    CONF.set_default('host', os.environ.get('FLOCK_HOST') or
                     socket.gethostname())
    config.prepare(argv, 'mtce')
    rpc.init(CONF)          # transport_url: where the alarm queue is
    root = os.environ.get(pmon_service.HOST_ROOT_ENV)
    if root and CONF.state_path == '/var/lib/mtce':
        CONF.set_default('state_path', os.path.join(root, 'var/lib/mtce'))
    return CONF


def main(argv=None):
    prepare(sys.argv if argv is None else argv)
    part = pmon_service.PmonService()
    try:
        service.run([part], 'pmond')
    finally:
        alarms.reset_client()


if __name__ == '__main__':
    main()
