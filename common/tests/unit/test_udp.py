import socket
import threading
import time

import pytest

from stx_common import udp


@pytest.fixture
def selector():
    selector = udp.SocketSelector()
    yield selector
    selector.close()


def _send(sock, data=b'hello'):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        sender.sendto(data, sock.getsockname())


def test_bound_socket_is_non_blocking_on_the_port_asked():
    sock = udp.bound_socket(0, '127.0.0.1')
    try:
        assert sock.getblocking() is False
        assert sock.type == socket.SOCK_DGRAM
        address, port = sock.getsockname()
        assert address == '127.0.0.1' and port > 0
        with pytest.raises(BlockingIOError):
            sock.recvfrom(64)
    finally:
        sock.close()


def test_bound_socket_raises_when_the_port_is_taken():
    taken = udp.bound_socket(0, '127.0.0.1')
    try:
        with pytest.raises(OSError):
            udp.bound_socket(taken.getsockname()[1], '127.0.0.1')
    finally:
        taken.close()


def test_ready_names_the_sockets_with_datagrams(selector):
    mgmt = selector.register('mgmt', udp.bound_socket(0, '127.0.0.1'))
    selector.register('cluster-host', udp.bound_socket(0, '127.0.0.1'))
    _send(mgmt)
    ready = selector.ready(5.0)
    assert ready == [('mgmt', mgmt)]
    assert mgmt.recvfrom(64)[0] == b'hello'
    assert selector.ready(0) == []


def test_ready_waits_for_the_timeout_when_nothing_comes(selector):
    selector.register('mgmt', udp.bound_socket(0, '127.0.0.1'))
    started = time.monotonic()
    assert selector.ready(0.05) == []
    assert time.monotonic() - started >= 0.04


def test_wake_ends_a_wait_of_another_thread(selector):
    selector.register('mgmt', udp.bound_socket(0, '127.0.0.1'))
    results = []
    reader = threading.Thread(
        target=lambda: results.append(selector.ready(30.0)))
    reader.start()
    time.sleep(0.05)
    selector.wake()
    reader.join(5.0)
    assert not reader.is_alive()
    assert results == [[]]
    assert selector.ready(0) == []          # the wake-up was consumed


def test_a_wake_before_the_wait_ends_it_at_once(selector):
    selector.open()
    selector.wake()
    started = time.monotonic()
    assert selector.ready(30.0) == []
    assert time.monotonic() - started < 5.0


def test_wake_when_not_open_does_nothing():
    selector = udp.SocketSelector()
    selector.wake()
    assert not selector.is_open
    selector.close()
    selector.wake()


def test_get_and_sockets(selector):
    assert selector.get('mgmt') is None
    sock = selector.register('mgmt', udp.bound_socket(0, '127.0.0.1'))
    assert selector.get('mgmt') is sock
    assert dict(selector.sockets) == {'mgmt': sock}
    with pytest.raises(TypeError):
        selector.sockets['other'] = sock


def test_a_name_is_registered_once(selector):
    selector.register('mgmt', udp.bound_socket(0, '127.0.0.1'))
    extra = udp.bound_socket(0, '127.0.0.1')
    try:
        with pytest.raises(ValueError):
            selector.register('mgmt', extra)
    finally:
        extra.close()


def test_close_closes_every_socket_and_it_opens_again():
    selector = udp.SocketSelector()
    first = selector.register('mgmt', udp.bound_socket(0, '127.0.0.1'))
    assert selector.is_open
    selector.close()
    assert first.fileno() == -1
    assert not selector.is_open and dict(selector.sockets) == {}
    assert selector.get('mgmt') is None
    second = selector.register('mgmt', udp.bound_socket(0, '127.0.0.1'))
    _send(second)
    assert selector.ready(5.0) == [('mgmt', second)]
    selector.close()
    assert second.fileno() == -1
    selector.close()                        # twice is harmless


class _Part:
    """A part whose reader thread records what it reads."""

    def __init__(self):
        self.reader = udp.ReaderThread(self._loop, 'test-reader')
        self.received = []

    def _loop(self):
        while not self.reader.stopping.is_set():
            for name, sock in self.reader.selector.ready(30.0):
                self.received.append((name, sock.recvfrom(64)[0]))


def test_reader_thread_reads_until_stopped_then_closes_the_sockets():
    part = _Part()
    sock = part.reader.selector.register('mgmt',
                                         udp.bound_socket(0, '127.0.0.1'))
    part.reader.start()
    _send(sock, b'one')
    deadline = time.monotonic() + 5.0
    while not part.received and time.monotonic() < deadline:
        time.sleep(0.01)
    assert part.received == [('mgmt', b'one')]
    started = time.monotonic()
    part.reader.stop()
    part.reader.wait()
    assert time.monotonic() - started < 5.0     # woken, not timed out
    assert sock.fileno() == -1 and not part.reader.selector.is_open


def test_reader_thread_without_sockets_stops_at_once():
    part = _Part()
    part.reader.start()
    assert part.reader.selector.is_open
    part.reader.stop()
    part.reader.wait()
    assert not part.reader.selector.is_open
    part.reader.stop()                          # after wait: harmless
    part.reader.wait()
