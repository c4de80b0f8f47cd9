"""RPC through stx_common over the real RabbitMQ."""
import threading

import oslo_messaging as messaging
import pytest

from stx_common import context, exception, rpc
from stx_common.rpc import client, server

pytestmark = pytest.mark.functional


class Endpoint:
    target = messaging.Target(version='1.0')

    def __init__(self, name):
        self.name = name
        self.casts = []
        self.cast_seen = threading.Event()

    def echo(self, ctx, value):
        return {'server': self.name, 'value': value, 'user': ctx.user_id,
                'roles': ctx.roles}

    def remember(self, ctx, value):
        self.casts.append(value)
        self.cast_seen.set()

    @messaging.expected_exceptions(exception.FlockException)
    def refuse(self, ctx):
        raise exception.Conflict(reason='host is locked')


class EchoAPI(client.RPCClient):
    TOPIC = 'flock-test.echo'
    TIMEOUT = 10


@pytest.fixture
def servers(conf, rabbit_vhost):
    conf(transport_url=rabbit_vhost.url)
    rpc.init()
    endpoints = {name: Endpoint(name) for name in ('host-a', 'host-b')}
    services = [server.RPCService(EchoAPI.TOPIC, [endpoint], host=name)
                for name, endpoint in endpoints.items()]
    for service in services:
        service.start()
    yield endpoints
    for service in services:
        service.stop()
        service.wait()


def test_call_carries_context_and_answer(servers):
    ctx = context.RequestContext(user_id='alice', roles=['reader'])
    answer = EchoAPI().call(ctx, 'echo', value=[1, 'two'])
    assert answer['value'] == [1, 'two']
    assert answer['user'] == 'alice' and answer['roles'] == ['reader']


def test_server_targeted_call(servers):
    ctx = context.get_admin_context()
    for name in ('host-a', 'host-b'):
        assert EchoAPI().call(ctx, 'echo', server=name,
                              value=1)['server'] == name


def test_fanout_reaches_every_server(servers):
    EchoAPI().fanout_cast(context.get_admin_context(), 'remember',
                          value='hello')
    for endpoint in servers.values():
        assert endpoint.cast_seen.wait(10)
        assert endpoint.casts == ['hello']


def test_expected_exception_crosses_with_its_status(servers):
    with pytest.raises(exception.Conflict) as err:
        EchoAPI().call(context.get_admin_context(), 'refuse')
    assert err.value.code == 409
    assert 'host is locked' in str(err.value)
