"""The AMQP channel of alarm events: exchange, durable queue, connection.

Both ends use it: the alarm client publishes batches with publisher
confirms and persistent delivery; fm-manager consumes with manual acks.
The broker comes from ``transport_url``, like every other message.
"""
from urllib import parse

import kombu
from oslo_config import cfg
import oslo_messaging as messaging

CONF = cfg.CONF


def broker_url(conf=CONF):
    """kombu URL(s) for ``transport_url`` (``;`` separates fail-overs).

    ``fake://`` (unit tests only) maps to kombu's in-memory transport.
    """
    url = messaging.TransportURL.parse(conf, conf.transport_url)
    if url.transport in ('fake', 'kombu+memory', 'memory'):
        return 'memory://'
    vhost = parse.quote(url.virtual_host or '/', safe='')
    urls = []
    for host in url.hosts or [messaging.TransportHost('localhost', 5672)]:
        creds = ''
        if host.username:
            creds = '%s:%s@' % (parse.quote(host.username, safe=''),
                                parse.quote(host.password or '', safe=''))
        urls.append('amqp://%s%s:%s/%s' % (creds, host.hostname,
                                           host.port or 5672, vhost))
    return ';'.join(urls)


def exchange(conf=CONF):
    return kombu.Exchange(conf.alarms.exchange, type='direct', durable=True)


def queue(conf=CONF):
    return kombu.Queue(conf.alarms.queue, exchange=exchange(conf),
                       routing_key=conf.alarms.queue, durable=True,
                       auto_delete=False)


def connect(conf=CONF, confirm=False):
    """A new kombu connection; ``confirm`` turns on publisher confirms."""
    options = {'confirm_publish': True} if confirm else {}
    return kombu.Connection(broker_url(conf), transport_options=options,
                            heartbeat=0, connect_timeout=5)


def declare(connection, conf=CONF):
    """Declare the exchange and the durable queue bound to it."""
    channel = connection.default_channel
    bound = queue(conf)(channel)
    bound.declare()
    return bound
