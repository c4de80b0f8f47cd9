"""Active monitoring: a request/response heartbeat with the process.

For a process in ``mode = active``, pmond sends a request every
``period`` seconds to ``127.0.0.1:<port>`` (the process's ``port`` key)
from its own port (``[pmon] pmon_amon_port``, StarlingX's 2200); the
process must echo it back within ``timeout`` seconds. ``threshold``
back-to-back misses make the process failed even though it still runs:
pmond kills it and restarts it. Datagrams are JSON::

    {"pmon": "request", "process": "mtce-client", "seq": 12}
    {"pmon": "reply", "process": "mtce-client", "seq": 12}

A monitored daemon answers with a :class:`Responder` (StarlingX's
processes link ``libamon`` for the same job).
"""
import json
import socket

from oslo_log import log

from mtce.pmon import states as s

LOG = log.getLogger(__name__)

REQUEST = 'request'
REPLY = 'reply'
MAX_DATAGRAM = 512
LOCALHOST = '127.0.0.1'
WATCHED_STATES = (s.MANAGE, s.MONITOR)


def encode(kind, process, seq):
    return json.dumps({'pmon': kind, 'process': process,
                       'seq': seq}).encode()


def decode(data):
    """``(kind, process, seq)`` of a datagram, or None."""
    try:
        body = json.loads(data.decode())
        return body['pmon'], str(body['process']), int(body['seq'])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


class Heartbeat:
    """Heartbeat bookkeeping of one actively monitored process."""

    enabled = True

    def __init__(self, cfg):
        self.process = cfg.process
        self.port = cfg.port
        self.period = cfg.period
        self.timeout = cfg.timeout
        self.threshold = cfg.threshold
        self.seq = 0
        self.misses = 0
        self.outstanding = None       # (seq, sent at)
        self.next_send = 0.0

    def reset(self, now):
        """Start again (after a restart): first request one period on."""
        self.misses = 0
        self.outstanding = None
        self.next_send = now + self.period

    def failed(self):
        return self.misses >= self.threshold

    def expire(self, now):
        if self.outstanding and now - self.outstanding[1] >= self.timeout:
            self.misses += 1
            LOG.warning('%s: heartbeat %d not answered (%d back-to-back)',
                        self.process, self.outstanding[0], self.misses)
            self.outstanding = None

    def due(self, now):
        return self.outstanding is None and now >= self.next_send

    def sent(self, now):
        self.outstanding = (self.seq, now)
        self.next_send = now + self.period

    def replied(self, seq):
        if self.outstanding and self.outstanding[0] == seq:
            self.outstanding = None
            self.misses = 0


class ActiveChannel:
    """pmond's UDP socket for every actively monitored process."""

    def __init__(self, port):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((LOCALHOST, port))
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]

    def poll(self, now, monitors):
        """Take replies, count misses, send the requests that are due."""
        beats = {m.name: m for m in monitors if m.heartbeat is not None}
        while True:
            try:
                data, _ = self.sock.recvfrom(MAX_DATAGRAM)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                break
            message = decode(data)
            if message and message[0] == REPLY and message[1] in beats:
                beats[message[1]].heartbeat.replied(message[2])
        for monitor in beats.values():
            beat = monitor.heartbeat
            if monitor.state not in WATCHED_STATES:
                continue
            beat.expire(now)
            if beat.due(now):
                beat.seq = (beat.seq + 1) % (1 << 31)
                try:
                    self.sock.sendto(encode(REQUEST, beat.process, beat.seq),
                                     (LOCALHOST, beat.port))
                except OSError as exc:
                    LOG.debug('%s: heartbeat send failed: %s', beat.process,
                              exc)
                beat.sent(now)

    def close(self):
        self.sock.close()


class Responder:
    """The monitored side: answers pmond's heartbeat requests.

    ``Responder(port).serve(stop_event)`` in a thread of the daemon, or
    :meth:`answer` from its own event loop when :attr:`sock` is readable.
    """

    def __init__(self, port, process=None):
        self.process = process
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((LOCALHOST, port))
        self.port = self.sock.getsockname()[1]

    def answer(self, timeout=None):
        """Answer one request (waiting up to ``timeout``); True if one
        was answered."""
        self.sock.settimeout(timeout)
        try:
            data, sender = self.sock.recvfrom(MAX_DATAGRAM)
        except (TimeoutError, BlockingIOError):
            return False
        message = decode(data)
        if not message or message[0] != REQUEST:
            return False
        if self.process and message[1] != self.process:
            return False
        self.sock.sendto(encode(REPLY, message[1], message[2]), sender)
        return True

    def serve(self, stop_event, poll=0.5):
        while not stop_event.is_set():
            try:
                self.answer(poll)
            except OSError:
                if stop_event.is_set():
                    break
                raise

    def close(self):
        self.sock.close()
