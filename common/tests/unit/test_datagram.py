import pytest

from stx_common import datagram

KEY = b'k' * 32


def _pair(**opener_kwargs):
    return (datagram.Sealer(KEY, 'worker-0'),
            datagram.Opener(KEY, **opener_kwargs))


def test_round_trip_gives_sender_sequence_timestamp_and_payload():
    sealer, opener = _pair()
    data = sealer.seal_json({'t': 'rsp', 's': 7})
    opened = opener.open(data)
    assert opened.sender == 'worker-0'
    assert opened.json() == {'t': 'rsp', 's': 7}
    assert opened.seq > 0 and opened.timestamp > 1.6e9
    assert opener.counters.as_dict() == {'accepted': 1, 'forged': 0,
                                         'replayed': 0, 'malformed': 0}


def test_sequence_numbers_increase_even_with_a_frozen_clock():
    sealer = datagram.Sealer(KEY, 'a', clock=lambda: 1000)
    opener = datagram.Opener(KEY, window=1)
    seqs = [opener.open(sealer.seal(b'x')).seq for _ in range(3)]
    assert seqs == [1000, 1001, 1002]


def test_a_restarted_sender_continues_above_its_previous_numbers():
    opener = datagram.Opener(KEY, window=1)
    opener.open(datagram.Sealer(KEY, 'a').seal(b'first run'))
    opener.open(datagram.Sealer(KEY, 'a').seal(b'second run'))
    assert opener.counters.accepted == 2


@pytest.mark.parametrize('where', [5, 30, -70, -1])
def test_any_tampered_byte_is_forged(where):
    sealer, opener = _pair()
    data = bytearray(sealer.seal(b'{"hello":"world"}'))
    data[where] ^= 0x01
    with pytest.raises(datagram.Forged):
        opener.open(bytes(data))
    assert opener.counters.forged == 1
    assert opener.counters.accepted == 0


def test_wrong_key_is_forged():
    data = datagram.Sealer(b'another key', 'worker-0').seal(b'x')
    opener = datagram.Opener(KEY)
    with pytest.raises(datagram.Forged):
        opener.open(data)
    assert opener.counters.forged == 1


def test_replay_is_refused_and_counted():
    sealer, opener = _pair()
    data = sealer.seal(b'x')
    opener.open(data)
    with pytest.raises(datagram.Replayed):
        opener.open(data)
    assert opener.counters.replayed == 1
    assert opener.counters.accepted == 1


def test_reordering_within_the_window_is_accepted_once():
    sealer, opener = _pair(window=4)
    first, second, third = (sealer.seal(b'%d' % i) for i in range(3))
    opener.open(first)
    opener.open(third)
    opener.open(second)                 # late, but newer than `first`
    with pytest.raises(datagram.Replayed):
        opener.open(second)
    assert opener.counters.accepted == 3


def test_older_than_the_window_is_replayed():
    sealer, opener = _pair(window=2)
    old = sealer.seal(b'old')
    for _ in range(3):
        opener.open(sealer.seal(b'new'))
    with pytest.raises(datagram.Replayed):
        opener.open(old)


def test_window_one_accepts_only_increasing_numbers():
    sealer, opener = _pair(window=1)
    first, second = sealer.seal(b'1'), sealer.seal(b'2')
    opener.open(second)
    with pytest.raises(datagram.Replayed):
        opener.open(first)


def test_senders_are_tracked_separately():
    opener = datagram.Opener(KEY, window=1)
    late = datagram.Sealer(KEY, 'b').seal(b'x')
    opener.open(datagram.Sealer(KEY, 'a').seal(b'x'))
    opener.open(late)
    assert opener.counters.accepted == 2


def test_timestamps_out_of_max_age_are_replayed():
    sealer = datagram.Sealer(KEY, 'a', clock=lambda: 1_000 * 10**9)
    opener = datagram.Opener(KEY, max_age=30,
                             clock=lambda: 1_100 * 10**9)
    with pytest.raises(datagram.Replayed):
        opener.open(sealer.seal(b'x'))
    fresh = datagram.Opener(KEY, max_age=30,
                            clock=lambda: 1_010 * 10**9)
    fresh.open(sealer.seal(b'x'))


@pytest.mark.parametrize('cut', [1, 10, 64, 100])
def test_truncated_is_malformed(cut):
    sealer, opener = _pair()
    data = sealer.seal(b'{"some":"payload"}')
    with pytest.raises(datagram.Malformed):
        opener.open(data[:-cut])
    assert opener.counters.malformed == 1
    assert opener.counters.forged == 0


def test_garbage_and_other_formats_are_malformed():
    opener = datagram.Opener(KEY)
    for data in (b'', b'cgts pulse req:' + b'\0' * 100,
                 b'\xf1\x0c\x02' + b'\0' * 100):
        with pytest.raises(datagram.Malformed):
            opener.open(data)
    assert opener.counters.malformed == 3


def test_payload_that_is_not_json_is_malformed_on_decode():
    sealer, opener = _pair()
    with pytest.raises(datagram.Malformed):
        opener.open(sealer.seal(b'\xff not json')).json()


def test_key_from_value_or_file_never_empty(tmp_path):
    path = tmp_path / 'key'
    path.write_bytes(b'secret-from-file\n')
    assert datagram.load_key(path=str(path)) == b'secret-from-file'
    assert datagram.load_key('secret') == b'secret'
    assert datagram.load_key('value', str(path)) == b'value'
    empty = tmp_path / 'empty'
    empty.write_bytes(b'\n')
    for kwargs in ({}, {'path': str(empty)}):
        with pytest.raises(ValueError):
            datagram.load_key(**kwargs)


def test_key_is_not_shown():
    sealer, opener = _pair()
    assert 'k' * 8 not in repr(sealer) + repr(opener)


def test_sender_id_length_is_bounded():
    with pytest.raises(ValueError):
        datagram.Sealer(KEY, '')
    with pytest.raises(ValueError):
        datagram.Sealer(KEY, 'x' * 256)


def test_forgetting_a_sender_resets_its_numbers():
    sealer, opener = _pair()
    data = sealer.seal(b'x')
    opener.open(data)
    opener.forget('worker-0')
    assert opener.open(data).sender == 'worker-0'
