"""fm-manager: consume alarm events and serve FM's write RPCs."""
import sys

from fm import catalog, conf
from fm.cmd import EXMODS
from fm.conf import CONF
from fm.db import api as db_api
from fm.manager import consumer, manager, rpcapi, suppression
from stx_common import rpc, service
from stx_common.db import migration
from stx_common.rpc import server


def main(argv=None):
    conf.prepare(sys.argv if argv is None else argv)
    rpc.init(allowed_remote_exmods=EXMODS)
    catalogue = catalog.load(CONF.fm.catalogue_file)
    migration.wait_for_database(CONF.database.connection, timeout=300)
    dbapi = db_api.Connection()
    suppression.sync(dbapi, catalogue)
    parts = [
        server.RPCService(rpcapi.TOPIC,
                          [manager.FaultManager(dbapi, catalogue)]),
        consumer.AlarmConsumer(dbapi, catalogue),
    ]
    service.run(parts, 'fm-manager')


if __name__ == '__main__':
    main()
