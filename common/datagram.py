"""Authenticated datagrams: what heartbeats (mtce, SM) put on the wire.

A datagram is sealed by its sender with a key every host of the site
shares, and opened by a receiver holding the same key::

    offset  size  field
    0       2     magic b'\\xf1\\x0c'
    2       1     format version (1)
    3       1     length n of the sender id (1-255)
    4       n     sender id, UTF-8 (a hostname)
    4+n     8     sequence number, unsigned, big-endian
    12+n    8     timestamp: nanoseconds since the epoch, big-endian
    20+n    2     length m of the payload
    22+n    m     payload (bytes; heartbeats use compact JSON)
    22+n+m  64    HMAC-SHA512 of every byte before it, with the key

Opening checks, in order: the structure (magic, version, lengths adding
up to the size: else *malformed*), the HMAC in constant time (else
*forged*), then freshness (else *replayed*): per sender, a sequence
number must be greater than the greatest accepted so far, or, to allow
reordering, greater than the smallest of the last ``window`` accepted
ones and not one of them. A receiver that is given ``max_age`` also
refuses timestamps further than that from its own clock.

Sequence numbers start from the sender's wall clock in nanoseconds and
increase by at least one per datagram, so a restarted sender continues
above its previous numbers without keeping any state, as long as its
clock has not gone back by more than its previous run lasted. Clocks of a
site are synchronised (NTP), which this relies on.

The key is never logged or shown in a ``repr``.
"""
import bisect
import dataclasses
import hashlib
import hmac
import json
import struct
import threading
import time
from typing import Any

MAGIC = b'\xf1\x0c'
VERSION = 1
DIGEST_SIZE = hashlib.sha512().digest_size
_HEAD = struct.Struct('!2sBB')
_MIDDLE = struct.Struct('!QQH')
MIN_SIZE = _HEAD.size + 1 + _MIDDLE.size + DIGEST_SIZE
MAX_PAYLOAD = 65535
DEFAULT_WINDOW = 64
MAX_SENDERS = 4096


class Rejected(Exception):
    """A datagram that was dropped; ``reason`` names the counter."""

    reason = 'rejected'


class Malformed(Rejected):
    reason = 'malformed'


class Forged(Rejected):
    reason = 'forged'


class Replayed(Rejected):
    reason = 'replayed'


def load_key(value: str | bytes | None = None,
             path: str | None = None) -> bytes:
    """The shared key: ``value`` itself, else the content of ``path``
    (surrounding whitespace removed).

    :raises ValueError: when neither gives a non-empty key.
    """
    if value:
        key = value.encode() if isinstance(value, str) else bytes(value)
    elif path:
        with open(path, 'rb') as handle:
            key = handle.read().strip()
    else:
        raise ValueError('no datagram key configured (a value or a file)')
    if not key:
        raise ValueError('the datagram key is empty')
    return key


@dataclasses.dataclass(frozen=True)
class Opened:
    """An accepted datagram."""

    sender: str
    seq: int
    timestamp_ns: int
    payload: bytes

    @property
    def timestamp(self) -> float:
        return self.timestamp_ns / 1e9

    def json(self) -> Any:
        """The payload decoded as JSON.

        :raises Malformed: when it is not JSON.
        """
        try:
            return json.loads(self.payload)
        except (ValueError, UnicodeDecodeError) as exc:
            raise Malformed('payload is not JSON: %s' % exc) from None


class Sealer:
    """Seals datagrams of one sender."""

    def __init__(self, key: bytes, sender: str,
                 clock=time.time_ns):
        encoded = sender.encode()
        if not 1 <= len(encoded) <= 255:
            raise ValueError('a sender id has 1 to 255 bytes')
        self.sender = sender
        self._head = _HEAD.pack(MAGIC, VERSION, len(encoded)) + encoded
        self._mac = hmac.new(key, digestmod=hashlib.sha512)
        self._clock = clock
        self._lock = threading.Lock()
        self._last = 0

    def __repr__(self) -> str:
        return '<Sealer %s>' % self.sender

    def next_seq(self) -> tuple[int, int]:
        """The next (sequence number, timestamp in ns)."""
        with self._lock:
            now = self._clock()
            self._last = max(self._last + 1, now)
            return self._last, now

    def seal(self, payload: bytes) -> bytes:
        if len(payload) > MAX_PAYLOAD:
            raise ValueError('payload of %d bytes is too long' % len(payload))
        seq, now = self.next_seq()
        body = (self._head + _MIDDLE.pack(seq, now, len(payload)) +
                payload)
        mac = self._mac.copy()
        mac.update(body)
        return body + mac.digest()

    def seal_json(self, document: Any) -> bytes:
        return self.seal(json.dumps(document, separators=(',', ':'),
                                    sort_keys=True).encode())


@dataclasses.dataclass
class Counters:
    accepted: int = 0
    forged: int = 0
    replayed: int = 0
    malformed: int = 0

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


class _Recent:
    """The highest ``window`` sequence numbers accepted from a sender."""

    __slots__ = ('seqs', 'seen')

    def __init__(self):
        self.seqs: list[int] = []
        self.seen = 0.0

    def admit(self, seq: int, window: int) -> bool:
        seqs = self.seqs
        if seqs and seq <= seqs[-1]:
            if window <= 1 or seq <= seqs[0]:
                return False
            index = bisect.bisect_left(seqs, seq)
            if index < len(seqs) and seqs[index] == seq:
                return False
            seqs.insert(index, seq)
        else:
            seqs.append(seq)
        if len(seqs) > max(window, 1):
            del seqs[0]
        return True


class Opener:
    """Opens datagrams of every sender sealed with the shared key.

    :param window: how many recently accepted sequence numbers of each
        sender are remembered; a datagram that arrives after newer ones
        is still accepted if it is newer than the oldest of them and not
        one of them. 1 accepts only increasing numbers.
    :param max_age: seconds; when given, a timestamp further than this
        from the local clock (either way) is refused as replayed.
    """

    def __init__(self, key: bytes, window: int = DEFAULT_WINDOW,
                 max_age: float | None = None, clock=time.time_ns,
                 max_senders: int = MAX_SENDERS):
        self._mac = hmac.new(key, digestmod=hashlib.sha512)
        self.window = window
        self.max_age_ns = int(max_age * 1e9) if max_age else None
        self._clock = clock
        self._max_senders = max_senders
        self._senders: dict[str, _Recent] = {}
        self._lock = threading.Lock()
        self.counters = Counters()

    def __repr__(self) -> str:
        return '<Opener window=%d>' % self.window

    def open(self, data: bytes) -> Opened:
        """Check ``data`` and return its content.

        :raises Malformed: bad structure; :raises Forged: bad HMAC;
        :raises Replayed: an old or repeated sequence number, or a
            timestamp out of ``max_age``.
        """
        try:
            opened = self._open(bytes(data))
        except Rejected as exc:
            with self._lock:
                setattr(self.counters, exc.reason,
                        getattr(self.counters, exc.reason) + 1)
            raise
        return opened

    def _open(self, data: bytes) -> Opened:
        if len(data) < MIN_SIZE:
            raise Malformed('%d bytes is too short' % len(data))
        magic, version, sender_len = _HEAD.unpack_from(data)
        if magic != MAGIC or version != VERSION or sender_len == 0:
            raise Malformed('not a datagram of format %d' % VERSION)
        offset = _HEAD.size + sender_len
        if len(data) < offset + _MIDDLE.size + DIGEST_SIZE:
            raise Malformed('truncated header')
        seq, stamp, payload_len = _MIDDLE.unpack_from(data, offset)
        start = offset + _MIDDLE.size
        if len(data) != start + payload_len + DIGEST_SIZE:
            raise Malformed('length %d does not match its fields'
                            % len(data))
        body = data[:-DIGEST_SIZE]
        mac = self._mac.copy()
        mac.update(body)
        if not hmac.compare_digest(mac.digest(), data[-DIGEST_SIZE:]):
            raise Forged('bad HMAC')
        try:
            sender = data[_HEAD.size:offset].decode()
        except UnicodeDecodeError:
            raise Malformed('sender id is not UTF-8') from None
        if self.max_age_ns is not None and \
                abs(self._clock() - stamp) > self.max_age_ns:
            raise Replayed('timestamp out of the accepted age')
        with self._lock:
            recent = self._senders.get(sender)
            if recent is None:
                if len(self._senders) >= self._max_senders:
                    oldest = min(self._senders,
                                 key=lambda s: self._senders[s].seen)
                    del self._senders[oldest]
                recent = self._senders[sender] = _Recent()
            if not recent.admit(seq, self.window):
                raise Replayed('sequence %d from %s already seen or too '
                               'old' % (seq, sender))
            recent.seen = time.monotonic()
            self.counters.accepted += 1
        return Opened(sender, seq, stamp, data[start:start + payload_len])

    def forget(self, sender: str) -> None:
        """Drop what is known of ``sender`` (its next datagram is
        accepted whatever its number)."""
        with self._lock:
            self._senders.pop(sender, None)
