"""mtce-client: ``mtce-client --config-file /etc/mtce/mtce.conf``."""
import sys

from mtce.client import service as client_service
from mtce.cmd import prepare
from mtce.heartbeat import client as hbclient
from stx_common import service


def main(argv=None):
    conf = prepare(sys.argv if argv is None else argv)
    parts = [client_service.MtcClient(conf), hbclient.HeartbeatClient(conf)]
    service.run(parts, 'mtce-client')


if __name__ == '__main__':
    main()
