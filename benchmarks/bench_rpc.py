"""RPC call round trip through stx_common vs a bare kombu round trip.

Both run in this process against the same broker and vhost: a server
thread answering, a client calling one request at a time. The bare kombu
exchange (publish, consume, reply to a reply queue, correlate) is the
floor any RPC layer on AMQP pays.
"""
import threading
import uuid

import kombu
from oslo_config import cfg
import oslo_messaging as messaging

from benchmarks import common
from stx_common import config, context, rpc
from stx_common.alarms import channel
from stx_common.rpc import client, server
from stx_common.testing import rabbit

COUNT = 2000


class Echo:
    target = messaging.Target(version='1.0')

    def echo(self, ctx, value):
        return value


class EchoAPI(client.RPCClient):
    TOPIC = 'bench.echo'


def _stx_rpc():
    service = server.RPCService(EchoAPI.TOPIC, [Echo()], host='bench')
    service.start()
    api, ctx = EchoAPI(), context.get_admin_context()
    try:
        return common.timed(lambda: api.call(ctx, 'echo', value='x'), COUNT)
    finally:
        service.stop()
        service.wait()


def _bare_kombu(url):
    stop = threading.Event()
    ready = threading.Event()
    request_queue = kombu.Queue('bench.bare.%s' % uuid.uuid4().hex,
                                exclusive=True, auto_delete=True)

    def serve():
        with kombu.Connection(url) as conn:
            producer = conn.Producer()

            def on_request(body, message):
                producer.publish(body, routing_key=message.properties[
                    'reply_to'], correlation_id=message.properties[
                        'correlation_id'], serializer='json')
                message.ack()

            with conn.Consumer(request_queue, callbacks=[on_request]):
                ready.set()
                while not stop.is_set():
                    try:
                        conn.drain_events(timeout=0.2)
                    except TimeoutError:
                        pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    with kombu.Connection(url) as conn:
        reply_queue = kombu.Queue('bench.reply.%s' % uuid.uuid4().hex,
                                  exclusive=True, auto_delete=True)
        replies = []
        consumer = conn.Consumer(reply_queue,
                                 callbacks=[lambda b, m: (replies.append(b),
                                                          m.ack())])
        consumer.consume()
        producer = conn.Producer()

        def call():
            correlation = uuid.uuid4().hex
            producer.publish({'value': 'x'}, routing_key=request_queue.name,
                             reply_to=reply_queue.name,
                             correlation_id=correlation, serializer='json')
            while not replies:
                conn.drain_events(timeout=5)
            replies.pop()

        samples = common.timed(call, COUNT)
        consumer.cancel()
    stop.set()
    thread.join(5)
    return samples


def run():
    vhost = rabbit.Vhost('flock-bench').create()
    try:
        config.register_logging(cfg.CONF)
        rpc.register_messaging_opts(cfg.CONF)
        cfg.CONF([], project='flock-bench', default_config_files=[])
        cfg.CONF.set_override('transport_url', vhost.url)
        rpc.init()
        bare = _bare_kombu(channel.broker_url())
        flock = _stx_rpc()
        rpc.cleanup()
    finally:
        vhost.delete()
    common.header('RPC call round trip (%d calls, one at a time)' % COUNT)
    common.line('bare kombu (floor)', common.describe(bare))
    common.line('stx_common RPC call', common.describe(flock))
    common.line('ratio p50 stx_common / bare', '%.2fx (target <= 1.5x)' % (
        common.percentile(flock, .5) / common.percentile(bare, .5)))
