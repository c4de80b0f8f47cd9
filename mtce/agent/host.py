"""What mtce-agent knows of one host (StarlingX's ``nodeLinkClass``
node), kept by the engine thread only."""
import dataclasses
import json
import time

from mtce.common import degrade
from mtce.common import states as s

NETWORKS = ('mgmt', 'cluster-host')


@dataclasses.dataclass
class Host:
    uuid: str
    hostname: str | None = None
    personality: str | None = None
    subfunctions: str | None = None
    mgmt_mac: str | None = None
    mgmt_ip: str | None = None
    cluster_host_ip: str | None = None
    bm_type: str | None = None
    bm_ip: str | None = None
    bm_username: str | None = None
    mtce_info: dict = dataclasses.field(default_factory=dict)
    # the reported state
    admin: str = s.LOCKED
    oper: str = s.DISABLED
    avail: str = s.OFFLINE
    task: str = s.TASK_NONE
    # what the host's mtcAlive says
    uptime: int = 0
    boot_id: str | None = None
    flags: int = 0
    last_alive: float | None = None       # monotonic
    alive_count: int = 0
    reported_uptime: int | None = None
    # maintenance's bookkeeping
    degrade_mask: int = 0
    degraded_processes: set = dataclasses.field(default_factory=set)
    ar_counts: dict = dataclasses.field(default_factory=dict)
    ar_disabled: bool = False
    recovery_count: int = 0
    powered_on_at: float | None = None    # monotonic, by maintenance
    flow: object = None
    task_token: int = 0
    added_at: float = dataclasses.field(default_factory=time.monotonic)

    @property
    def state(self):
        return s.join(self.admin, self.oper, self.avail)

    @state.setter
    def state(self, value):
        self.admin, self.oper, self.avail = s.split(value)

    @property
    def name(self):
        """For messages: the hostname, else the uuid (a placeholder)."""
        return self.hostname or self.uuid

    @property
    def locked(self):
        return self.admin == s.LOCKED

    @property
    def enabled(self):
        return self.oper == s.ENABLED

    @property
    def is_controller(self):
        return self.personality == s.CONTROLLER

    @property
    def provisioned(self):
        """Named, with a personality and a mgmt address: maintained."""
        return bool(self.hostname and self.personality and self.mgmt_ip)

    @property
    def bmc_provisioned(self):
        return bool(self.bm_type and self.bm_type != 'none' and self.bm_ip
                    and self.bm_username)

    def addresses(self):
        """Network -> address of the monitored networks."""
        found = {'mgmt': self.mgmt_ip}
        if self.cluster_host_ip:
            found['cluster-host'] = self.cluster_host_ip
        return {k: v for k, v in found.items() if v}

    def degraded(self):
        return degrade.degraded(self.degrade_mask)

    def heard_since(self, moment):
        return self.last_alive is not None and self.last_alive >= moment

    def mtce_info_text(self):
        return json.dumps(self.mtce_info, sort_keys=True) \
            if self.mtce_info else None


# sysinv's record fields maintenance takes (everything but the states).
RECORD_FIELDS = ('hostname', 'personality', 'subfunctions', 'mgmt_mac',
                 'mgmt_ip', 'cluster_host_ip', 'bm_type', 'bm_ip',
                 'bm_username')
BMC_FIELDS = ('bm_type', 'bm_ip', 'bm_username')


def parse_mtce_info(text):
    if not text:
        return {}
    if isinstance(text, dict):
        return dict(text)
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def from_record(record):
    """A :class:`Host` from a contract ``MtceHost``: sysinv's states
    taken as they are (maintenance owns them from now on)."""
    host = Host(uuid=record.uuid)
    update_from_record(host, record)
    if record.administrative in s.ADMINISTRATIVE:
        host.admin = record.administrative
    if record.operational in s.OPERATIONAL:
        host.oper = record.operational
    if record.availability in s.AVAILABILITY:
        host.avail = record.availability
    if host.state not in s.HOST_STATES:
        # a combination maintenance never reports: start from the closest
        host.state = (s.ENABLED_DEGRADED if host.enabled else
                      s.join(host.admin, s.DISABLED, s.OFFLINE))
    host.task = record.task or s.TASK_NONE
    host.mtce_info = parse_mtce_info(record.mtce_info)
    return host


def update_from_record(host, record):
    """Take sysinv's record (a whole one: None is a value, e.g. a BMC
    deprovisioned), except its cluster-host address, which only the
    inventory carries; returns the names of the fields that changed."""
    changed = []
    for field in RECORD_FIELDS:
        value = getattr(record, field, None)
        if field == 'cluster_host_ip' and value is None:
            continue
        if field == 'bm_type' and value in ('', 'none'):
            value = None
        if getattr(host, field) != value:
            setattr(host, field, value)
            changed.append(field)
    return changed
