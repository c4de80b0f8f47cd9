"""The queue-serving thread of the engine and the reporter."""
import threading
import time

from mtce.agent import queue_thread


class Collector(queue_thread.QueueThread):
    def __init__(self):
        super().__init__('test-collector')
        self.items = []
        self.threads = set()

    def _loop(self):
        while not self._stop.is_set():
            item = self._queue.get()
            self.threads.add(threading.current_thread().name)
            if item is not None:
                self.items.append(item)


def test_serves_the_queue_and_stops_at_once_when_idle():
    part = Collector()
    part.start()
    part._queue.put('work')
    deadline = time.monotonic() + 5.0
    while not part.items and time.monotonic() < deadline:
        time.sleep(0.01)
    assert part.items == ['work']
    started = time.monotonic()
    part.stop()
    part.wait()
    assert time.monotonic() - started < 5.0
    assert part.threads == {'test-collector'}
    part.wait()                          # twice is harmless
