"""IPMI sensor data records and sensor commands, as bytes.

Just what ``ipmitool sensor list`` and ``ipmitool sdr list`` need from a
BMC that has an SDR repository (IPMI 2.0, sections 33 and 35):

* Storage netfn (0x0a): Get SDR Repository Info (0x20), Reserve SDR
  Repository (0x22), Get SDR (0x23, with partial reads);
* Sensor netfn (0x04): Get Sensor Reading (0x2d), Get Sensor Thresholds
  (0x27), Get Sensor Hysteresis (0x25).

Every sensor is a Full Sensor Record (type 0x01) with a linear conversion
``value = M * raw * 10**R``; M and R are chosen per sensor kind so the
usual range fits in one unsigned byte (temperature 1 degree C, fans 40
RPM, voltages 0.06 V, power 4 W per step). Values outside the range are
clamped. Not implemented: SEL, FRU, event messages, setting thresholds.
"""
import dataclasses
import struct

from stx_lab.bmc import sensors as sensormod

NETFN_SENSOR = 0x04
NETFN_STORAGE = 0x0a
CMD_GET_SDR_REPOSITORY_INFO = 0x20
CMD_RESERVE_SDR_REPOSITORY = 0x22
CMD_GET_SDR = 0x23
CMD_GET_SENSOR_HYSTERESIS = 0x25
CMD_GET_SENSOR_THRESHOLDS = 0x27
CMD_GET_SENSOR_READING = 0x2d

CC_OK = 0x00
CC_INVALID_RESERVATION = 0xc5
CC_PARAMETER_OUT_OF_RANGE = 0xc9
CC_NOT_PRESENT = 0xcb
CC_REQUEST_DATA_LENGTH = 0xc7

BMC_ADDRESS = 0x20
LAST_RECORD = 0xffff
SDR_VERSION = 0x51
FULL_SENSOR_RECORD = 0x01
THRESHOLD_READING_TYPE = 0x01
ID_STRING_MAX = 16


@dataclasses.dataclass(frozen=True)
class Kind:
    """IPMI encoding of one sensor kind."""

    sensor_type: int
    entity: int
    unit: int
    m: int
    r_exp: int


KINDS = {
    sensormod.TEMPERATURE: Kind(0x01, 0x03, 1, 1, 0),     # degrees C
    sensormod.VOLTAGE: Kind(0x02, 0x07, 4, 6, -2),        # Volts
    sensormod.FAN: Kind(0x04, 0x1d, 18, 40, 0),           # RPM
    sensormod.POWER: Kind(0x0b, 0x0a, 6, 4, 0),           # Watts
}
# threshold -> bit in readable masks and in the reading's status byte.
THRESHOLD_BITS = {'lnc': 0, 'lcr': 1, 'lnr': 2, 'unc': 3, 'ucr': 4,
                  'unr': 5}


def to_raw(kind: Kind, value: float) -> int:
    raw = round(value / (kind.m * 10 ** kind.r_exp))
    return max(0, min(255, raw))


def from_raw(kind: Kind, raw: int) -> float:
    return kind.m * raw * 10 ** kind.r_exp


def _mask(sensor: sensormod.Sensor) -> int:
    mask = 0
    for name in sensor.thresholds():
        mask |= 1 << THRESHOLD_BITS[name]
    return mask


def _threshold_raw(kind: Kind, sensor: sensormod.Sensor, name: str) -> int:
    value = getattr(sensor, name)
    return 0 if value is None else to_raw(kind, value)


def full_sensor_record(record_id: int, sensor: sensormod.Sensor) -> bytes:
    """The Full Sensor Record (SDR type 0x01) of ``sensor``."""
    kind = KINDS[sensor.kind]
    readable = _mask(sensor)
    lower = (readable & 0x07) << 12          # lower threshold reading mask
    upper = ((readable >> 3) & 0x07) << 12   # upper threshold reading mask
    name = sensor.name.encode('ascii', 'replace')[:ID_STRING_MAX]
    m_ls, m_ms = kind.m & 0xff, (kind.m >> 8) & 0x03
    r_exp = kind.r_exp & 0x0f
    raw = lambda n: _threshold_raw(kind, sensor, n)  # noqa: E731
    body = bytes([
        BMC_ADDRESS, 0x00, sensor.number,          # owner, LUN, number
        kind.entity, 0x01,                         # entity id / instance
        0x7f,                                      # initialisation
        0x44,                                      # auto re-arm, readable
        kind.sensor_type, THRESHOLD_READING_TYPE,
    ]) + struct.pack('<HHBB', lower, upper, readable, 0x00) + bytes([
        0x00, kind.unit, 0x00, 0x00,               # units, linearisation
        m_ls, m_ms << 6, 0x00, 0x00, 0x00,         # M, tolerance, B, acc.
        r_exp << 4,                                # R exp, B exp 0
        0x00, 0x00, 0x00, 0x00,                    # analog flags, nominal..
        0xff, 0x00,                                # sensor max / min
        raw('unr'), raw('ucr'), raw('unc'),
        raw('lnr'), raw('lcr'), raw('lnc'),
        0x00, 0x00,                                # hysteresis
        0x00, 0x00, 0x00,                          # reserved, OEM
        0xc0 | len(name),                          # 8-bit ASCII id string
    ]) + name
    header = struct.pack('<HBBB', record_id, SDR_VERSION,
                         FULL_SENSOR_RECORD, len(body))
    return header + body


class Repository:
    """The SDR repository of one BMC, built from its sensors."""

    def __init__(self, sensor_list: list[sensormod.Sensor]):
        self.records = {}
        self.order = []
        for position, sensor in enumerate(sensor_list, start=1):
            self.records[position] = full_sensor_record(position, sensor)
            self.order.append(position)
        self.sensors = {s.number: s for s in sensor_list}

    def info(self) -> list[int]:
        """Get SDR Repository Info response data."""
        return list(struct.pack('<BHHIIB', SDR_VERSION, len(self.order),
                                0x0000, 0, 0, 0x02))

    def get(self, data: bytes) -> tuple[int, list[int]]:
        """Get SDR: ``(completion code, response data)``."""
        if len(data) < 6:
            return CC_REQUEST_DATA_LENGTH, []
        _, record_id, offset, count = struct.unpack('<HHBB', bytes(data[:6]))
        if record_id == 0:
            record_id = self.order[0] if self.order else LAST_RECORD
        record = self.records.get(record_id)
        if record is None:
            return CC_NOT_PRESENT, []
        position = self.order.index(record_id)
        following = (self.order[position + 1]
                     if position + 1 < len(self.order) else LAST_RECORD)
        if offset > len(record):
            return CC_PARAMETER_OUT_OF_RANGE, []
        end = len(record) if count == 0xff else offset + count
        return CC_OK, list(struct.pack('<H', following)) + list(
            record[offset:end])

    def reading(self, number: int) -> tuple[int, list[int]]:
        """Get Sensor Reading: raw value, flags, threshold status."""
        sensor = self.sensors.get(number)
        if sensor is None:
            return CC_NOT_PRESENT, []
        status = 0
        for name in sensor.crossed():
            status |= 1 << THRESHOLD_BITS[name]
        raw = to_raw(KINDS[sensor.kind], sensor.value)
        return CC_OK, [raw, 0xc0, status, 0x80]

    def thresholds(self, number: int) -> tuple[int, list[int]]:
        """Get Sensor Thresholds: readable mask, then lnc lcr lnr unc ucr
        unr as raw values."""
        sensor = self.sensors.get(number)
        if sensor is None:
            return CC_NOT_PRESENT, []
        kind = KINDS[sensor.kind]
        return CC_OK, [_mask(sensor)] + [
            _threshold_raw(kind, sensor, name)
            for name in ('lnc', 'lcr', 'lnr', 'unc', 'ucr', 'unr')]

    def hysteresis(self, number: int) -> tuple[int, list[int]]:
        if number not in self.sensors:
            return CC_NOT_PRESENT, []
        return CC_OK, [0x00, 0x00]
