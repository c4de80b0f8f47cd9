"""Pulse messages sealed and opened with stx_common.datagram."""
import pytest

from mtce.heartbeat import protocol
from stx_common import datagram

KEY = b'site key'


def _open(data, opener=None):
    opener = opener or datagram.Opener(KEY)
    return protocol.decode(opener.open(data))


def test_request_round_trip():
    sealer = datagram.Sealer(KEY, 'controller-0')
    request = _open(protocol.seal_request(sealer, 'cluster-host', 42, 9, 50,
                                          (4, 3)))
    assert request == protocol.Request('controller-0', 'cluster-host', 42,
                                       9, 50, (4, 3))


def test_response_echoes_the_request_with_flags_and_peer_views():
    request = protocol.Request('controller-0', 'mgmt', 42, 9, 50, (4, 4))
    sealer = datagram.Sealer(KEY, 'worker-0')
    flags = protocol.FLAG_PMOND_ALIVE | protocol.FLAG_CLUSTER_HOST_PROVISIONED
    response = _open(protocol.seal_response(
        sealer, request, flags, {'controller-1': {'mgmt': (4, 2)}}))
    assert response == protocol.Response(
        'worker-0', 'mgmt', 42, 9, 3, {'controller-1': {'mgmt': (4, 2)}})


def test_pmon_pulse():
    sealer = datagram.Sealer(KEY, 'pmond')
    assert _open(protocol.seal_pmon_pulse(sealer)) == protocol.PMON


def test_forged_and_replayed_pulses_are_rejected():
    request = protocol.Request('controller-0', 'mgmt', 1, 1, 50)
    genuine = protocol.seal_response(datagram.Sealer(KEY, 'worker-0'),
                                     request, 0, {})
    forged = protocol.seal_response(datagram.Sealer(b'guess', 'worker-0'),
                                    request, 0, {})
    opener = datagram.Opener(KEY)
    _open(genuine, opener)
    with pytest.raises(datagram.Replayed):
        _open(genuine, opener)
    with pytest.raises(datagram.Forged):
        _open(forged, opener)
    assert opener.counters.as_dict() == {'accepted': 1, 'forged': 1,
                                         'replayed': 1, 'malformed': 0}


@pytest.mark.parametrize('document', [
    [1, 2], {'t': 'hello'}, {'t': 'req', 'n': 'oam', 's': 1, 'r': 1, 'p': 1,
                             'v': [0, 0]},
    {'t': 'req', 'n': 'mgmt', 's': -1, 'r': 1, 'p': 1, 'v': [0, 0]},
    {'t': 'req', 'n': 'mgmt', 's': 1, 'r': 1, 'p': 1, 'v': [0]},
    {'t': 'rsp', 'n': 'mgmt', 's': 1, 'r': 1, 'f': 'x'},
    {'t': 'rsp', 'n': 'mgmt', 's': 1, 'r': 1, 'f': 0, 'pv': [1]},
])
def test_authentic_but_invalid_messages_are_protocol_errors(document):
    sealer = datagram.Sealer(KEY, 'worker-0')
    with pytest.raises(protocol.ProtocolError):
        _open(sealer.seal_json(document))


def test_run_ids_differ():
    assert protocol.new_run_id() != protocol.new_run_id()


def test_receive_drops_refused_and_invalid_datagrams():
    sealer = datagram.Sealer(KEY, 'worker-0')
    opener, stats = datagram.Opener(KEY), {'invalid': 0}
    pulse = protocol.seal_pmon_pulse(sealer)
    assert protocol.receive(opener, pulse, None, stats) == protocol.PMON
    assert protocol.receive(opener, pulse, None, stats) is None
    assert protocol.receive(opener, b'garbage', 'mgmt', stats) is None
    assert stats == {'invalid': 0}
    not_a_pulse = sealer.seal_json({'t': 'hello'})
    assert protocol.receive(opener, not_a_pulse, 'mgmt', stats) is None
    assert stats == {'invalid': 1}
    assert opener.counters.as_dict() == {'accepted': 2, 'forged': 0,
                                         'replayed': 1, 'malformed': 1}
