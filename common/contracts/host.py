"""Host maintenance contract: sysinv <-> maintenance (mtce) <-> the VIM.

sysinv decides and records host actions; maintenance carries them out and
reports the host's states back. Both directions are oslo.messaging RPC
``call``s on the other service's exchange:

* sysinv -> mtce, topic ``mtce.agent`` (exchange ``mtce``):
  ``add_host(host)``, ``modify_host(host, action)``, ``delete_host(uuid)``,
  each answered with a :class:`MtceAnswer` dict ``{"status": "pass" |
  "fail", "reason": ..., "action": ...}``. ``host`` is a
  :class:`MtceHost` dict. Maintenance answers first and reports the
  resulting states afterwards (never from inside its answer), so the two
  directions cannot wait on each other.
* mtce -> sysinv, topic ``sysinv.conductor`` (exchange ``sysinv``):
  ``update_host_state(host, values)`` where ``host`` is a hostname or
  uuid and ``values`` a :class:`HostStateUpdate` (administrative,
  operational, availability, subfunction states, task, uptime,
  mtce_info). The answer is the updated host (sysinv's host dict).
  StarlingX's maintenance PATCHes ``/v1/ihosts/<uuid>`` with
  ``User-Agent: mtce/1.0`` instead; sysinv-api accepts that too and
  ends in the same conductor method.
* sysinv -> VIM, topic ``nfv_vim.hosts`` (exchange ``nfv_vim``): the lock
  family (``host_action(uuid, hostname, action)``), ``host_add`` and
  ``host_delete``, answered like maintenance. Only when sysinv's
  ``[conductor] vim_enabled`` is set: the VIM service does not exist yet.
  The VIM reports back with its ``services-*`` actions (PATCH with
  ``User-Agent: vim/1.0``).

Maintenance's additions (all optional, older peers ignore them):

* mtce -> sysinv: ``get_mtce_hosts(uuids=None)`` answers the hosts as
  :class:`MtceHost` dicts, each with its cluster-host address; mtce-agent
  reads the whole inventory with it at start-up (StarlingX's mtcAgent
  reads ``v1/ihosts``).
* :class:`MtceHost` carries ``cluster_host_ip`` and ``mtce_info``, and
  ``bm_password`` when (and only when) a request changes it: sysinv
  stores no BMC password, maintenance keeps it encrypted at rest. The
  password never shows in a ``repr``.
* pmond and hwmond -> mtce, topic ``mtce.agent``: casts
  ``process_event(event)`` (a pmond :class:`ProcessEvent` payload:
  StarlingX's ``MTC_EVENT_PMON_*``) and ``sensor_event(event)`` (an
  hwmond :class:`SensorEvent` payload: ``MTC_EVENT_HWMON_*``), through
  :class:`MtceEventClient`.

A call that gets no answer raises ``MessageUndeliverable`` at once when
nobody ever consumed the topic, ``MessagingTimeout`` when the consumer is
gone; what to do then is the caller's decision (sysinv leaves the action
recorded as in progress and logs it).
"""
import dataclasses

from stx_common import exception
from stx_common.rpc import client

VERSION = '1.0'

MTCE_EXCHANGE = 'mtce'
MTCE_TOPIC = 'mtce.agent'
SYSINV_EXCHANGE = 'sysinv'
SYSINV_TOPIC = 'sysinv.conductor'
VIM_EXCHANGE = 'nfv_vim'
VIM_TOPIC = 'nfv_vim.hosts'

STATUS_PASS = 'pass'
STATUS_FAIL = 'fail'

OPERATION_ADD = 'add'
OPERATION_MODIFY = 'modify'
OPERATION_DELETE = 'delete'

# The wire vocabulary of the reported states (StarlingX's values).
ADMINISTRATIVE_STATES = ('locked', 'unlocked')
OPERATIONAL_STATES = ('disabled', 'enabled')
AVAILABILITY_STATES = ('available', 'intest', 'degraded', 'failed',
                       'power-off', 'offline', 'offduty', 'online',
                       'dependency', 'not-installed')

# Actions maintenance carries out (``modify_host``'s ``action``).
MTCE_ACTIONS = ('unlock', 'lock', 'force-lock', 'swact', 'force-swact',
                'reboot', 'reset', 'reinstall', 'power-on', 'power-off')
# Actions the VIM is asked to perform first.
VIM_ACTIONS = ('lock', 'force-lock', 'force-unsafe-lock', 'unlock')


class InvalidHostMessage(exception.Invalid):
    msg_fmt = 'Invalid host maintenance message: %(reason)s'


def _known(cls, values):
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(values) - names
    if unknown:
        raise InvalidHostMessage(reason='unknown field(s): %s'
                                 % ', '.join(sorted(unknown)))
    return values


@dataclasses.dataclass
class MtceHost:
    """What maintenance knows of a host (StarlingX's mtce host record)."""

    uuid: str
    hostname: str | None = None
    personality: str | None = None
    subfunctions: str | None = None
    mgmt_mac: str | None = None
    mgmt_ip: str | None = None
    bm_type: str | None = None
    bm_ip: str | None = None
    bm_username: str | None = None
    administrative: str | None = None
    operational: str | None = None
    availability: str | None = None
    subfunction_oper: str | None = None
    subfunction_avail: str | None = None
    invprovision: str | None = None
    task: str | None = None
    uptime: int | None = None
    operation: str | None = None
    cluster_host_ip: str | None = None
    mtce_info: str | None = None
    bm_password: str | None = dataclasses.field(default=None, repr=False)

    @classmethod
    def from_host(cls, host, operation=None):
        """The record of a sysinv host dict (extra keys ignored)."""
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in host.items() if k in names}
        values['operation'] = operation
        return cls(**values)

    @classmethod
    def from_dict(cls, values):
        return cls(**_known(cls, values))

    def to_dict(self):
        return dataclasses.asdict(self)


@dataclasses.dataclass
class MtceAnswer:
    """Maintenance's (or the VIM's) answer to add / modify / delete."""

    status: str
    reason: str = ''
    action: str = ''

    @property
    def passed(self):
        return self.status == STATUS_PASS

    @classmethod
    def from_dict(cls, values):
        if not isinstance(values, dict) or 'status' not in values:
            raise InvalidHostMessage(reason='an answer needs a status, got '
                                     '%r' % (values,))
        answer = cls(**_known(cls, values))
        if answer.status not in (STATUS_PASS, STATUS_FAIL):
            raise InvalidHostMessage(reason='status must be pass or fail, '
                                     'not %r' % answer.status)
        return answer

    def to_dict(self):
        return dataclasses.asdict(self)


# Fields a state report may carry.
STATE_FIELDS = ('administrative', 'operational', 'availability',
                'subfunction_oper', 'subfunction_avail', 'task', 'uptime',
                'mtce_info')
_VOCABULARY = {
    'administrative': ADMINISTRATIVE_STATES,
    'operational': OPERATIONAL_STATES,
    'subfunction_oper': OPERATIONAL_STATES,
    'availability': AVAILABILITY_STATES,
    'subfunction_avail': AVAILABILITY_STATES,
}


@dataclasses.dataclass
class HostStateUpdate:
    """A state report of maintenance about one host (None: unchanged)."""

    administrative: str | None = None
    operational: str | None = None
    availability: str | None = None
    subfunction_oper: str | None = None
    subfunction_avail: str | None = None
    task: str | None = None
    uptime: int | None = None
    mtce_info: str | None = None

    def validate(self):
        """Known values and an integer uptime; returns self."""
        for name, allowed in _VOCABULARY.items():
            value = getattr(self, name)
            if value is not None and value not in allowed:
                raise InvalidHostMessage(reason='%s %r is not one of: %s'
                                         % (name, value, ', '.join(allowed)))
        if self.uptime is not None:
            try:
                self.uptime = int(self.uptime)
            except (TypeError, ValueError):
                raise InvalidHostMessage(reason='uptime must be an integer, '
                                         'not %r' % (self.uptime,)) from None
            if self.uptime < 0:
                raise InvalidHostMessage(reason='uptime must not be '
                                         'negative')
        if self.task is not None and len(self.task) > 64:
            raise InvalidHostMessage(reason='task is longer than 64 '
                                     'characters')
        return self

    def values(self):
        """The reported fields only."""
        return {k: v for k, v in dataclasses.asdict(self).items()
                if v is not None}

    @classmethod
    def from_dict(cls, values):
        return cls(**_known(cls, values)).validate()


class MtceClient(client.RPCClient):
    """sysinv's client of maintenance (``mtce.agent``)."""

    TOPIC = MTCE_TOPIC
    EXCHANGE = MTCE_EXCHANGE
    VERSION = VERSION
    AT_LEAST_ONCE = True

    def add_host(self, context, host, timeout=None):
        """Tell maintenance about a new host (``host``: MtceHost)."""
        host.operation = OPERATION_ADD
        return MtceAnswer.from_dict(self.call(
            context, 'add_host', timeout=timeout, host=host.to_dict()))

    def modify_host(self, context, host, action=None, timeout=None):
        """Changed host data and/or an action to carry out."""
        host.operation = OPERATION_MODIFY
        return MtceAnswer.from_dict(self.call(
            context, 'modify_host', timeout=timeout, host=host.to_dict(),
            action=action))

    def delete_host(self, context, uuid, timeout=None):
        return MtceAnswer.from_dict(self.call(
            context, 'delete_host', timeout=timeout, uuid=uuid))


class SysinvClient(client.RPCClient):
    """Maintenance's client of sysinv (``sysinv.conductor``)."""

    TOPIC = SYSINV_TOPIC
    EXCHANGE = SYSINV_EXCHANGE
    VERSION = VERSION
    AT_LEAST_ONCE = True

    def update_host_state(self, context, host, update, timeout=None):
        """Report states of ``host`` (hostname or uuid); the host dict.

        :param update: a :class:`HostStateUpdate`.
        :raises HostNotFound: (sysinv's) for an unknown host.
        """
        return self.call(context, 'update_host_state', timeout=timeout,
                         host=host, values=update.validate().values())

    def get_mtce_hosts(self, context, uuids=None, timeout=None):
        """The hosts (all, or those of ``uuids``) as :class:`MtceHost`."""
        answer = self.call(context, 'get_mtce_hosts', timeout=timeout,
                           uuids=list(uuids) if uuids else None)
        return [MtceHost.from_dict(h) for h in answer or ()]


# Events of pmond / hwmond for maintenance (payload dict keys).
PROCESS_EVENT_FIELDS = ('hostname', 'process', 'event', 'severity',
                        'state', 'reason', 'restarts', 'resend',
                        'timestamp')
SENSOR_EVENT_FIELDS = ('hostname', 'sensor', 'group', 'action', 'severity',
                       'value', 'unit', 'status', 'host_degraded',
                       'reason', 'timestamp')


def _event(payload, required):
    if not isinstance(payload, dict) or not payload.get('hostname'):
        raise InvalidHostMessage(reason='an event needs a hostname')
    missing = [k for k in required if k not in payload]
    if missing:
        raise InvalidHostMessage(reason='event without %s'
                                 % ', '.join(missing))
    return payload


def check_process_event(payload):
    """A pmond event payload with what maintenance needs; returns it."""
    return _event(payload, ('event',))


def check_sensor_event(payload):
    """An hwmond event payload with what maintenance needs."""
    return _event(payload, ('action', 'sensor'))


class MtceEventClient(client.RPCClient):
    """pmond's and hwmond's client of maintenance (casts only)."""

    TOPIC = MTCE_TOPIC
    EXCHANGE = MTCE_EXCHANGE
    VERSION = VERSION

    def process_event(self, context, event):
        """Tell maintenance about a process (``event``: a dict)."""
        self.cast(context, 'process_event',
                  event=check_process_event(dict(event)))

    def sensor_event(self, context, event):
        """Tell maintenance about a sensor action (``event``: a dict)."""
        self.cast(context, 'sensor_event',
                  event=check_sensor_event(dict(event)))


class VimClient(client.RPCClient):
    """sysinv's client of the VIM (``nfv_vim.hosts``); provisional: the
    VIM service does not exist yet."""

    TOPIC = VIM_TOPIC
    EXCHANGE = VIM_EXCHANGE
    VERSION = VERSION
    AT_LEAST_ONCE = True

    def host_action(self, context, uuid, hostname, action, timeout=None):
        return MtceAnswer.from_dict(self.call(
            context, 'host_action', timeout=timeout, uuid=uuid,
            hostname=hostname, action=action))

    def host_add(self, context, host, timeout=None):
        return MtceAnswer.from_dict(self.call(
            context, 'host_add', timeout=timeout, host=host.to_dict()))

    def host_delete(self, context, uuid, hostname, timeout=None):
        return MtceAnswer.from_dict(self.call(
            context, 'host_delete', timeout=timeout, uuid=uuid,
            hostname=hostname))
