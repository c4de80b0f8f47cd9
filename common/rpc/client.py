"""Base of every service's RPC client (``<svc>/.../rpcapi.py``).

A subclass names its topic and version and adds one short method per remote
verb::

    class ManagerAPI(client.RPCClient):
        TOPIC = 'fm.manager'
        VERSION = '1.0'

        def delete_alarm(self, context, uuid):
            return self.call(context, 'delete_alarm', uuid=uuid)
"""
from oslo_config import cfg
import oslo_messaging as messaging

from stx_common import rpc

CONF = cfg.CONF


class RPCClient:
    TOPIC = None
    VERSION = '1.0'
    #: seconds a call waits for its answer (None: rpc_response_timeout).
    TIMEOUT = None
    #: exchange of the serving service when it is another service's (None:
    #: this process's control exchange, i.e. its own service).
    EXCHANGE = None
    #: raise MessageUndeliverable at once when no queue takes the message
    #: (the server was never started) instead of waiting for the timeout.
    AT_LEAST_ONCE = False

    def __init__(self, topic=None, version_cap=None, at_least_once=None):
        if not rpc.initialized():
            rpc.init()
        self.topic = topic or self.TOPIC
        target = messaging.Target(topic=self.topic, version=self.VERSION,
                                  exchange=self.EXCHANGE)
        if at_least_once is None:
            at_least_once = self.AT_LEAST_ONCE
        options = (messaging.TransportOptions(at_least_once=True)
                   if at_least_once else None)
        self._client = messaging.get_rpc_client(
            rpc.TRANSPORT, target, version_cap=version_cap,
            serializer=rpc.RequestContextSerializer(),
            transport_options=options)

    def _prepare(self, server=None, fanout=False, timeout=None,
                 version=None):
        kwargs = {}
        if server is not None:
            kwargs['server'] = server
        if fanout:
            kwargs['fanout'] = True
        timeout = timeout if timeout is not None else self.TIMEOUT
        if timeout is not None:
            kwargs['timeout'] = timeout
        if version is not None:
            kwargs['version'] = version
        return self._client.prepare(**kwargs) if kwargs else self._client

    def call(self, context, method, server=None, timeout=None,
             version=None, **kwargs):
        """Invoke ``method`` remotely and return its answer."""
        return self._prepare(server, timeout=timeout,
                             version=version).call(context, method, **kwargs)

    def cast(self, context, method, server=None, version=None, **kwargs):
        """Send ``method`` to one server without waiting."""
        self._prepare(server, version=version).cast(context, method,
                                                    **kwargs)

    def fanout_cast(self, context, method, version=None, **kwargs):
        """Send ``method`` to every server listening on the topic."""
        self._prepare(fanout=True, version=version).cast(context, method,
                                                         **kwargs)
