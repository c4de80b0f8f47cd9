"""A start/stop/wait part whose one thread serves a queue.

The engine (:mod:`mtce.agent.engine`) and the state reporter
(:mod:`mtce.agent.reporter`) are such parts: other threads put work on
``_queue``; the part's thread takes it in ``_loop`` until ``_stop`` is
set. ``stop()`` also puts ``None`` on the queue, so a thread waiting for
work sees the stop at once; ``_loop`` skips that ``None``.
"""
import queue
import threading

JOIN_TIMEOUT = 30.0     # seconds wait() gives the thread to end


class QueueThread:
    """A base class: a subclass names its thread and defines ``_loop``."""

    def __init__(self, name):
        self.thread_name = name
        self._queue = queue.Queue()
        self._stop = threading.Event()
        self._thread = None

    def start(self):
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, daemon=True,
                                        name=self.thread_name)
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._queue.put(None)

    def wait(self):
        if self._thread is not None:
            self._thread.join(timeout=JOIN_TIMEOUT)
            self._thread = None

    def _loop(self):
        raise NotImplementedError
