"""RPC and notifications over oslo.messaging.

One transport per process, made from ``transport_url`` by :func:`init`.
Services talk to their own manager/conductor with :class:`RPCClient`
subclasses (``call`` for answers, ``cast`` for work, ``fanout_cast`` for
every server of a topic, ``server=<host>`` for one agent) and serve RPC with
:class:`stx_common.rpc.server.RPCService`. The request context crosses the
wire through :class:`RequestContextSerializer`.
"""
from oslo_config import cfg
import oslo_messaging as messaging
from oslo_messaging._metrics import client as _metrics
from oslo_messaging._tracing import client as _tracing
from oslo_serialization import jsonutils

from stx_common import context as ctx

CONF = cfg.CONF

TRANSPORT = None
NOTIFICATION_TRANSPORT = None

# Modules whose exceptions are rebuilt on the calling side of an RPC call.
ALLOWED_EXMODS = ['stx_common.exception']


def register_messaging_opts(conf):
    """oslo.messaging's transport options, and the groups oslo.messaging
    18 only registers on the global CONF."""
    from oslo_messaging import opts as messaging_opts

    for group, opts in messaging_opts.list_opts():
        if group in (None, 'oslo_messaging_rabbit'):
            for opt in opts:
                try:
                    conf.register_opt(opt, group=group)
                except cfg.DuplicateOptError:
                    pass
    # Durable topic queues: a request sent while a server is reconnecting
    # after a broker restart waits in its queue instead of being dropped.
    conf.set_default('amqp_durable_queues', True,
                     group='oslo_messaging_rabbit')
    for group, opts in (('oslo_messaging_tracing',
                         _tracing.oslo_messaging_tracing),
                        ('oslo_messaging_metrics',
                         _metrics.oslo_messaging_metrics)):
        try:
            conf.register_opts(opts, group=group)
        except cfg.DuplicateOptError:
            pass


def init(conf=CONF, allowed_remote_exmods=()):
    """Create the process's RPC and notification transports.

    :param allowed_remote_exmods: extra modules whose exceptions may be
        raised back to an RPC caller (a service's ``exception`` module).
    """
    global TRANSPORT, NOTIFICATION_TRANSPORT
    register_messaging_opts(conf)
    exmods = ALLOWED_EXMODS + list(allowed_remote_exmods)
    TRANSPORT = messaging.get_rpc_transport(
        conf, allowed_remote_exmods=exmods)
    NOTIFICATION_TRANSPORT = messaging.get_notification_transport(
        conf, allowed_remote_exmods=exmods)


def cleanup():
    """Close the transports (at process exit or between tests)."""
    global TRANSPORT, NOTIFICATION_TRANSPORT
    for transport in (TRANSPORT, NOTIFICATION_TRANSPORT):
        if transport is not None:
            transport.cleanup()
    TRANSPORT = NOTIFICATION_TRANSPORT = None


def initialized():
    return TRANSPORT is not None


class JsonPayloadSerializer(messaging.NoOpSerializer):
    @staticmethod
    def serialize_entity(context, entity):
        return jsonutils.to_primitive(entity, convert_instances=True)


class RequestContextSerializer(messaging.Serializer):
    """Carries :class:`stx_common.context.RequestContext` over RPC."""

    def __init__(self, base=None):
        self._base = base or JsonPayloadSerializer()

    def serialize_entity(self, context, entity):
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        return context.to_dict()

    def deserialize_context(self, context):
        return ctx.RequestContext.from_dict(context)


def get_notifier(publisher_id, topics=('notifications',)):
    """A notifier for cross-service facts (host state changed, ...)."""
    return messaging.Notifier(NOTIFICATION_TRANSPORT,
                              publisher_id=publisher_id,
                              driver='messagingv2', topics=list(topics),
                              serializer=RequestContextSerializer())


def get_notification_listener(targets, endpoints, pool=None):
    """A threaded listener; ``pool`` makes listeners share the work."""
    return messaging.get_notification_listener(
        NOTIFICATION_TRANSPORT, targets, endpoints, executor='threading',
        serializer=RequestContextSerializer(), pool=pool,
        allow_requeue=True)
