"""The alarm client every Flock process raises, clears and logs with.

``get_client()`` gives the process's :class:`~stx_common.alarms.client.
AlarmClient`. Raising is non-blocking: the event goes to a local spool
(survives a crash of the raiser) and a background thread publishes it to
the durable ``fm.alarms`` queue (survives fm-manager and broker restarts),
removing it from the spool only once the broker has confirmed it.
"""
import threading

from stx_common.alarms.client import AlarmClient

__all__ = ['AlarmClient', 'get_client', 'reset_client']

_CLIENT = None
_LOCK = threading.Lock()


def get_client(name=None):
    """The process-wide client (created on first use)."""
    global _CLIENT
    with _LOCK:
        if _CLIENT is None:
            _CLIENT = AlarmClient(name=name)
        return _CLIENT


def reset_client():
    """Close and forget the process-wide client (tests, shutdown)."""
    global _CLIENT
    with _LOCK:
        if _CLIENT is not None:
            _CLIENT.close()
        _CLIENT = None
