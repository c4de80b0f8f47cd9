"""An RPC server (threading executor) as a start/stop service."""
from oslo_config import cfg
from oslo_log import log
import oslo_messaging as messaging

from stx_common import rpc

CONF = cfg.CONF
LOG = log.getLogger(__name__)


class RPCService:
    """Serves ``endpoints`` on ``topic`` for server ``host``.

    Both the topic queue and the host's own queue (``topic.host``) are
    consumed, so callers can address any server or this one.
    """

    def __init__(self, topic, endpoints, host=None):
        self.topic = topic
        self.host = host or CONF.host
        self.endpoints = endpoints
        self._server = None

    def start(self):
        if not rpc.initialized():
            rpc.init()
        target = messaging.Target(topic=self.topic, server=self.host)
        self._server = messaging.get_rpc_server(
            rpc.TRANSPORT, target, self.endpoints, executor='threading',
            serializer=rpc.RequestContextSerializer(),
            access_policy=messaging.DefaultRPCAccessPolicy)
        self._server.start()
        LOG.info('RPC server %s on topic %s started', self.host, self.topic)

    def stop(self):
        if self._server is not None:
            self._server.stop()

    def wait(self):
        if self._server is not None:
            self._server.wait()
            self._server = None
