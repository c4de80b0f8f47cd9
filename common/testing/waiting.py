"""Polling until something becomes true, with a deadline."""
import time


class Timeout(AssertionError):
    pass


def wait_for(predicate, timeout=30.0, interval=0.1, what='condition'):
    """Call ``predicate`` until it returns a truthy value; return it.

    :raises Timeout: when ``timeout`` seconds pass first (the last
        exception raised by the predicate, if any, is chained).
    """
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - retried until deadline
            last_error = exc
        if time.monotonic() > deadline:
            raise Timeout('%s not met within %.1fs' % (what, timeout)) \
                from last_error
        time.sleep(interval)
