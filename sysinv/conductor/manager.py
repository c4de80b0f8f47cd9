"""sysinv-conductor's RPC endpoints: a facade.

One method per RPC verb of :class:`sysinv.conductor.rpcapi.ConductorAPI`;
each delegates to a flow module of :mod:`sysinv.conductor`. Expected
errors (:class:`stx_common.exception.FlockException`) travel back to the
caller with their message and HTTP code.
"""
from oslo_log import log
import oslo_messaging as messaging

from stx_common import exception as common_exc

LOG = log.getLogger(__name__)

_EXPECTED = (common_exc.FlockException,)


class ConductorManager:
    target = messaging.Target(version='1.0')

    def __init__(self, dbapi):
        self.dbapi = dbapi

    @messaging.expected_exceptions(*_EXPECTED)
    def get_ihost_by_macs(self, context, macs):
        return self.dbapi.get_host_by_macs(
            [m.lower() for m in macs or ()])

    @messaging.expected_exceptions(*_EXPECTED)
    def get_ihost_by_hostname(self, context, hostname):
        hosts = self.dbapi.list_hosts(filters={'hostname': hostname})
        return hosts[0] if hosts else None
