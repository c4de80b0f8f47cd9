"""The sensors of a host's BMC, with values tests can set.

Each host has a small, fixed set of threshold sensors (temperature, fan,
voltage, power), as a real server's BMC reports them. Their values live
in ``hosts/<host>/sensors.json`` in the lab's state directory: the BMC
emulators read that file on every request, and ``Site.set_sensor`` (or
``stx-lab sensor``) rewrites it, so a new value is seen at once by
``ipmitool sensor list`` and by the Redfish Thermal/Power resources.

Thresholds follow IPMI's six levels: lower/upper non-critical (``lnc`` /
``unc``), critical (``lcr`` / ``ucr``) and non-recoverable (``lnr`` /
``unr``); ``None`` means the threshold does not exist.
"""
import dataclasses
from typing import Any

from stx_lab import exception, state

TEMPERATURE = 'temperature'
FAN = 'fan'
VOLTAGE = 'voltage'
POWER = 'power'

UNITS = {TEMPERATURE: 'degrees C', FAN: 'RPM', VOLTAGE: 'Volts',
         POWER: 'Watts'}
THRESHOLDS = ('lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr')

# status, most severe first: IPMI's short forms.
OK = 'ok'


@dataclasses.dataclass
class Sensor:
    """One threshold sensor."""

    number: int
    name: str
    kind: str
    value: float
    lnr: float | None = None
    lcr: float | None = None
    lnc: float | None = None
    unc: float | None = None
    ucr: float | None = None
    unr: float | None = None

    @property
    def unit(self) -> str:
        return UNITS[self.kind]

    def thresholds(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in THRESHOLDS
                if getattr(self, name) is not None}

    def crossed(self) -> list[str]:
        """The thresholds the value is at or beyond (IPMI semantics:
        lower ones when at or below, upper ones when at or above)."""
        found = []
        for name, limit in self.thresholds().items():
            if name.startswith('l') and self.value <= limit:
                found.append(name)
            elif name.startswith('u') and self.value >= limit:
                found.append(name)
        return found

    @property
    def status(self) -> str:
        """``ok``, or the most severe crossed threshold (``lnc``, ``ucr``
        ...), as ``ipmitool sensor list`` reports it."""
        crossed = self.crossed()
        for level in ('nr', 'cr', 'nc'):
            for name in crossed:
                if name.endswith(level):
                    return name
        return OK

    @property
    def health(self) -> str:
        """The Redfish ``Status.Health`` of the sensor."""
        status = self.status
        if status == OK:
            return 'OK'
        return 'Warning' if status.endswith('nc') else 'Critical'


def default_sensors() -> list[Sensor]:
    """What every emulated server reports, with comfortable values."""
    return [
        Sensor(1, 'CPU Temp', TEMPERATURE, 45.0, lcr=5.0, lnc=10.0,
               unc=80.0, ucr=90.0, unr=100.0),
        Sensor(2, 'Inlet Temp', TEMPERATURE, 24.0, lcr=0.0, lnc=5.0,
               unc=40.0, ucr=45.0, unr=50.0),
        Sensor(3, 'System Fan 1', FAN, 5400.0, lnr=400.0, lcr=600.0,
               lnc=1200.0),
        Sensor(4, 'System Fan 2', FAN, 5400.0, lnr=400.0, lcr=600.0,
               lnc=1200.0),
        Sensor(5, '12V', VOLTAGE, 12.0, lnr=10.0, lcr=10.8, lnc=11.4,
               unc=12.6, ucr=13.2, unr=14.0),
        Sensor(6, '3.3V', VOLTAGE, 3.3, lnr=2.8, lcr=2.95, lnc=3.1,
               unc=3.5, ucr=3.65, unr=3.8),
        Sensor(7, 'PS1 Power', POWER, 180.0, unc=600.0, ucr=700.0,
               unr=800.0),
    ]


class SensorStore:
    """The sensors of one host, persisted in the lab's state directory."""

    def __init__(self, paths: state.LabPaths, host: str):
        self.path = paths.host_file(host, 'sensors.json')
        self.host = host

    def initialise(self) -> None:
        write = [dataclasses.asdict(s) for s in default_sensors()]
        state.write_json(self.path, write)

    def all(self) -> list[Sensor]:
        data: list[dict[str, Any]] = state.read_json(self.path, [])
        if not data:
            return default_sensors()
        return [Sensor(**item) for item in data]

    def get(self, name: str) -> Sensor:
        for sensor in self.all():
            if sensor.name.lower() == name.lower():
                return sensor
        raise exception.LabError('host %s has no sensor %r (sensors: %s)'
                                 % (self.host, name, ', '.join(
                                     s.name for s in self.all())))

    def set(self, name: str, value: float) -> Sensor:
        with state.locked(self.path + '.lock'):
            sensors = self.all()
            target = None
            for sensor in sensors:
                if sensor.name.lower() == name.lower():
                    sensor.value = float(value)
                    target = sensor
            if target is None:
                raise exception.LabError(
                    'host %s has no sensor %r (sensors: %s)' % (
                        self.host, name,
                        ', '.join(s.name for s in sensors)))
            state.write_json(self.path,
                             [dataclasses.asdict(s) for s in sensors])
        return target
