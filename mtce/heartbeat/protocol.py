"""The pulse protocol: requests, responses and pmond pulses on the wire.

Every message is compact JSON inside a :mod:`stx_common.datagram`
(sender id = hostname, sequence number, timestamp, HMAC-SHA512).

request (agent -> every host, one per period per network)::

    {"t": "req", "n": <network>, "s": <pulse seq>, "r": <agent run id>,
     "p": <period ms>, "v": [<hosts monitored>, <hosts that answered>]}

``v`` is the requesting controller's cluster view of that network for
the previous period.

response (host -> the requesting agent, unicast)::

    {"t": "rsp", "n": <network>, "s": <echoed seq>, "r": <echoed run id>,
     "f": <flags>, "pv": {<other controller>: {<network>: [m, a]}}}

``pv`` carries the cluster views the host last received from the *other*
controllers, so each controller learns its peer's view (StarlingX's
criss-crossed cluster history, reduced to the latest entry).

pmond pulse (pmond -> its host's client, loopback)::

    {"t": "pmon"}
"""
import dataclasses
import random
from typing import Any

from oslo_log import log

from stx_common import datagram

LOG = log.getLogger(__name__)

REQUEST = 'req'
RESPONSE = 'rsp'
PMON = 'pmon'

# Response flags (StarlingX's bit positions).
FLAG_PMOND_ALIVE = 1 << 0
FLAG_CLUSTER_HOST_PROVISIONED = 1 << 1

NETWORKS = ('mgmt', 'cluster-host')


class ProtocolError(datagram.Malformed):
    """An authentic datagram that is not a valid pulse message."""


@dataclasses.dataclass(frozen=True)
class Request:
    controller: str
    network: str
    seq: int
    run: int
    period_ms: int
    view: tuple[int, int] = (0, 0)


@dataclasses.dataclass(frozen=True)
class Response:
    hostname: str
    network: str
    seq: int
    run: int
    flags: int = 0
    peer_views: dict[str, dict[str, tuple[int, int]]] = \
        dataclasses.field(default_factory=dict)


def new_run_id() -> int:
    """An identifier of one agent run, echoed by every response: answers
    to a previous run are never taken for answers to this one."""
    return random.SystemRandom().getrandbits(48)


def seal_request(sealer: datagram.Sealer, network: str, seq: int, run: int,
                 period_ms: int, view: tuple[int, int]) -> bytes:
    return sealer.seal_json({'t': REQUEST, 'n': network, 's': seq,
                             'r': run, 'p': period_ms, 'v': list(view)})


def seal_response(sealer: datagram.Sealer, request: Request, flags: int,
                  peer_views: dict[str, dict[str, tuple[int, int]]]
                  ) -> bytes:
    return sealer.seal_json({
        't': RESPONSE, 'n': request.network, 's': request.seq,
        'r': request.run, 'f': flags,
        'pv': {c: {n: list(v) for n, v in nets.items()}
               for c, nets in peer_views.items()}})


def seal_pmon_pulse(sealer: datagram.Sealer) -> bytes:
    """What pmond sends its host's client (port ``[client]
    pmon_pulse_port``) to show it is alive."""
    return sealer.seal_json({'t': PMON})


def _int(document: dict[str, Any], key: str) -> int:
    value = document.get(key)
    if type(value) is not int or value < 0:
        raise ProtocolError('%r must be a non-negative integer' % key)
    return value


def _view(value: Any) -> tuple[int, int]:
    if (not isinstance(value, list) or len(value) != 2 or
            not all(type(v) is int and v >= 0 for v in value)):
        raise ProtocolError('a cluster view is [monitored, answered]')
    return value[0], value[1]


def _network(document: dict[str, Any]) -> str:
    network = document.get('n')
    if network not in NETWORKS:
        raise ProtocolError('unknown network %r' % (network,))
    return network


def decode(opened: datagram.Opened) -> Request | Response | str:
    """The message in an opened datagram (``PMON`` for a pmond pulse).

    :raises ProtocolError: when it is not a pulse message.
    """
    document = opened.json()
    if not isinstance(document, dict):
        raise ProtocolError('a pulse message is a JSON object')
    kind = document.get('t')
    if kind == PMON:
        return PMON
    if kind == REQUEST:
        return Request(opened.sender, _network(document),
                       _int(document, 's'), _int(document, 'r'),
                       _int(document, 'p'), _view(document.get('v')))
    if kind == RESPONSE:
        views = document.get('pv') or {}
        if not isinstance(views, dict) or not all(
                isinstance(v, dict) for v in views.values()):
            raise ProtocolError('pv maps controllers to network views')
        return Response(opened.sender, _network(document),
                        _int(document, 's'), _int(document, 'r'),
                        _int(document, 'f'),
                        {c: {n: _view(v) for n, v in nets.items()
                             if n in NETWORKS}
                         for c, nets in views.items()})
    raise ProtocolError('unknown pulse message type %r' % (kind,))


def receive(opener: datagram.Opener, data: bytes, network: str | None,
            stats: dict[str, int]) -> Request | Response | str | None:
    """The message in ``data``, a datagram received on ``network``; None
    when it is dropped (logged at debug level): a datagram the
    ``opener`` refuses (it counts those), or an authentic one that is not
    a pulse message (counted in ``stats['invalid']``)."""
    try:
        opened = opener.open(data)
    except datagram.Rejected as exc:
        LOG.debug('Dropped a datagram on %s: %s', network, exc)
        return None
    try:
        return decode(opened)
    except datagram.Rejected as exc:
        LOG.debug('Dropped a message of %s on %s: %s', opened.sender,
                  network, exc)
        stats['invalid'] += 1
        return None
