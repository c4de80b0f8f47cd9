import os
import socket
import sys
import threading

import pytest

from stx_common.testing import ports, waiting
from stx_lab import forwarder, procs


def test_parse():
    assert forwarder.parse('10.1.2.1:5672=127.0.0.1:5673') == (
        '10.1.2.1', 5672, '127.0.0.1', 5673)
    with pytest.raises(ValueError):
        forwarder.parse('10.1.2.1:5672')


def _echo_server():
    server = socket.socket()
    server.bind(('127.0.0.1', 0))
    server.listen()

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                while data := conn.recv(4096):
                    conn.sendall(data.upper())

    threading.Thread(target=serve, daemon=True).start()
    return server


def test_relays_both_ways(tmp_path):
    echo = _echo_server()
    listen = ports.free_port()
    spec = '127.0.0.1:%d=127.0.0.1:%d' % (listen, echo.getsockname()[1])
    pid, started = procs.spawn(
        [sys.executable, '-m', 'stx_lab.forwarder', spec],
        str(tmp_path / 'fwd.log'), dict(os.environ))
    try:
        waiting.wait_for(lambda: ports.is_listening('127.0.0.1', listen),
                         20, what='forwarder')
        with socket.create_connection(('127.0.0.1', listen), 5) as conn:
            conn.sendall(b'hello')
            assert conn.recv(5) == b'HELLO'
    finally:
        procs.stop(pid, started)
        echo.close()
    assert not procs.alive(pid, started)
