"""BMC passwords at rest, and the host list hwmond reads.

sysinv does not store BMC passwords (StarlingX puts them in barbican);
it hands a new one to maintenance with the request that sets it
(``MtceHost.bm_password``). mtce-agent keeps them in
:class:`SecretStore`: one file encrypted with Fernet (AES-128-CBC and
HMAC-SHA256) under a key file of its own, both mode 0600 in its state
directory. Nothing else writes a password to disk, and no log shows one.

hwmond, on the same controller, reads the hosts it must watch from
``[agent] hwmon_hosts_file`` (written by mtce-agent, without passwords)
and their passwords from the same store: ``[hwmon] provider =
mtce.agent.bmc_store:HwmonProvider``.
"""
import json
import os
import tempfile
import threading

from cryptography import fernet
from oslo_config import cfg
from oslo_log import log

from mtce import conf as _conf  # noqa: F401  (registers [agent])
from mtce.bmc import base
from mtce.hwmon import provider as hwprovider

CONF = cfg.CONF
LOG = log.getLogger(__name__)


def _write_private(path, data):
    """Replace ``path`` with ``data`` (bytes), mode 0600, atomically."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=directory, prefix='.mtce-')
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, 'wb') as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def load_or_create_key(path):
    """The store's key; a new one is created (0600) when missing."""
    try:
        with open(path, 'rb') as handle:
            key = handle.read().strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    key = fernet.Fernet.generate_key()
    _write_private(path, key)
    LOG.info('Created the BMC password store key %s', path)
    return key


class SecretStore:
    """Host uuid -> BMC password, encrypted at rest."""

    def __init__(self, path, key_path):
        self.path = path
        self._fernet = fernet.Fernet(load_or_create_key(key_path))
        self._lock = threading.Lock()
        self._stamp = None
        self._secrets = {}

    def __repr__(self):
        return '<SecretStore %s>' % self.path

    def _load(self):
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            self._secrets, self._stamp = {}, None
            return
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        if stamp == self._stamp:
            return
        with open(self.path, 'rb') as handle:
            token = handle.read()
        try:
            self._secrets = json.loads(self._fernet.decrypt(token))
        except (fernet.InvalidToken, ValueError):
            LOG.error('The BMC password store %s cannot be decrypted with '
                      'its key: passwords must be given again', self.path)
            self._secrets = {}
        self._stamp = stamp

    def get(self, uuid):
        """The password of host ``uuid`` as a :class:`Secret` (empty when
        unknown)."""
        with self._lock:
            self._load()
            return base.Secret(self._secrets.get(uuid))

    def has(self, uuid):
        with self._lock:
            self._load()
            return bool(self._secrets.get(uuid))

    def set(self, uuid, password):
        with self._lock:
            self._load()
            if password:
                self._secrets[uuid] = base.Secret(password).reveal()
            else:
                self._secrets.pop(uuid, None)
            self._save()

    def delete(self, uuid):
        self.set(uuid, None)

    def _save(self):
        token = self._fernet.encrypt(json.dumps(self._secrets).encode())
        _write_private(self.path, token)
        info = os.stat(self.path)
        self._stamp = (info.st_mtime_ns, info.st_size, info.st_ino)


def open_store(conf=CONF):
    return SecretStore(conf.agent.bmc_secrets_file, conf.agent.bmc_key_file)


# -- hwmond's host list ------------------------------------------------------
def write_hwmon_hosts(path, hosts):
    """The hosts with a BMC, for hwmond: ``[{hostname, uuid, bm_type,
    bm_ip, bm_username, bmc_protocol}]`` (no password)."""
    document = {'hosts': [
        {'hostname': h.hostname, 'uuid': h.uuid, 'bm_type': h.bm_type,
         'bm_ip': h.bm_ip, 'bm_username': h.bm_username,
         'bmc_protocol': h.mtce_info.get('bmc_protocol')}
        for h in sorted(hosts, key=lambda h: h.hostname or '')
        if h.hostname and h.bmc_provisioned]}
    _write_private(path, json.dumps(document, sort_keys=True,
                                    indent=1).encode())


class HwmonProvider(hwprovider.HostProvider):
    """hwmond's hosts: mtce-agent's list plus the stored passwords.

    ``[hwmon] provider = mtce.agent.bmc_store:HwmonProvider``.
    """

    def __init__(self, conf=CONF, store=None):
        self.path = conf.agent.hwmon_hosts_file
        self.store = store or open_store(conf)
        self._stamp = None
        self._document = None

    def hosts(self):
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return []
        stamp = (info.st_mtime_ns, info.st_size)
        if stamp != self._stamp:
            try:
                with open(self.path) as handle:
                    self._document = json.load(handle)
                self._stamp = stamp
            except (OSError, ValueError) as exc:
                LOG.warning('hwmond host list %s unreadable: %s', self.path,
                            exc)
        records = []
        for item in (self._document or {}).get('hosts', []):
            password = self.store.get(item.get('uuid'))
            if not password:
                continue            # not watched until its password is known
            records.append(hwprovider.HostRecord(
                hostname=item['hostname'], bm_type=item['bm_type'],
                bm_ip=item['bm_ip'], bm_username=item['bm_username'],
                bm_password=password,
                bmc_protocol=item.get('bmc_protocol')))
        return records
