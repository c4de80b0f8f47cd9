"""The degrade bitmask: why an enabled host is ``degraded``.

Each cause sets its own bit (StarlingX's ``DEGRADE_MASK_*`` values); the
host is degraded while any bit is set and available again only when all
of them are clear, whatever order they clear in.
"""

HEARTBEAT_MGMT = 0x0001
HEARTBEAT_CLSTR = 0x0002
PMON = 0x0004
INSV_TEST = 0x0008
AVS_MAJOR = 0x0010
AVS_CRITICAL = 0x0020
RESMON = 0x0040
HWMON = 0x0080
SUBF = 0x0100
SM = 0x0200
CONFIG = 0x0400
COLLECTD = 0x0800
ENABLE = 0x1000
LUKS = 0x2000

NAMES = {
    HEARTBEAT_MGMT: 'heartbeat-mgmt', HEARTBEAT_CLSTR: 'heartbeat-clstr',
    PMON: 'pmon', INSV_TEST: 'insv-test', AVS_MAJOR: 'avs-major',
    AVS_CRITICAL: 'avs-critical', RESMON: 'resmon', HWMON: 'hwmon',
    SUBF: 'subf', SM: 'sm', CONFIG: 'config', COLLECTD: 'collectd',
    ENABLE: 'enable', LUKS: 'luks',
}
ALL = sum(NAMES)

# The heartbeat bit of each monitored network.
HEARTBEAT = {'mgmt': HEARTBEAT_MGMT, 'cluster-host': HEARTBEAT_CLSTR}


def set_bit(mask, bit):
    """``mask`` with ``bit`` set.

    :raises ValueError: for a value that is not one known bit.
    """
    _check(bit)
    return mask | bit


def clear_bit(mask, bit):
    _check(bit)
    return mask & ~bit


def degraded(mask):
    return bool(mask & ALL)


def names(mask):
    """The causes set in ``mask``, lowest bit first."""
    return [NAMES[bit] for bit in sorted(NAMES) if mask & bit]


def _check(bit):
    if bit not in NAMES:
        raise ValueError('0x%x is not a degrade cause' % bit)
