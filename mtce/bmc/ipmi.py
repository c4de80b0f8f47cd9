"""IPMI-over-LAN (RMCP+) BMC driver, with the pyghmi client.

What StarlingX does with ``ipmitool -I lanplus``:

=================  ==================================================
power status       Get Chassis Status (``chassis power status``)
power on / off     Chassis Control power up / down
graceful off       Chassis Control soft shutdown (``power soft``)
reset              Chassis Control hard reset (``power reset``)
power cycle        Chassis Control power cycle (``power cycle``)
sensors            the SDR repository, Get Sensor Reading and Get Sensor
                   Thresholds of every threshold sensor (``sensor list``)
ping               Get Device ID (``mc info``)
=================  ==================================================

A driver keeps one pyghmi session (pyghmi sends keep-alives while it is
used) and opens a new one after an error. pyghmi shares sessions between
Command objects of a process by (BMC, user, password, port). pyghmi
proposes HMAC-SHA256 first and falls back to SHA1 when the BMC refuses it;
the lab's emulated BMCs refuse SHA256 on purpose (see
``stx_lab.bmc.ipmi``).
"""
from oslo_log import log
from pyghmi import constants as ipmi_const
from pyghmi import exceptions as pyghmi_exc
from pyghmi.ipmi import command as ipmi_command

from mtce.bmc import base

LOG = log.getLogger(__name__)

DEFAULT_PORT = 623
NETFN_CHASSIS = 0x00
CMD_CHASSIS_CONTROL = 0x02
CHASSIS_POWER_CYCLE = 0x02
NETFN_SENSOR = 0x04
CMD_GET_SENSOR_THRESHOLDS = 0x27
NETFN_APP = 0x06
CMD_GET_DEVICE_ID = 0x01
COMPLETION_NOT_PRESENT = 0xcb
# Get Sensor Thresholds: readable-mask bit -> threshold, then the values
# in the order lnc lcr lnr unc ucr unr.
_THRESHOLD_ORDER = ('lnc', 'lcr', 'lnr', 'unc', 'ucr', 'unr')

_UNITS = {'°C': 'degrees C', '°F': 'degrees F', 'K': 'degrees K',
          'V': 'Volts', 'A': 'Amps', 'W': 'Watts', 'RPM': 'RPM',
          '%': 'percent'}


def status_of_health(health):
    """ipmitool's status from pyghmi's health bits."""
    if health & ipmi_const.Health.Failed:
        return base.STATUS_NON_RECOVERABLE
    if health & ipmi_const.Health.Critical:
        return base.STATUS_CRITICAL
    if health & ipmi_const.Health.Warning:
        return base.STATUS_NON_CRITICAL
    return base.STATUS_OK


class IPMIDriver(base.BMCDriver):
    """A BMC reached with IPMI v2.0 lanplus."""

    protocol = base.PROTOCOL_IPMI

    def __init__(self, address, username, password, port=None,
                 timeout=10.0):
        super().__init__(address, username, password,
                         port or DEFAULT_PORT, timeout)
        self._command = None

    # -- session ---------------------------------------------------------
    def _session(self):
        if self._command is None:
            try:
                # Credentials as bytes: pyghmi stores them encoded and
                # matches its cached sessions against what it is given, so
                # str credentials would never match an open session, and a
                # stale "logging in" entry would make the next Command to
                # the same BMC wait forever.
                self._command = ipmi_command.Command(
                    bmc=self.address, userid=self.username.encode(),
                    password=self.password.reveal().encode(),
                    port=self.port)
            except (pyghmi_exc.PyghmiException, OSError) as exc:
                raise base.BMCAccessError(
                    'cannot open an IPMI session: %s' % self._why(exc),
                    self.endpoint) from None
        return self._command

    def _why(self, exc):
        text = str(exc)
        if not text or text == 'None':
            text = 'no answer'
        return self._scrub(text)

    def _call(self, what, func, *args, **kwargs):
        """Run ``func(command, ...)``; map pyghmi's errors, and drop the
        session after any error so the next call opens a new one."""
        with self._lock:
            command = self._session()
            try:
                return func(command, *args, **kwargs)
            except pyghmi_exc.IpmiException as exc:
                self._drop()
                code = getattr(exc, 'ipmicode', 0)
                if code:
                    raise base.BMCCommandError(
                        '%s refused (completion code 0x%02x): %s' % (
                            what, code, self._why(exc)),
                        self.endpoint) from None
                raise base.BMCAccessError('%s: %s' % (what, self._why(exc)),
                                          self.endpoint) from None
            except (pyghmi_exc.PyghmiException, OSError) as exc:
                self._drop()
                raise base.BMCAccessError('%s: %s' % (what, self._why(exc)),
                                          self.endpoint) from None

    def _drop(self):
        self._command = None

    def _raw(self, command, netfn, cmd, data=()):
        response = command.raw_command(netfn=netfn, command=cmd, data=data)
        if 'error' in response:
            raise pyghmi_exc.IpmiException(response['error'],
                                           response.get('code', 0))
        return response

    def close(self):
        with self._lock:
            command, self._command = self._command, None
        if command is not None:
            try:
                command.ipmi_session.logout()
            except Exception:  # noqa: BLE001 - the BMC may be gone
                pass

    # -- power -----------------------------------------------------------
    def power_status(self):
        state = self._call('power status',
                           lambda c: c.get_power()['powerstate'])
        return base.POWER_ON if state == 'on' else base.POWER_OFF

    def _set_power(self, what, state):
        LOG.info('BMC %s (ipmi): %s', self.endpoint, what)
        self._call(what, lambda c: c.set_power(state, wait=False))

    def power_on(self):
        self._set_power('power on', 'on')

    def power_off(self, graceful=False):
        if graceful:
            self._set_power('power soft', 'shutdown')
        else:
            self._set_power('power off', 'off')

    def reset(self, graceful=False):
        # IPMI has no graceful reset: a hard reset, like ipmitool's.
        self._set_power('power reset', 'reset')

    def power_cycle(self):
        LOG.info('BMC %s (ipmi): power cycle', self.endpoint)
        self._call('power cycle', self._raw, NETFN_CHASSIS,
                   CMD_CHASSIS_CONTROL, (CHASSIS_POWER_CYCLE,))

    def ping(self):
        self._call('get device id', self._raw, NETFN_APP, CMD_GET_DEVICE_ID)

    # -- sensors ---------------------------------------------------------
    def sensors(self):
        return self._call('sensor list', self._read_sensors)

    def _read_sensors(self, command):
        command.init_sdr()
        repository = command._sdr  # pyghmi keeps the SDR here
        readings = []
        for number in repository.get_sensor_numbers():
            entry = repository.sensors[number]
            if not getattr(entry, 'has_thresholds', False):
                continue
            response = command.raw_command(
                netfn=NETFN_SENSOR, command=0x2d,
                rslun=entry.sensor_lun, data=(entry.sensor_number,))
            if 'error' in response:
                if response.get('code') == COMPLETION_NOT_PRESENT:
                    continue
                raise pyghmi_exc.IpmiException(response['error'],
                                               response.get('code', 0))
            reading = entry.decode_sensor_reading(command, response['data'])
            readings.append(self._reading(command, entry, reading))
        return readings

    def _reading(self, command, entry, reading):
        unit = _UNITS.get(reading.units, reading.units or '')
        if reading.unavailable or reading.value is None:
            value, status = None, base.STATUS_UNAVAILABLE
        else:
            value = round(reading.value, 3)
            status = status_of_health(reading.health)
        return base.SensorReading(
            name=reading.name, group=base.group_of(reading.type, unit),
            value=value, unit=unit, status=status,
            thresholds=self._thresholds(command, entry),
            sensor_type=reading.type or '')

    @staticmethod
    def _thresholds(command, entry):
        response = command.raw_command(
            netfn=NETFN_SENSOR, command=CMD_GET_SENSOR_THRESHOLDS,
            rslun=entry.sensor_lun, data=(entry.sensor_number,))
        if 'error' in response:
            return {}
        data = bytes(response['data'])
        if len(data) < 7:
            return {}
        readable = data[0]
        found = {}
        for bit, name in enumerate(_THRESHOLD_ORDER):
            if readable & (1 << bit):
                found[name] = round(entry.decode_value(command, data[1 + bit]),
                                    3)
        return found
