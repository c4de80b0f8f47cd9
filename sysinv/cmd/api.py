"""sysinv-api: serve sysinv's REST API (port 6385)."""
import sys

from stx_common import rpc, service
from stx_common.api import server
from sysinv import conf
from sysinv.api import app
from sysinv.cmd import EXMODS


def main(argv=None):
    conf.prepare(sys.argv if argv is None else argv)
    rpc.init(allowed_remote_exmods=EXMODS)
    wsgi = server.WSGIService(app.make_app(), 'sysinv-api')
    service.run([wsgi], 'sysinv-api')


if __name__ == '__main__':
    main()
