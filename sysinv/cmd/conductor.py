"""sysinv-conductor: serve the conductor's RPC API."""
import sys

from stx_common import rpc, service
from stx_common.db import migration
from stx_common.rpc import server
from sysinv import conf
from sysinv.cmd import EXMODS
from sysinv.conductor import manager, rpcapi
from sysinv.conf import CONF
from sysinv.db import api as db_api


def main(argv=None):
    conf.prepare(sys.argv if argv is None else argv)
    rpc.init(allowed_remote_exmods=EXMODS)
    migration.wait_for_database(CONF.database.connection, timeout=300)
    endpoint = manager.ConductorManager(db_api.Connection())
    service.run([server.RPCService(rpcapi.TOPIC, [endpoint])],
                'sysinv-conductor')


if __name__ == '__main__':
    main()
