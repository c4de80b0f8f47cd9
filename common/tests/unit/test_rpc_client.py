"""RPCClient: the target's exchange and the delivery options."""
from stx_common.rpc import client


class OtherService(client.RPCClient):
    TOPIC = 'other.agent'
    EXCHANGE = 'other'
    AT_LEAST_ONCE = True


class OwnService(client.RPCClient):
    TOPIC = 'own.manager'


def test_another_services_exchange_and_fail_fast(conf):
    rpc_client = OtherService()
    assert rpc_client._client.target.exchange == 'other'
    assert rpc_client._client.transport_options.at_least_once


def test_defaults_keep_the_own_exchange(conf):
    rpc_client = OwnService()
    assert rpc_client._client.target.exchange is None
    assert rpc_client._client.transport_options is None
    assert OwnService(at_least_once=True)._client.transport_options
