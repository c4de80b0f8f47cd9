"""Where hwmond learns its hosts, their BMCs and their sensor settings.

A :class:`HostProvider` answers :meth:`~HostProvider.hosts` with
:class:`HostRecord` s; hwmond asks it before each scheduling pass and
follows additions, removals and changes. The host life-cycle code feeds
one from sysinv (hosts with a provisioned BMC, the password from the
secret store); :class:`StaticFileProvider` reads a JSON file (tests, a
site without sysinv)::

    {"hosts": [
      {"hostname": "worker-0", "bm_type": "ipmi", "bm_ip": "192.168.220.12",
       "bm_port": 623, "bm_username": "admin", "bm_password": "...",
       "audit_interval": 120,
       "groups": {"fan": {"actions_critical_group": "reset"}},
       "sensors": {"CPU Temp": {"actions_major": "alarm",
                                "t_critical_upper": 85}}}
    ]}

Keys are sysinv's (``ihost`` ``bm_*``; ``isensorgroup``
``actions_*_group``, ``suppress``, ``audit_interval_group``; ``isensor``
``actions_*``, ``suppress``, ``t_*``), plus ``bm_port`` / ``bm_scheme``
for BMCs off their standard port, and ``bmc_protocol`` (the protocol a
``dynamic`` BMC was learned to speak). The file holds passwords: it is
refused when group or others may read it.
"""
import abc
import dataclasses
import json
import os
import stat
import threading

from oslo_log import log
from oslo_utils import importutils

from mtce.bmc import base
from mtce.hwmon import policy

LOG = log.getLogger(__name__)


class ProviderError(ValueError):
    """The host list could not be read or is wrong."""


@dataclasses.dataclass(frozen=True)
class HostRecord:
    """One host with a BMC, as hwmond needs it."""

    hostname: str
    bm_type: str = 'dynamic'
    bm_ip: str = ''
    bm_username: str = ''
    bm_password: base.Secret = dataclasses.field(
        default_factory=lambda: base.Secret(''), repr=False)
    bm_port: int | None = None
    bm_scheme: str | None = None
    bmc_protocol: str | None = None
    audit_interval: int | None = None
    groups: dict = dataclasses.field(default_factory=dict)
    sensors: dict = dataclasses.field(default_factory=dict)

    def bmc_key(self):
        """What a new BMC driver is needed for when it changes."""
        return (self.bm_type, self.bm_ip, self.bm_username,
                self.bm_password, self.bm_port, self.bm_scheme)

    def interval(self, default):
        """Audit interval: the record's, else the smallest group one,
        else ``default``."""
        values = [g.get('audit_interval_group') for g in
                  self.groups.values() if g.get('audit_interval_group')]
        if self.audit_interval:
            values.append(self.audit_interval)
        return max(1, int(min(values))) if values else default


def _check_actions(hostname, where, values, key):
    """The action of each severity of a group or sensor (``where``),
    ``values[key % severity]``, when there is one."""
    for severity in ('minor', 'major', 'critical'):
        action = values.get(key % severity)
        if action is not None:
            try:
                policy.check_action(severity, action)
            except ValueError as exc:
                raise ProviderError('host %s %s: %s' % (
                    hostname, where, exc)) from None


def _check_settings(hostname, record):
    for group, values in (record.get('groups') or {}).items():
        _check_actions(hostname, 'group %s' % group, values,
                       'actions_%s_group')
    for sensor, values in (record.get('sensors') or {}).items():
        _check_actions(hostname, 'sensor %s' % sensor, values,
                       'actions_%s')
        for key in policy.THRESHOLD_KEYS:
            if values.get(key) is not None:
                try:
                    float(values[key])
                except (TypeError, ValueError):
                    raise ProviderError('host %s sensor %s: %s %r is not a '
                                        'number' % (hostname, sensor, key,
                                                    values[key])) from None


_FIELDS = {f.name for f in dataclasses.fields(HostRecord)}


def record_from_dict(values):
    """A :class:`HostRecord` from a JSON object.

    :raises ProviderError: for a missing hostname, unknown keys or bad
        sensor settings.
    """
    if not isinstance(values, dict) or not values.get('hostname'):
        raise ProviderError('each host needs a hostname')
    hostname = values['hostname']
    unknown = set(values) - _FIELDS
    if unknown:
        raise ProviderError('host %s: unknown key(s) %s' % (
            hostname, ', '.join(sorted(unknown))))
    _check_settings(hostname, values)
    data = dict(values)
    data['bm_password'] = base.Secret(data.get('bm_password'))
    for key in ('groups', 'sensors'):
        data[key] = {k: dict(v) for k, v in (data.get(key) or {}).items()}
    return HostRecord(**data)


class HostProvider(abc.ABC):
    """The hosts hwmond monitors."""

    @abc.abstractmethod
    def hosts(self):
        """The current list of :class:`HostRecord` s."""

    def close(self):  # noqa: B027 - optional
        pass


class MemoryProvider(HostProvider):
    """Hosts set by code (the life-cycle engineer's feed, tests)."""

    def __init__(self, hosts=()):
        self._lock = threading.Lock()
        self._hosts = {h.hostname: h for h in hosts}

    def set_host(self, record):
        with self._lock:
            self._hosts[record.hostname] = record

    def remove_host(self, hostname):
        with self._lock:
            self._hosts.pop(hostname, None)

    def hosts(self):
        with self._lock:
            return list(self._hosts.values())


class StaticFileProvider(HostProvider):
    """Hosts from a JSON file, read again when it changes."""

    def __init__(self, path):
        if not path:
            raise ProviderError('[hwmon] hosts_file is not set')
        self.path = path
        self._stamp = None
        self._hosts = []
        self.error = None

    def _read(self):
        try:
            info = os.stat(self.path)
        except OSError as exc:
            raise ProviderError('%s: %s' % (self.path, exc.strerror)) \
                from None
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ProviderError('%s holds BMC passwords and may be read by '
                                'others (mode %o): chmod 600 it' % (
                                    self.path, stat.S_IMODE(info.st_mode)))
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        if stamp == self._stamp:
            return None
        try:
            with open(self.path, encoding='utf-8') as handle:
                data = json.load(handle)
        except (OSError, ValueError) as exc:
            raise ProviderError('%s: %s' % (self.path, exc)) from None
        if not isinstance(data, dict) or not isinstance(data.get('hosts'),
                                                        list):
            raise ProviderError('%s: expected {"hosts": [...]}' % self.path)
        hosts = [record_from_dict(item) for item in data['hosts']]
        names = [h.hostname for h in hosts]
        if len(set(names)) != len(names):
            raise ProviderError('%s: a hostname is listed twice' % self.path)
        self._stamp = stamp
        return hosts

    def hosts(self):
        """The file's hosts; the last good list when it became wrong."""
        try:
            hosts = self._read()
        except ProviderError as exc:
            if str(exc) != self.error:
                LOG.error('host list not (re)loaded: %s', exc)
            self.error = str(exc)
            return list(self._hosts)
        self.error = None
        if hosts is not None:
            self._hosts = hosts
            LOG.info('%d host(s) from %s', len(hosts), self.path)
        return list(self._hosts)


def load_provider(spec, conf):
    """The provider named by ``[hwmon] provider``."""
    if not spec or spec == 'static':
        return StaticFileProvider(conf.hwmon.hosts_file)
    module, _, attribute = spec.partition(':')
    if not attribute:
        raise ProviderError('provider %r: expected "static" or '
                            '"module:attribute"' % spec)
    provider = getattr(importutils.import_module(module), attribute)()
    if not isinstance(provider, HostProvider):
        raise ProviderError('provider %r is not a HostProvider' % spec)
    return provider
