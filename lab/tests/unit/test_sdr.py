import struct

import pytest

from stx_lab.bmc import sdr, sensors


def test_linear_conversion_round_trips_on_the_grid():
    for kind in sdr.KINDS.values():
        for raw in (0, 1, 100, 255):
            assert sdr.to_raw(kind, sdr.from_raw(kind, raw)) == raw
    volts = sdr.KINDS[sensors.VOLTAGE]
    assert sdr.from_raw(volts, sdr.to_raw(volts, 12.0)) == pytest.approx(12)
    assert sdr.to_raw(volts, 1000) == 255 and sdr.to_raw(volts, -3) == 0


def test_full_sensor_record_layout():
    sensor = sensors.Sensor(5, '12V', sensors.VOLTAGE, 12.0, lnr=10.0,
                            lcr=10.8, lnc=11.4, unc=12.6, ucr=13.2, unr=14)
    record = sdr.full_sensor_record(9, sensor)
    record_id, version, kind, length = struct.unpack('<HBBB', record[:5])
    assert (record_id, version, kind) == (9, 0x51, 0x01)
    assert length == len(record) - 5
    assert record[5:8] == bytes([0x20, 0x00, 5])       # owner, lun, number
    assert record[12:14] == bytes([0x02, 0x01])        # voltage, threshold
    assert record[18] == 0x3f                           # all six readable
    assert record[21] == 4                              # Volts
    assert record[47] == 0xc0 | 3 and record[48:] == b'12V'


def test_repository_walk_and_partial_reads():
    repo = sdr.Repository(sensors.default_sensors())
    info = repo.info()
    assert info[0] == 0x51 and info[1] == len(sensors.default_sensors())
    record_id, names = 0, []
    while record_id != sdr.LAST_RECORD:
        code, header = repo.get(struct.pack('<HHBB', 1, record_id, 0, 5))
        assert code == sdr.CC_OK
        following = struct.unpack('<H', bytes(header[:2]))[0]
        length = header[2 + 4]
        body = b''
        while len(body) < length:
            code, chunk = repo.get(struct.pack('<HHBB', 1, record_id or 1,
                                               5 + len(body), 16))
            body += bytes(chunk[2:])
        names.append(body[43:].decode())
        record_id = following
    assert names == [s.name for s in sensors.default_sensors()]
    assert repo.get(struct.pack('<HHBB', 1, 99, 0, 5))[0] == \
        sdr.CC_NOT_PRESENT


def test_reading_and_thresholds():
    fan = sensors.Sensor(3, 'Fan', sensors.FAN, 400.0, lnr=320.0,
                         lcr=600.0, lnc=1200.0)
    repo = sdr.Repository([fan])
    code, data = repo.reading(3)
    assert code == sdr.CC_OK
    assert sdr.from_raw(sdr.KINDS[sensors.FAN], data[0]) == 400
    assert data[2] == 0b011                    # below lnc and lcr, not lnr
    code, data = repo.thresholds(3)
    assert data[0] == 0b111
    assert [sdr.from_raw(sdr.KINDS[sensors.FAN], v) for v in data[1:4]] \
        == [1200, 600, 320]
    assert repo.reading(42)[0] == sdr.CC_NOT_PRESENT
    assert repo.thresholds(42)[0] == sdr.CC_NOT_PRESENT
