"""Notifications through stx_common carry their payload and context."""
import threading

import pytest

from stx_common import context, rpc

pytestmark = pytest.mark.functional


class Collector:
    def __init__(self):
        self.seen = []
        self.arrived = threading.Event()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self.seen.append((ctxt, publisher_id, event_type, payload))
        self.arrived.set()


def test_notification_reaches_a_listener(conf, rabbit_vhost):
    import oslo_messaging as messaging

    conf(transport_url=rabbit_vhost.url)
    rpc.init()
    collector = Collector()
    listener = rpc.get_notification_listener(
        [messaging.Target(topic='flock-test-notes')], [collector])
    listener.start()
    try:
        notifier = rpc.get_notifier('sysinv.controller-0',
                                    topics=['flock-test-notes'])
        ctx = context.RequestContext(user_id='alice', roles=['admin'],
                                     request_id='req-1234')
        notifier.info(ctx, 'host.state.changed',
                      {'hostname': 'worker-0', 'availability': 'available'})
        assert collector.arrived.wait(20)
    finally:
        listener.stop()
        listener.wait()
    ctxt, publisher, event_type, payload = collector.seen[0]
    assert publisher == 'sysinv.controller-0'
    assert event_type == 'host.state.changed'
    assert payload == {'hostname': 'worker-0', 'availability': 'available'}
    assert ctxt.user_id == 'alice' and ctxt.request_id == 'req-1234'
