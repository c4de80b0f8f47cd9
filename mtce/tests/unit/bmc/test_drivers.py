"""BMC drivers against real emulators: pyghmi's BMC (IPMI) and
sushy-tools (Redfish), each a process on a free loopback port."""
import logging
import pickle
import socket

import pytest

from mtce.bmc import base, dynamic, factory, redfish
from mtce.tests.unit.bmc import emulators, fixtures
from stx_common.testing import ports

PASSWORD = 'Bmc-pw-7f3a9c'

ipmi_bmc = fixtures.emulator(emulators.IpmiEmulator, PASSWORD)
redfish_bmc = fixtures.emulator(emulators.RedfishEmulator, PASSWORD)


def _ipmi(bmc, password=PASSWORD):
    return factory.get_driver('ipmi', bmc.address, 'admin', password,
                              port=bmc.port)


def _redfish(bmc, password=PASSWORD):
    return factory.get_driver('redfish', bmc.url, 'admin', password)


def _by_name(readings):
    return {r.name: r for r in readings}


# -- IPMI ------------------------------------------------------------------

def test_ipmi_power_commands(conf, ipmi_bmc):
    driver = _ipmi(ipmi_bmc)
    driver.power_on()
    assert driver.power_status() == base.POWER_ON
    before = len(ipmi_bmc.requests())
    driver.power_off()
    assert driver.power_status() == base.POWER_OFF
    driver.power_on()
    driver.power_off(graceful=True)
    driver.power_on()
    driver.reset()
    driver.power_cycle()
    assert ipmi_bmc.requests()[before:] == ['off', 'on', 'soft', 'on',
                                           'reset', 'cycle']
    driver.ping()
    driver.close()


def test_ipmi_sensors_with_thresholds_and_status(conf, ipmi_bmc):
    driver = _ipmi(ipmi_bmc)
    readings = _by_name(driver.sensors())
    assert set(readings) == {'CPU Temp', 'Inlet Temp', 'System Fan 1',
                             'System Fan 2', '12V', '3.3V', 'PS1 Power'}
    cpu = readings['CPU Temp']
    assert (cpu.group, cpu.value, cpu.unit, cpu.status) == (
        'temperature', 45.0, 'degrees C', 'ok')
    assert cpu.thresholds == {'lcr': 5.0, 'lnc': 10.0, 'unc': 80.0,
                              'ucr': 90.0, 'unr': 100.0}
    assert {r.group for r in readings.values()} == {
        'temperature', 'fan', 'voltage', 'power'}
    ipmi_bmc.set_sensor('CPU Temp', 93)
    ipmi_bmc.set_sensor('System Fan 1', 1000)
    ipmi_bmc.set_sensor('12V', 9.0)
    try:
        readings = _by_name(driver.sensors())
        assert readings['CPU Temp'].status == base.STATUS_CRITICAL
        assert readings['System Fan 1'].status == base.STATUS_NON_CRITICAL
        assert readings['12V'].status == base.STATUS_NON_RECOVERABLE
    finally:
        ipmi_bmc.set_sensor('CPU Temp', 45)
        ipmi_bmc.set_sensor('System Fan 1', 5400)
        ipmi_bmc.set_sensor('12V', 12)


def test_ipmi_wrong_password_is_an_access_error(conf, ipmi_bmc):
    driver = _ipmi(ipmi_bmc, password='not-the-password')
    with pytest.raises(base.BMCAccessError, match='Incorrect password'):
        driver.power_status()
    # a good driver to the same BMC still works afterwards
    assert _ipmi(ipmi_bmc).power_status() in base.POWER_STATES


# -- Redfish ---------------------------------------------------------------

def test_redfish_power_commands(conf, redfish_bmc):
    driver = _redfish(redfish_bmc)
    driver.power_on()
    assert driver.power_status() == base.POWER_ON
    before = len(redfish_bmc.requests())
    driver.power_off()
    assert driver.power_status() == base.POWER_OFF
    driver.power_off()                      # already off: nothing sent
    driver.power_on()
    assert driver.power_status() == base.POWER_ON
    driver.reset()
    driver.reset(graceful=True)
    driver.power_off(graceful=True)
    driver.power_on()
    # the emulator allows no PowerCycle: off, then on
    driver.power_cycle()
    assert redfish_bmc.requests()[before:] == [
        'ForceOff', 'On', 'ForceRestart', 'GracefulRestart',
        'GracefulShutdown', 'On', 'ForceOff', 'On']
    driver.ping()


def test_redfish_sensors_from_thermal_and_power(conf, redfish_bmc):
    driver = _redfish(redfish_bmc)
    readings = _by_name(driver.sensors())
    assert set(readings) == {'CPU Temp', 'Inlet Temp', 'System Fan 1',
                             'System Fan 2', '12V', '3.3V', 'PS1 Power'}
    assert readings['3.3V'].thresholds['lcr'] == 2.95
    assert readings['PS1 Power'].group == 'power'
    redfish_bmc.set_sensor('System Fan 2', 900)
    redfish_bmc.set_sensor('Inlet Temp', 47)
    try:
        readings = _by_name(driver.sensors())
        assert readings['System Fan 2'].status == base.STATUS_NON_CRITICAL
        assert readings['System Fan 2'].unit == 'RPM'
        assert readings['Inlet Temp'].status == base.STATUS_CRITICAL
    finally:
        redfish_bmc.set_sensor('System Fan 2', 5400)
        redfish_bmc.set_sensor('Inlet Temp', 24)


def test_redfish_wrong_password_and_no_service(conf, redfish_bmc):
    with pytest.raises(base.BMCAccessError, match='HTTP 401'):
        _redfish(redfish_bmc, 'wrong-one').power_status()
    nothing = 'http://127.0.0.1:%d' % ports.free_port()
    driver = factory.get_driver('redfish', nothing, 'admin', PASSWORD)
    with pytest.raises(base.BMCAccessError, match='no Redfish service'):
        driver.ping()


def test_parse_resource_health_absent_and_duplicates():
    body = {
        'Voltages': [
            {'Name': 'VBAT', 'ReadingVolts': 2.9,
             'Status': {'State': 'Enabled', 'Health': 'Warning'}},
            {'Name': 'VGONE', 'ReadingVolts': None,
             'Status': {'State': 'Absent'}},
        ],
        'PowerControl': [{'Name': 'PSU', 'PowerConsumedWatts': 90,
                          'Status': {'Health': 'Critical'}}],
        'PowerSupplies': [{'Name': 'PSU', 'LastPowerOutputWatts': 90}],
    }
    readings = _by_name(redfish.parse_resource('Power', body))
    assert set(readings) == {'VBAT', 'VGONE', 'PSU'}
    assert readings['VBAT'].status == base.STATUS_NON_CRITICAL
    assert readings['VGONE'].status == base.STATUS_UNAVAILABLE
    assert readings['PSU'].status == base.STATUS_CRITICAL


@pytest.mark.parametrize('address, port, scheme, url', [
    ('10.0.0.5', None, None, 'https://10.0.0.5:443'),
    ('10.0.0.5', 8000, 'http', 'http://10.0.0.5:8000'),
    ('10.0.0.5:8443', None, None, 'https://10.0.0.5:8443'),
    ('http://bmc.example:8000/', None, None, 'http://bmc.example:8000'),
    ('fd00::5', 443, None, 'https://[fd00::5]:443'),
])
def test_redfish_service_url(address, port, scheme, url):
    assert redfish.service_url(address, port, scheme) == url


# -- dynamic and the factory ---------------------------------------------

def test_dynamic_learns_redfish_then_ipmi(conf, redfish_bmc, ipmi_bmc):
    learned = []
    driver = factory.get_driver('dynamic', '127.0.0.1', 'admin', PASSWORD,
                                port=redfish_bmc.port, scheme='http',
                                on_learn=learned.append)
    assert driver.protocol is None
    assert driver.power_status() == base.POWER_ON
    assert driver.protocol == 'redfish' and learned == ['redfish']
    driver.sensors()
    assert learned == ['redfish']           # remembered, not asked again

    driver = factory.get_driver('bmc', '127.0.0.1', 'admin', PASSWORD,
                                port=ipmi_bmc.port, scheme='http',
                                on_learn=learned.append)
    assert isinstance(driver, dynamic.DynamicDriver)
    driver.ping()
    assert driver.protocol == 'ipmi' and learned[-1] == 'ipmi'


def test_dynamic_reuses_a_learned_protocol_and_relearns_on_failure(
        conf, ipmi_bmc, redfish_bmc):
    learned = []
    # Told "redfish" (learned earlier) while the address serves IPMI only:
    # used as told, fails, then learns again on the next call.
    driver = factory.get_driver('dynamic', '127.0.0.1', 'admin', PASSWORD,
                                port=ipmi_bmc.port, scheme='http',
                                learned='redfish', on_learn=learned.append)
    assert driver.protocol == 'redfish'
    with pytest.raises(base.BMCAccessError):
        driver.power_status()
    assert driver.protocol is None and learned == []
    assert driver.power_status() in base.POWER_STATES
    assert learned == ['ipmi']


def test_dynamic_learns_nothing_from_a_silent_bmc(conf):
    learned = []
    driver = factory.get_driver(
        'dynamic', '127.0.0.1', 'admin', PASSWORD, scheme='http',
        port=ports.free_port(socket.SOCK_DGRAM), on_learn=learned.append)
    with pytest.raises(base.BMCAccessError, match='neither Redfish'):
        driver.ping()
    assert driver.protocol is None and learned == []


def test_factory_bm_types_and_defaults(conf):
    conf('bmc', ipmi_port=1623, redfish_port=8443, redfish_scheme='http')
    ipmi = factory.get_driver('ipmi', '10.1.1.1', 'root', 'x')
    assert (ipmi.protocol, ipmi.port) == ('ipmi', 1623)
    red = factory.get_driver('redfish', '10.1.1.1', 'root', 'x')
    assert red.url == 'http://10.1.1.1:8443'
    dyn = factory.get_driver('dynamic', '10.1.1.1', 'root', 'x')
    assert (dyn.ipmi_port, dyn.redfish_url) == (1623,
                                                'http://10.1.1.1:8443')
    assert factory.get_driver('Dynamic', '10.1.1.1', 'r', 'x',
                              learned='redfish').protocol == 'redfish'
    for bm_type in ('none', None, ''):
        with pytest.raises(factory.BMCNotProvisioned):
            factory.get_driver(bm_type, '10.1.1.1', 'root', 'x')
    with pytest.raises(factory.BMCNotProvisioned):
        factory.get_driver('ipmi', '', 'root', 'x')
    with pytest.raises(factory.UnknownBMType, match='one of'):
        factory.get_driver('idrac', '10.1.1.1', 'root', 'x')
    with pytest.raises(ValueError):
        factory.get_driver('dynamic', '10.1.1.1', 'root', 'x',
                           learned='snmp')


# -- passwords -------------------------------------------------------------

def test_password_never_in_logs_reprs_or_errors(conf, caplog, ipmi_bmc,
                                                redfish_bmc):
    wrong = 'Wrong-pw-55e1d0'
    caplog.set_level(logging.DEBUG)
    errors = []
    drivers = [_ipmi(ipmi_bmc), _redfish(redfish_bmc),
               factory.get_driver('dynamic', '127.0.0.1', 'admin', PASSWORD,
                                  port=redfish_bmc.port, scheme='http')]
    for driver in drivers:
        driver.power_status()
        driver.sensors()
        driver.ping()
    for driver in (_ipmi(ipmi_bmc, wrong), _redfish(redfish_bmc, wrong)):
        drivers.append(driver)
        with pytest.raises(base.BMCAccessError) as info:
            driver.ping()
        errors.append(info.value)
    text = caplog.text + ''.join(repr(d) + str(d) for d in drivers) + \
        ''.join(str(e) + repr(e) for e in errors)
    assert 'HTTP REQUEST' in caplog.text      # debug logs were on
    for secret in (PASSWORD, wrong):
        assert secret not in text
    secret = base.Secret(PASSWORD)
    assert PASSWORD not in repr(secret) + str(secret) + '%s' % secret
    assert secret.reveal() == PASSWORD
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    assert base.redact('a %s b' % PASSWORD, secret) == 'a ****** b'
