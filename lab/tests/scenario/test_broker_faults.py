"""Stopping and starting a lab's broker, on a RabbitMQ node of its own
(stopping the site broker would disturb every other user of it)."""
import socket

import pytest

from stx_common.testing import ports
from stx_lab import testing

pytestmark = [pytest.mark.lab, pytest.mark.root]

lab = testing.lab_fixture('aio-dx', broker='private')

AMQP_HEADER = b'AMQP\x00\x00\x09\x01'
# run on a host: does an AMQP server answer at argv[1]:argv[2]?
PROBE = r'''
import socket, sys
conn = socket.create_connection((sys.argv[1], int(sys.argv[2])), 5)
conn.sendall(b"AMQP\x00\x00\x09\x01")
print(conn.recv(8)[:1] == b"\x01")
'''


def _amqp_answers(host, port):
    """True when an AMQP server answers the protocol header with a
    connection.start frame (frame type 1)."""
    try:
        with socket.create_connection((host, port), timeout=5) as conn:
            conn.sendall(AMQP_HEADER)
            return conn.recv(8)[:1] == b'\x01'
    except OSError:
        return False


def test_stop_and_start_the_broker(lab):
    broker = lab.record.broker
    assert broker['port'] != 5672 and broker['private']
    assert lab.broker_url('controller-1').startswith(
        'rabbit://guest:guest@%s:%d/' % (lab.gateway('mgmt'),
                                         broker['port']))
    argv = ['python', '-c', PROBE, lab.gateway('mgmt'), str(broker['port'])]
    assert lab.exec('controller-1', argv).stdout.strip() == 'True'

    lab.faults.stop_broker()
    assert not ports.is_listening('127.0.0.1', broker['port'])
    assert not _amqp_answers('127.0.0.1', broker['port'])
    # through the forwarder: accepted, then closed (no AMQP answer)
    assert lab.exec('controller-1', argv).stdout.strip() != 'True'

    lab.faults.start_broker()
    assert _amqp_answers('127.0.0.1', broker['port'])
    assert lab.exec('controller-1', argv).stdout.strip() == 'True'
