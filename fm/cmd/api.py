"""fm-api: serve FM's REST API."""
import sys

from fm import conf
from fm.api import app
from fm.cmd import EXMODS
from stx_common import rpc, service
from stx_common.api import server


def main(argv=None):
    conf.prepare(sys.argv if argv is None else argv)
    rpc.init(allowed_remote_exmods=EXMODS)
    wsgi = server.WSGIService(app.make_app(), 'fm-api')
    service.run([wsgi], 'fm-api')


if __name__ == '__main__':
    main()
