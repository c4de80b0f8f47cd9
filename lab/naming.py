"""Names of everything a lab creates, each carrying the lab's id.

Several labs may run on one machine at once (concurrent test runs), so
every namespace, bridge, veth and process marker carries a short lab id.
Linux interface names are limited to 15 characters; the scheme below keeps
every name within that limit:

=====================  ================================  ==============
object                 name                              example
=====================  ================================  ==============
network namespace      ``flock-<id>-<hostname>``         flock-t3a9-c...
bridge of a network    ``fl<id>-<net>``                  flt3a9-mgmt
veth, bridge side      ``fl<id><host>-<net>``            flt3a9w0-mgmt
veth, host side        ``<network>0`` (in the namespace) mgmt0
=====================  ================================  ==============

``<host>`` is the short form of a hostname (``c0`` for controller-0,
``w12`` for worker-12) and ``<net>`` the short form of a network.
"""
import re
import secrets
import string

from stx_lab import exception

IFNAMSIZ = 15
ID_LENGTH = 4
NETNS_PREFIX = 'flock-'
IFACE_PREFIX = 'fl'

# network -> short form used in bridge and veth names.
NET_SHORT = {
    'oam': 'oam',
    'mgmt': 'mgmt',
    'cluster-host': 'clh',
    'pxeboot': 'pxe',
    'bmc': 'bmc',
}
# network -> interface name inside a host's namespace.
HOST_IFNAME = {
    'oam': 'oam0',
    'mgmt': 'mgmt0',
    'cluster-host': 'cluster0',
    'pxeboot': 'pxeboot0',
}

_ID_RE = re.compile(r'^[a-z0-9]{%d}$' % ID_LENGTH)
_HOST_RE = re.compile(r'^(controller|worker|storage)-(\d{1,3})$')
_HOST_LETTER = {'controller': 'c', 'worker': 'w', 'storage': 's'}


def new_lab_id() -> str:
    """A random lab id: four characters of ``[a-z0-9]``, starting with a
    letter so that names never look like numbers."""
    alphabet = string.ascii_lowercase + string.digits
    return secrets.choice(string.ascii_lowercase) + ''.join(
        secrets.choice(alphabet) for _ in range(ID_LENGTH - 1))


def check_lab_id(lab_id: str) -> str:
    if not _ID_RE.match(lab_id or ''):
        raise exception.InvalidName(
            'lab id must be %d characters of [a-z0-9], got %r'
            % (ID_LENGTH, lab_id))
    return lab_id


def host_short(hostname: str) -> str:
    """``controller-0`` -> ``c0``, ``worker-12`` -> ``w12``."""
    match = _HOST_RE.match(hostname)
    if not match:
        raise exception.InvalidName('unsupported hostname %r' % hostname)
    return _HOST_LETTER[match.group(1)] + str(int(match.group(2)))


def _checked(name: str) -> str:
    if len(name) > IFNAMSIZ:
        raise exception.InvalidName(
            'interface name %r is longer than %d characters'
            % (name, IFNAMSIZ))
    return name


def namespace(lab_id: str, hostname: str) -> str:
    return '%s%s-%s' % (NETNS_PREFIX, lab_id, hostname)


def namespace_prefix(lab_id: str) -> str:
    return '%s%s-' % (NETNS_PREFIX, lab_id)


def bridge(lab_id: str, network: str) -> str:
    return _checked('%s%s-%s' % (IFACE_PREFIX, lab_id, NET_SHORT[network]))


def veth_bridge_side(lab_id: str, hostname: str, network: str) -> str:
    return _checked('%s%s%s-%s' % (IFACE_PREFIX, lab_id,
                                   host_short(hostname), NET_SHORT[network]))


def iface_prefix(lab_id: str) -> str:
    """Every root-namespace interface of the lab starts with this."""
    return IFACE_PREFIX + lab_id


def host_ifname(network: str) -> str:
    return HOST_IFNAME[network]
