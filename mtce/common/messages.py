"""Maintenance messages between mtce-agent and mtce-client.

Every message is compact JSON inside a :mod:`stx_common.datagram` (sender
id = hostname, sequence number, timestamp, HMAC-SHA512 with the site's
maintenance key), over UDP on mgmt and cluster-host:

mtcAlive (client -> agent, every ``[client] mtcalive_period`` seconds and
on request)::

    {"t": "alive", "n": <network>, "u": <uptime s>, "b": <boot id>,
     "f": <flags>, "p": <personality>}

command (agent -> client)::

    {"t": "cmd", "c": <command>, "i": <command id>, "a": {<arguments>}}

result (client -> agent, to the address the command came from)::

    {"t": "rsp", "c": <command>, "i": <command id>, "s": "ack" | "pass" |
     "fail", "r": <reason>}

``ack`` acknowledges a command that completes later (reboot) or not at
all; ``pass`` / ``fail`` end the commands with an outcome (goenabled
tests, host services). Flags are StarlingX's out-of-band health bits
(``MTC_FLAG__*``) as mtce-client derives them from the host's flag files.
"""
import dataclasses
import json
from typing import Any

from stx_common import datagram

ALIVE = 'alive'
COMMAND = 'cmd'
RESULT = 'rsp'

NETWORKS = ('mgmt', 'cluster-host')

# -- mtcAlive flags (StarlingX's MTC_FLAG__* bits) ----------------------------
I_AM_CONFIGURED = 1 << 0
I_AM_NOT_HEALTHY = 1 << 1
I_AM_HEALTHY = 1 << 2
I_AM_LOCKED = 1 << 3
SUBF_CONFIGURED = 1 << 4
MAIN_GOENABLED = 1 << 5
SUBF_GOENABLED = 1 << 6
SM_DEGRADED = 1 << 7
PATCHING = 1 << 8
PATCHED = 1 << 9
LUKS_VOL_FAILED = 1 << 10
SM_UNHEALTHY = 1 << 11
MAIN_GOENABLE_FAIL = 1 << 12
SUBF_GOENABLE_FAIL = 1 << 13
MAIN_SERVICES_FAIL = 1 << 14
SUBF_SERVICES_FAIL = 1 << 15
CONFIG_FAIL = 1 << 16
FLAG_NAMES = {
    I_AM_CONFIGURED: 'configured', I_AM_NOT_HEALTHY: 'not-healthy',
    I_AM_HEALTHY: 'healthy', I_AM_LOCKED: 'locked',
    SUBF_CONFIGURED: 'subf-configured', MAIN_GOENABLED: 'goenabled',
    SUBF_GOENABLED: 'subf-goenabled', SM_DEGRADED: 'sm-degraded',
    PATCHING: 'patching', PATCHED: 'patched',
    LUKS_VOL_FAILED: 'luks-failed', SM_UNHEALTHY: 'sm-unhealthy',
    MAIN_GOENABLE_FAIL: 'goenable-fail',
    SUBF_GOENABLE_FAIL: 'subf-goenable-fail',
    MAIN_SERVICES_FAIL: 'services-fail',
    SUBF_SERVICES_FAIL: 'subf-services-fail', CONFIG_FAIL: 'config-fail',
}

# -- commands (StarlingX's MTC_CMD_* / MTC_REQ_*) -----------------------------
CMD_REBOOT = 'reboot'
CMD_LAZY_REBOOT = 'lazy-reboot'
CMD_WIPEDISK = 'wipedisk'
CMD_REQ_MTCALIVE = 'req-mtcalive'
CMD_REQ_GOENABLED = 'req-goenabled'
CMD_START_SERVICES = 'start-services'
CMD_STOP_SERVICES = 'stop-services'
CMD_LOCKED = 'locked'
CMD_UNLOCKED = 'unlocked'
COMMANDS = (CMD_REBOOT, CMD_LAZY_REBOOT, CMD_WIPEDISK, CMD_REQ_MTCALIVE,
            CMD_REQ_GOENABLED, CMD_START_SERVICES, CMD_STOP_SERVICES,
            CMD_LOCKED, CMD_UNLOCKED)

STATUS_ACK = 'ack'
STATUS_PASS = 'pass'
STATUS_FAIL = 'fail'
STATUSES = (STATUS_ACK, STATUS_PASS, STATUS_FAIL)


class MessageError(datagram.Malformed):
    """An authentic datagram that is not a maintenance message."""


@dataclasses.dataclass(frozen=True)
class Alive:
    hostname: str
    network: str
    uptime: int
    boot_id: str
    flags: int = 0
    personality: str = ''

    def has(self, flag):
        return bool(self.flags & flag)

    def flag_names(self):
        return [name for bit, name in sorted(FLAG_NAMES.items())
                if self.flags & bit]


@dataclasses.dataclass(frozen=True)
class Command:
    command: str
    ident: int
    args: dict = dataclasses.field(default_factory=dict)
    sender: str = ''


@dataclasses.dataclass(frozen=True)
class Result:
    hostname: str
    command: str
    ident: int
    status: str
    reason: str = ''


def seal_alive(sealer, network, uptime, boot_id, flags, personality=''):
    return sealer.seal_json({'t': ALIVE, 'n': network, 'u': int(uptime),
                             'b': str(boot_id), 'f': int(flags),
                             'p': personality})


def seal_command(sealer, command, ident, args=None):
    if command not in COMMANDS:
        raise ValueError('unknown command %r' % command)
    return sealer.seal_json({'t': COMMAND, 'c': command, 'i': int(ident),
                             'a': dict(args or {})})


def seal_result(sealer, command, ident, status, reason=''):
    if status not in STATUSES:
        raise ValueError('unknown status %r' % status)
    return sealer.seal_json({'t': RESULT, 'c': command, 'i': int(ident),
                             's': status, 'r': str(reason)[:255]})


def _field(body, key, kind):
    value = body.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise MessageError('field %r: expected %s, got %r'
                           % (key, kind.__name__, value))
    return value


def decode(opened: datagram.Opened) -> Any:
    """The :class:`Alive`, :class:`Command` or :class:`Result` an
    authentic datagram carries.

    :raises MessageError: when it is none of them.
    """
    body = opened.json()
    if not isinstance(body, dict):
        raise MessageError('not a JSON object')
    kind = body.get('t')
    if kind == ALIVE:
        network = _field(body, 'n', str)
        if network not in NETWORKS:
            raise MessageError('unknown network %r' % network)
        return Alive(opened.sender, network, _field(body, 'u', int),
                     _field(body, 'b', str), _field(body, 'f', int),
                     body.get('p') or '')
    if kind == COMMAND:
        command = _field(body, 'c', str)
        if command not in COMMANDS:
            raise MessageError('unknown command %r' % command)
        args = body.get('a') or {}
        if not isinstance(args, dict):
            raise MessageError('command arguments must be an object')
        return Command(command, _field(body, 'i', int), args,
                       opened.sender)
    if kind == RESULT:
        status = _field(body, 's', str)
        if status not in STATUSES:
            raise MessageError('unknown status %r' % status)
        return Result(opened.sender, _field(body, 'c', str),
                      _field(body, 'i', int), status, body.get('r') or '')
    raise MessageError('unknown message type %r' % (kind,))


def encode_json(document):
    """Compact JSON bytes (what :meth:`Sealer.seal_json` writes)."""
    return json.dumps(document, separators=(',', ':'),
                      sort_keys=True).encode()
