"""The BMC driver interface every protocol implements.

Maintenance and hwmond talk to a host's board management controller only
through a :class:`BMCDriver` (see :func:`mtce.bmc.factory.get_driver`):

* power: :meth:`~BMCDriver.power_status`, :meth:`~BMCDriver.power_on`,
  :meth:`~BMCDriver.power_off`, :meth:`~BMCDriver.reset`,
  :meth:`~BMCDriver.power_cycle` (StarlingX's ``chassis power ...`` and
  Redfish ``ComputerSystem.Reset`` actions);
* sensors: :meth:`~BMCDriver.sensors` gives :class:`SensorReading` rows with
  the BMC's threshold status in ipmitool's short form (``ok``, ``nc``,
  ``cr``, ``nr``, ``na``);
* access: :meth:`~BMCDriver.ping` proves the BMC answers and accepts the
  credentials.

Failures raise :class:`BMCAccessError` (the BMC cannot be reached or
refuses the credentials: what alarm 200.010 is about) or
:class:`BMCCommandError` (it answered but refused the request). The
password is held in a :class:`Secret` that never shows in a repr, a log
record or an exception message.
"""
import abc
from collections.abc import Mapping
import dataclasses
import threading

POWER_ON = 'on'
POWER_OFF = 'off'
POWER_STATES = (POWER_ON, POWER_OFF)

PROTOCOL_IPMI = 'ipmi'
PROTOCOL_REDFISH = 'redfish'
PROTOCOLS = (PROTOCOL_IPMI, PROTOCOL_REDFISH)

# StarlingX's canned sensor groups.
GROUP_FAN = 'fan'
GROUP_TEMPERATURE = 'temperature'
GROUP_VOLTAGE = 'voltage'
GROUP_POWER = 'power'
GROUP_USAGE = 'usage'
GROUPS = (GROUP_FAN, GROUP_TEMPERATURE, GROUP_VOLTAGE, GROUP_POWER,
          GROUP_USAGE)

# Threshold status of a reading, as ``ipmitool sensor list`` prints it.
STATUS_OK = 'ok'
STATUS_NON_CRITICAL = 'nc'
STATUS_CRITICAL = 'cr'
STATUS_NON_RECOVERABLE = 'nr'
STATUS_UNAVAILABLE = 'na'
STATUSES = (STATUS_OK, STATUS_NON_CRITICAL, STATUS_CRITICAL,
            STATUS_NON_RECOVERABLE, STATUS_UNAVAILABLE)

# IPMI's six thresholds, lowest first.
THRESHOLDS = ('lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr')

REDACTED = '******'


class BMCError(Exception):
    """A BMC operation failed."""

    def __init__(self, message, address=None):
        self.address = address
        if address:
            message = 'BMC %s: %s' % (address, message)
        super().__init__(message)


class BMCAccessError(BMCError):
    """The BMC did not answer, or refused the credentials."""


class BMCCommandError(BMCError):
    """The BMC answered but refused or could not carry out a request."""


class PartialSensorRead(BMCError):
    """Some sensor groups could be read, others not.

    :ivar readings: what was read.
    :ivar failed_groups: group name -> reason, for the groups not read.
    """

    def __init__(self, readings, failed_groups, address=None):
        self.readings = list(readings)
        self.failed_groups = dict(failed_groups)
        super().__init__('cannot read sensor group(s) %s' % ', '.join(
            sorted(self.failed_groups)), address)


class Secret:
    """A password that does not leak: its repr and str are redacted.

    ``reveal()`` is the only way to the value; call it where the value is
    handed to a protocol library, nowhere else.
    """

    __slots__ = ('_value',)

    def __init__(self, value):
        if isinstance(value, Secret):
            value = value.reveal()
        self._value = '' if value is None else str(value)

    def reveal(self):
        return self._value

    def __bool__(self):
        return bool(self._value)

    def __eq__(self, other):
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self):
        return hash(self._value)

    def __repr__(self):
        return "Secret('%s')" % REDACTED

    def __str__(self):
        return REDACTED

    def __reduce__(self):
        raise TypeError('a Secret is not serialised')


def redact(text, *secrets):
    """``text`` with every non-empty secret replaced by asterisks."""
    text = str(text)
    for secret in secrets:
        value = secret.reveal() if isinstance(secret, Secret) else secret
        if value:
            text = text.replace(value, REDACTED)
    return text


@dataclasses.dataclass(frozen=True)
class SensorReading:
    """One sensor as the BMC reports it.

    :ivar name: the sensor's name (unique per host).
    :ivar group: one of :data:`GROUPS`.
    :ivar value: the reading, or None when unavailable.
    :ivar unit: unit of the value (``degrees C``, ``RPM``, ``Volts``,
        ``Watts`` ...).
    :ivar status: one of :data:`STATUSES`.
    :ivar thresholds: threshold name (:data:`THRESHOLDS`) -> value, for
        the thresholds the BMC reports.
    :ivar sensor_type: the protocol's own type text.
    """

    name: str
    group: str
    value: float | None
    unit: str
    status: str
    thresholds: Mapping[str, float] = dataclasses.field(default_factory=dict)
    sensor_type: str = ''


def status_from_thresholds(value, thresholds):
    """ipmitool's status of ``value`` against ``thresholds``: the most
    severe threshold it is at or beyond (lower ones when at or below,
    upper ones when at or above), ``ok`` when none."""
    if value is None:
        return STATUS_UNAVAILABLE
    crossed = set()
    for name, limit in thresholds.items():
        if limit is None:
            continue
        if name.startswith('l') and value <= limit:
            crossed.add(name[1:])
        elif name.startswith('u') and value >= limit:
            crossed.add(name[1:])
    for level in (STATUS_NON_RECOVERABLE, STATUS_CRITICAL,
                  STATUS_NON_CRITICAL):
        if level in crossed:
            return level
    return STATUS_OK


_UNIT_GROUPS = {
    'degrees c': GROUP_TEMPERATURE, 'degrees f': GROUP_TEMPERATURE,
    'degrees k': GROUP_TEMPERATURE, '°c': GROUP_TEMPERATURE,
    'c': GROUP_TEMPERATURE, 'rpm': GROUP_FAN, 'percent': GROUP_FAN,
    'volts': GROUP_VOLTAGE, 'v': GROUP_VOLTAGE, 'watts': GROUP_POWER,
    'w': GROUP_POWER, 'amps': GROUP_POWER, 'a': GROUP_POWER,
}
_TYPE_GROUPS = {
    'temperature': GROUP_TEMPERATURE, 'fan': GROUP_FAN,
    'cooling device': GROUP_FAN, 'voltage': GROUP_VOLTAGE,
    'current': GROUP_POWER, 'power supply': GROUP_POWER,
    'power unit': GROUP_POWER, 'power': GROUP_POWER,
}


def group_of(sensor_type='', unit=''):
    """The canned group of a sensor from its type text, else its unit;
    ``usage`` for anything else."""
    group = _TYPE_GROUPS.get((sensor_type or '').strip().lower())
    if group is None:
        group = _UNIT_GROUPS.get((unit or '').strip().lower())
    return group or GROUP_USAGE


class BMCDriver(abc.ABC):
    """Access to one BMC with one protocol.

    Methods are safe to call from several threads (a driver serialises its
    own requests). A driver holds its connection between calls where the
    protocol allows it; :meth:`close` drops it.
    """

    protocol = None

    def __init__(self, address, username, password, port=None,
                 timeout=10.0):
        self.address = address
        self.username = username or ''
        self.password = Secret(password)
        self.port = port
        self.timeout = timeout
        self._lock = threading.RLock()

    def __repr__(self):
        return '%s(address=%r, port=%r, username=%r, password=%s)' % (
            type(self).__name__, self.address, self.port, self.username,
            REDACTED)

    @property
    def endpoint(self):
        """Where the BMC is, for messages (no credentials)."""
        if self.port:
            return '%s:%s' % (self.address, self.port)
        return str(self.address)

    def _scrub(self, text):
        return redact(text, self.password)

    @abc.abstractmethod
    def power_status(self):
        """``on`` or ``off``."""

    @abc.abstractmethod
    def power_on(self):
        """Power the server on (no-op when on)."""

    @abc.abstractmethod
    def power_off(self, graceful=False):
        """Power the server off: at once, or by asking its OS to shut down
        when ``graceful``."""

    @abc.abstractmethod
    def reset(self, graceful=False):
        """Reset (reboot) the server: at once, or gracefully where the
        protocol has it."""

    @abc.abstractmethod
    def power_cycle(self):
        """Power the server off, then on."""

    @abc.abstractmethod
    def sensors(self):
        """Every sensor: a list of :class:`SensorReading`.

        :raises PartialSensorRead: when only some groups could be read.
        """

    @abc.abstractmethod
    def ping(self):
        """Prove the BMC answers and accepts the credentials.

        :raises BMCAccessError: when it does not.
        """

    def close(self):  # noqa: B027 - optional for a driver
        """Drop any connection held to the BMC."""
