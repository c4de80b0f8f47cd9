"""The degrade bitmask."""
import pytest

from mtce.common import degrade


def test_degraded_while_any_cause_is_set():
    mask = 0
    mask = degrade.set_bit(mask, degrade.HEARTBEAT_MGMT)
    mask = degrade.set_bit(mask, degrade.PMON)
    assert degrade.degraded(mask)
    assert degrade.names(mask) == ['heartbeat-mgmt', 'pmon']
    mask = degrade.clear_bit(mask, degrade.HEARTBEAT_MGMT)
    assert degrade.degraded(mask)
    mask = degrade.clear_bit(mask, degrade.PMON)
    assert not degrade.degraded(mask) and mask == 0


def test_setting_twice_and_clearing_an_unset_bit_are_harmless():
    mask = degrade.set_bit(degrade.set_bit(0, degrade.HWMON), degrade.HWMON)
    assert mask == degrade.HWMON
    assert degrade.clear_bit(mask, degrade.SM) == degrade.HWMON


def test_starlingx_bit_values():
    assert (degrade.HEARTBEAT_MGMT, degrade.HEARTBEAT_CLSTR, degrade.PMON,
            degrade.INSV_TEST, degrade.RESMON, degrade.HWMON,
            degrade.SUBF, degrade.SM, degrade.CONFIG, degrade.COLLECTD,
            degrade.ENABLE, degrade.LUKS) == (
        0x1, 0x2, 0x4, 0x8, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800,
        0x1000, 0x2000)
    assert degrade.HEARTBEAT == {'mgmt': 0x1, 'cluster-host': 0x2}


@pytest.mark.parametrize('bad', [0, 3, 0x4000, -1])
def test_unknown_bits_are_refused(bad):
    with pytest.raises(ValueError):
        degrade.set_bit(0, bad)
