"""Fixtures of BMC emulators for the tests of mtce's BMC code.

Fixture factories, so each test module chooses its emulator, password
and scope::

    from mtce.tests.unit.bmc import emulators, fixtures

    ipmi_bmc = fixtures.emulator(emulators.IpmiEmulator, 'pw')

    def test_something(ipmi_bmc):
        ipmi_bmc.set_sensor('CPU Temp', 93)
"""
import pytest


def emulator(emulator_class, password, scope='module'):
    """A fixture yielding a started ``emulator_class`` (one of
    :mod:`mtce.tests.unit.bmc.emulators`) whose user has ``password``,
    stopped afterwards."""

    @pytest.fixture(scope=scope)
    def _bmc(tmp_path_factory):
        bmc = emulator_class(tmp_path_factory.mktemp(emulator_class.kind),
                             password).start()
        yield bmc
        bmc.stop()

    return _bmc
