"""UDP sockets read by one thread, and a way to wake that thread.

A :class:`SocketSelector` watches named, non-blocking UDP sockets for
datagrams to read, together with the read end of a socket pair, so that
another thread ends a wait at once (:meth:`SocketSelector.wake`, from a
part's ``stop()``). It owns what it watches and closes it. The selector
and the socket pair exist from :meth:`~SocketSelector.open` (or the
first :meth:`~SocketSelector.register`) to :meth:`~SocketSelector.close`;
after that the same object can be opened again, so a part keeps one for
its whole life.

A :class:`ReaderThread` is the thread of a part that reads one, with the
part's start, stop and wait::

    class Listener:
        def __init__(self):
            self.reader = udp.ReaderThread(self._loop, 'listener')

        def start(self):
            self.reader.selector.register('mgmt', udp.bound_socket(2101))
            self.reader.start()

        def stop(self):
            self.reader.stop()          # from any thread

        def wait(self):
            self.reader.wait()          # joined; the sockets closed

        def _loop(self):
            while not self.reader.stopping.is_set():
                for name, sock in self.reader.selector.ready(1.0):
                    ...                 # read sock until it would block

Heartbeats and maintenance messages are read this way (mtce, SM).
"""
from collections.abc import Callable, Mapping
import selectors
import socket
import threading
import types

WAKE_BYTES = 64     # wake-up bytes read at once


def bound_socket(port: int, address: str = '') -> socket.socket:
    """A non-blocking IPv4 UDP socket bound to ``address:port`` (every
    address by default; port 0: one the kernel chooses)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind((address, port))
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


class SocketSelector:
    """Named UDP sockets to read, and a wake-up for their reader."""

    def __init__(self) -> None:
        self._sockets: dict[str, socket.socket] = {}
        self._selector: selectors.BaseSelector | None = None
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None

    @property
    def is_open(self) -> bool:
        return self._selector is not None

    @property
    def sockets(self) -> Mapping[str, socket.socket]:
        """The registered sockets by name (none once closed)."""
        return types.MappingProxyType(self._sockets)

    def get(self, name: str) -> socket.socket | None:
        """The socket registered as ``name``, None if there is none."""
        return self._sockets.get(name)

    def open(self) -> None:
        """Make the selector and the wake-up pair (if not done yet)."""
        self._open()

    def register(self, name: str, sock: socket.socket) -> socket.socket:
        """Watch ``sock`` (non-blocking) as ``name``; :meth:`close`
        closes it. Returns ``sock``.

        :raises ValueError: when a socket is registered as ``name``.
        """
        if name in self._sockets:
            raise ValueError('a socket is registered as %r' % name)
        self._open().register(sock, selectors.EVENT_READ, name)
        self._sockets[name] = sock
        return sock

    def ready(self, timeout: float | None
              ) -> list[tuple[str, socket.socket]]:
        """``(name, socket)`` of each registered socket with datagrams
        to read, once one has some, :meth:`wake` was called, or
        ``timeout`` seconds have passed (None: no limit). A wake-up is
        consumed here, never returned."""
        found = []
        for key, _ in self._open().select(timeout):
            name = key.data
            if name is None:                    # the wake-up pair
                key.fileobj.recv(WAKE_BYTES)
            else:
                found.append((name, self._sockets[name]))
        return found

    def wake(self) -> None:
        """End the wait of :meth:`ready` in another thread (nothing to do
        when not open). Safe from any thread."""
        wake_w = self._wake_w
        if wake_w is None:
            return
        try:
            wake_w.send(b'x')
        except OSError:
            pass

    def close(self) -> None:
        """Close every registered socket, the wake-up pair and the
        selector; call it once the reading thread has ended."""
        for sock in [*self._sockets.values(), self._wake_r, self._wake_w]:
            if sock is not None:
                sock.close()
        self._sockets = {}
        self._wake_r = self._wake_w = None
        if self._selector is not None:
            self._selector.close()
            self._selector = None

    def _open(self) -> selectors.BaseSelector:
        if self._selector is None:
            self._wake_r, self._wake_w = socket.socketpair()
            self._wake_r.setblocking(False)
            self._selector = selectors.DefaultSelector()
            self._selector.register(self._wake_r, selectors.EVENT_READ,
                                    None)
        return self._selector


class ReaderThread:
    """The one thread of a part that reads a :class:`SocketSelector`.

    :param target: the thread's loop: it reads :attr:`selector` until
        :attr:`stopping` is set.
    :param name: the thread's name.
    """

    def __init__(self, target: Callable[[], None], name: str) -> None:
        self.target = target
        self.name = name
        self.selector = SocketSelector()
        self.stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Open the selector (if no socket did) and start the thread."""
        self.stopping.clear()
        self.selector.open()
        self._thread = threading.Thread(target=self.target, daemon=True,
                                        name=self.name)
        self._thread.start()

    def stop(self) -> None:
        """Ask the thread to end, waking it from its wait."""
        self.stopping.set()
        self.selector.wake()

    def wait(self) -> None:
        """Join the thread, then close the selector and its sockets."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.selector.close()
