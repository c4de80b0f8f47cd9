"""Redfish BMC driver, with the DMTF ``redfish`` library and basic auth.

What StarlingX does with ``redfishtool``:

=================  ==================================================
power status       ``Systems get`` -> ``PowerState``
power on           ``ComputerSystem.Reset`` ``On`` (else ``ForceOn``)
power off          ``ForceOff``; graceful: ``GracefulShutdown``
reset              ``ForceRestart``; graceful: ``GracefulRestart``
power cycle        ``PowerCycle`` (else ``ForceOff`` then ``On``)
sensors            ``Chassis Thermal`` (Temperatures, Fans) and
                   ``Chassis Power`` (Voltages, PowerControl,
                   PowerSupplies)
ping               the Systems collection, authenticated
=================  ==================================================

The reset types a system allows are learned from its
``ResetType@Redfish.AllowableValues``; a preferred type it does not list
is replaced by the next one. Basic auth is used: BMC emulators and many
BMCs have no sessions, and basic auth leaves no session to leak. The
library redacts the ``Authorization`` header in its own debug logs.
"""
from oslo_log import log
import redfish
from redfish.rest import v1 as redfish_rest

from mtce.bmc import base

LOG = log.getLogger(__name__)

PREFIX = '/redfish/v1'
DEFAULT_PORT = 443
DEFAULT_SCHEME = 'https'

# what -> ResetType values in order of preference.
RESET_CHOICES = {
    'on': ('On', 'ForceOn'),
    'off': ('ForceOff', 'GracefulShutdown'),
    'soft': ('GracefulShutdown', 'ForceOff'),
    'reset': ('ForceRestart', 'GracefulRestart', 'PowerCycle'),
    'graceful-reset': ('GracefulRestart', 'ForceRestart'),
    'cycle': ('PowerCycle',),
}
_ON_STATES = ('on', 'poweringoff')

# Redfish threshold property -> ipmitool's name.
_THRESHOLDS = {
    'LowerThresholdFatal': 'lnr', 'LowerThresholdCritical': 'lcr',
    'LowerThresholdNonCritical': 'lnc', 'UpperThresholdNonCritical': 'unc',
    'UpperThresholdCritical': 'ucr', 'UpperThresholdFatal': 'unr',
}
_HEALTH = {'OK': base.STATUS_OK, 'Warning': base.STATUS_NON_CRITICAL,
           'Critical': base.STATUS_CRITICAL}
_ABSENT = ('Absent', 'Disabled', 'UnavailableOffline', 'StandbyOffline')

# (resource, collection, value property, unit, group)
_SENSOR_ARRAYS = (
    ('Thermal', 'Temperatures', 'ReadingCelsius', 'degrees C',
     base.GROUP_TEMPERATURE),
    ('Thermal', 'Fans', 'Reading', None, base.GROUP_FAN),
    ('Power', 'Voltages', 'ReadingVolts', 'Volts', base.GROUP_VOLTAGE),
    ('Power', 'PowerControl', 'PowerConsumedWatts', 'Watts',
     base.GROUP_POWER),
    ('Power', 'PowerSupplies', 'LastPowerOutputWatts', 'Watts',
     base.GROUP_POWER),
)
_RESOURCE_GROUPS = {
    'Thermal': (base.GROUP_TEMPERATURE, base.GROUP_FAN),
    'Power': (base.GROUP_VOLTAGE, base.GROUP_POWER),
}


def service_url(address, port=None, scheme=None):
    """The base URL of a Redfish service from a BMC address (an address,
    ``address:port`` or a full URL)."""
    if '://' in address:
        return address.rstrip('/')
    scheme = scheme or DEFAULT_SCHEME
    host = address
    if ':' in address and not address.startswith('['):
        if address.count(':') > 1:
            host = '[%s]' % address
        else:
            return '%s://%s' % (scheme, address)
    return '%s://%s:%d' % (scheme, host, port or DEFAULT_PORT)


def reading_status(item, value, thresholds):
    """ipmitool's status of one Redfish sensor: from its thresholds when
    it has any, else from ``Status.Health``."""
    status = item.get('Status') or {}
    if status.get('State') in _ABSENT or value is None:
        return base.STATUS_UNAVAILABLE
    if thresholds:
        return base.status_from_thresholds(value, thresholds)
    return _HEALTH.get(status.get('Health'), base.STATUS_OK)


def parse_resource(resource_name, body, seen=None):
    """Sensor readings of a Chassis ``Thermal`` or ``Power`` resource.

    Names already in ``seen`` are skipped (a power supply and its power
    control entry often share a name).
    """
    seen = set() if seen is None else seen
    readings = []
    for resource, array, field, unit, group in _SENSOR_ARRAYS:
        if resource != resource_name:
            continue
        for item in body.get(array) or []:
            name = item.get('Name') or item.get('MemberId')
            if not name or name in seen:
                continue
            seen.add(name)
            value = item.get(field)
            value = None if value is None else float(value)
            thresholds = {_THRESHOLDS[k]: float(v) for k, v in item.items()
                          if k in _THRESHOLDS and v is not None}
            readings.append(base.SensorReading(
                name=name, group=group, value=value,
                unit=unit or item.get('ReadingUnits') or '',
                status=reading_status(item, value, thresholds),
                thresholds=thresholds, sensor_type=array))
    return readings


class RedfishDriver(base.BMCDriver):
    """A BMC reached with Redfish (HTTP basic auth)."""

    protocol = base.PROTOCOL_REDFISH

    def __init__(self, address, username, password, port=None,
                 timeout=10.0, scheme=None, ca_file=None):
        super().__init__(address, username, password, port, timeout)
        self.url = service_url(address, port, scheme)
        self.ca_file = ca_file or None
        self._client = None
        self._system = None
        self._allowed = None

    @property
    def endpoint(self):
        return self.url

    # -- connection ------------------------------------------------------
    def _connect(self):
        if self._client is None:
            try:
                client = redfish.redfish_client(
                    base_url=self.url, username=self.username,
                    password=self.password.reveal(), default_prefix=PREFIX,
                    timeout=self.timeout, max_retry=0, cafile=self.ca_file)
                client.login(auth='basic')
            except redfish_rest.InvalidCredentialsError:
                raise base.BMCAccessError('credentials refused (HTTP 401)',
                                          self.url) from None
            except Exception as exc:  # noqa: BLE001 - requests' many errors
                raise base.BMCAccessError(
                    'no Redfish service: %s' % self._scrub(exc),
                    self.url) from None
            self._client = client
        return self._client

    def _request(self, method, path, body=None):
        with self._lock:
            client = self._connect()
            try:
                if method == 'GET':
                    response = client.get(path)
                else:
                    response = client.post(path, body=body)
            except Exception as exc:  # noqa: BLE001 - requests' many errors
                self._drop()
                raise base.BMCAccessError(
                    '%s %s: %s' % (method, path, self._scrub(exc)),
                    self.url) from None
        if response.status == 401:
            self._drop()
            raise base.BMCAccessError('credentials refused (HTTP 401)',
                                      self.url)
        if response.status >= 500 and response.status != 501:
            self._drop()
            raise base.BMCAccessError('%s %s: HTTP %d' % (
                method, path, response.status), self.url)
        if response.status not in (200, 202, 204):
            raise base.BMCCommandError('%s %s: HTTP %d %s' % (
                method, path, response.status,
                self._scrub(response.text)[:200]), self.url)
        return response

    def _get(self, path):
        return self._request('GET', path).dict

    def _drop(self):
        self._client = None
        self._system = None

    def close(self):
        with self._lock:
            self._drop()

    def _members(self, collection):
        members = self._get(PREFIX + '/' + collection).get('Members') or []
        if not members:
            raise base.BMCCommandError('no %s member' % collection, self.url)
        return [m['@odata.id'] for m in members]

    def _system_path(self):
        if self._system is None:
            self._system = self._members('Systems')[0]
        return self._system

    # -- power -----------------------------------------------------------
    def power_status(self):
        state = str(self._get(self._system_path()).get('PowerState', ''))
        return base.POWER_ON if state.lower() in _ON_STATES else \
            base.POWER_OFF

    def _allowed_reset_types(self):
        if self._allowed is None:
            system = self._get(self._system_path())
            action = (system.get('Actions') or {}).get(
                '#ComputerSystem.Reset') or {}
            self._allowed = tuple(
                action.get('ResetType@Redfish.AllowableValues') or ())
        return self._allowed

    def _reset_type(self, what):
        allowed = self._allowed_reset_types()
        for choice in RESET_CHOICES[what]:
            if not allowed or choice in allowed:
                return choice
        return None

    def _reset(self, what):
        reset_type = self._reset_type(what)
        if reset_type is None:
            raise base.BMCCommandError('no reset type for %s among %s' % (
                what, ', '.join(self._allowed_reset_types())), self.url)
        LOG.info('BMC %s (redfish): ComputerSystem.Reset %s', self.url,
                 reset_type)
        path = self._system_path() + '/Actions/ComputerSystem.Reset'
        self._request('POST', path, {'ResetType': reset_type})

    def power_on(self):
        if self.power_status() == base.POWER_ON:
            return
        self._reset('on')

    def power_off(self, graceful=False):
        if self.power_status() == base.POWER_OFF:
            return
        self._reset('soft' if graceful else 'off')

    def reset(self, graceful=False):
        self._reset('graceful-reset' if graceful else 'reset')

    def power_cycle(self):
        if self._reset_type('cycle') is not None:
            self._reset('cycle')
            return
        self._reset('off')
        self._reset('on')

    def ping(self):
        self._members('Systems')

    # -- sensors ---------------------------------------------------------
    def sensors(self):
        readings, failed, seen = [], {}, set()
        for chassis in self._members('Chassis'):
            body = self._get(chassis)
            for resource in ('Thermal', 'Power'):
                link = (body.get(resource) or {}).get('@odata.id')
                if not link:
                    continue
                try:
                    readings += parse_resource(resource, self._get(link),
                                               seen)
                except base.BMCCommandError as exc:
                    for group in _RESOURCE_GROUPS[resource]:
                        failed[group] = str(exc)
        if failed:
            raise base.PartialSensorRead(readings, failed, self.url)
        return readings
