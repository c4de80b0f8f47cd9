"""Free loopback ports for test servers."""
import socket


def free_port(kind=socket.SOCK_STREAM, host='127.0.0.1'):
    """A port nothing listens on right now (TCP by default)."""
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def is_listening(host, port, timeout=0.5):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False
