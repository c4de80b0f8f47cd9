"""The on-disk state of a lab: what it is made of and what is running.

Layout of a lab's state directory (``<base>/<lab id>/``)::

    lab.json                 the lab: profile, subnets, hosts, links, BMCs,
                             infrastructure PIDs (written by ``up``)
    bmc-credentials.json     BMC user names and passwords (mode 0600)
    hosts/<host>/runtime.json  power state, boot time, init PID
    hosts/<host>/services.json the commands the host runs at boot
    hosts/<host>/sensors.json  sensor values (the BMCs read them)
    hosts/<host>/root/       the host's root directory
    hosts/<host>/.lock       serialises power transitions of the host
    logs/<host>/*.log        logs of the host's processes
    logs/*.log               logs of dnsmasq, forwarders, BMC emulators
    dhcp/                    dnsmasq leases, pid file, lease hook

The base directory is ``$STX_LAB_DIR``, else ``/run/stx-lab`` for root
(namespaces do not survive a reboot, nor does ``/run``), else
``/tmp/stx-lab-<uid>``. Files are replaced atomically (write + rename), so
a reader never sees half a file.
"""
from collections.abc import Iterator
import contextlib
import dataclasses
import fcntl
import json
import os
import tempfile
from typing import Any

from stx_lab import exception

STATE_FILE = 'lab.json'
CREDENTIALS_FILE = 'bmc-credentials.json'


def base_dir() -> str:
    configured = os.environ.get('STX_LAB_DIR')
    if configured:
        return configured
    if os.geteuid() == 0:
        return '/run/stx-lab'
    return os.path.join(tempfile.gettempdir(), 'stx-lab-%d' % os.getuid())


def write_json(path: str, data: Any, mode: int = 0o644) -> None:
    """Replace ``path`` atomically with ``data`` as JSON."""
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix='.tmp-')
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, 'w') as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
            handle.write('\n')
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_json(path: str, default: Any = None) -> Any:
    try:
        with open(path) as handle:
            return json.load(handle)
    except FileNotFoundError:
        return default


@contextlib.contextmanager
def locked(path: str) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@dataclasses.dataclass
class LinkRecord:
    """One link of a host: a veth from its namespace into a bridge."""

    network: str
    ifname: str          # inside the host's namespace
    peer: str            # bridge side, in the root namespace
    bridge: str
    mac: str
    address: str | None  # None: by DHCP (pxeboot)
    prefixlen: int


@dataclasses.dataclass
class BmcRecord:
    """Where a host's BMC answers; the password is kept elsewhere."""

    type: str            # ipmi | redfish
    address: str
    port: int
    username: str
    uuid: str

    @property
    def url(self) -> str:
        if self.type == 'redfish':
            return 'http://%s:%d' % (self.address, self.port)
        return 'ipmi://%s:%d' % (self.address, self.port)


@dataclasses.dataclass
class HostRecord:
    name: str
    personality: str
    subfunctions: list[str]
    namespace: str | None
    links: dict[str, LinkRecord]
    bmc: BmcRecord
    routes: list[list[str]] = dataclasses.field(default_factory=list)
    env: dict[str, str] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> 'HostRecord':
        data = dict(data)
        data['links'] = {net: LinkRecord(**link)
                         for net, link in data['links'].items()}
        data['bmc'] = BmcRecord(**data['bmc'])
        return cls(**data)


@dataclasses.dataclass
class LabRecord:
    """Everything ``up`` built, as persisted in ``lab.json``."""

    lab_id: str
    profile: str
    workers: int
    namespaced: bool
    slot: int
    subnets: dict[str, str]
    hosts: dict[str, HostRecord]
    bridges: list[str]
    lease_hook: str
    broker: dict[str, Any]
    database: dict[str, Any]
    forwards: list[list[Any]]
    processes: dict[str, list[int]] = dataclasses.field(
        default_factory=dict)     # name -> [pid, start time]
    created_at: float = 0.0
    state: str = 'building'       # building | up | down
    # what services running in the lab created outside its state
    # (e.g. the Flock's databases), for ``down`` to remove
    extras: dict[str, Any] = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> 'LabRecord':
        data = dict(data)
        data['hosts'] = {name: HostRecord.from_dict(host)
                         for name, host in data['hosts'].items()}
        return cls(**data)


class LabPaths:
    """Paths inside one lab's state directory."""

    def __init__(self, lab_id: str, base: str | None = None):
        self.lab_id = lab_id
        self.base = base or base_dir()
        self.root = os.path.join(self.base, lab_id)

    def path(self, *parts: str) -> str:
        return os.path.join(self.root, *parts)

    @property
    def state_file(self) -> str:
        return self.path(STATE_FILE)

    @property
    def credentials_file(self) -> str:
        return self.path(CREDENTIALS_FILE)

    def host_dir(self, host: str) -> str:
        return self.path('hosts', host)

    def host_file(self, host: str, name: str) -> str:
        return self.path('hosts', host, name)

    def host_root(self, host: str) -> str:
        return self.path('hosts', host, 'root')

    def log_dir(self, host: str | None = None) -> str:
        return self.path('logs', host) if host else self.path('logs')

    def log(self, name: str, host: str | None = None) -> str:
        return os.path.join(self.log_dir(host), name + '.log')

    def dhcp(self, name: str) -> str:
        return self.path('dhcp', name)

    def exists(self) -> bool:
        return os.path.exists(self.state_file)

    def load(self) -> LabRecord:
        data = read_json(self.state_file)
        if data is None:
            raise exception.LabNotFound('no lab %s (no %s)'
                                        % (self.lab_id, self.state_file))
        return LabRecord.from_dict(data)

    def save(self, record: LabRecord) -> None:
        write_json(self.state_file, record.to_dict())

    def credentials(self) -> dict[str, dict[str, str]]:
        return read_json(self.credentials_file, {})

    def save_credentials(self, creds: dict[str, dict[str, str]]) -> None:
        write_json(self.credentials_file, creds, mode=0o600)
