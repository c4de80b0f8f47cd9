"""mtce's BMC drivers against a real standard lab: worker-0 has an IPMI
BMC (pyghmi emulator), worker-1 a Redfish one (sushy-tools). Powering a
worker off through its BMC stops its processes and downs its links; on
boots it again. Each test leaves the hosts powered on."""
import pytest

from mtce.bmc import base, factory
from stx_common.testing import waiting
from stx_lab import testing
from stx_lab.bmc import client

pytestmark = [pytest.mark.lab, pytest.mark.root]

SLEEPER = {'name': 'sleeper', 'argv': ['sleep', '3600']}
WORKERS = {'worker-0': 'ipmi', 'worker-1': 'redfish'}

lab = testing.standard_lab(
    workers=2, bmc_types={'worker-1': 'redfish'},
    services={'worker-0': [SLEEPER], 'worker-1': [SLEEPER]})


def _driver(lab, hostname, bm_type=None, **kwargs):
    bmc = lab.bmc(hostname)
    return factory.get_driver(bm_type or bmc.type, bmc.address,
                              bmc.username, bmc.password, port=bmc.port,
                              scheme='http', **kwargs)


def _wait(predicate, what, timeout=60.0):
    return waiting.wait_for(predicate, timeout, interval=0.1, what=what)


def _booted(host):
    return host.running() and host.find_processes('sleeper')


@pytest.mark.parametrize('hostname', sorted(WORKERS))
def test_power_off_and_on_through_the_bmc(lab, conf, hostname):
    host = lab.host(hostname)
    driver = _driver(lab, hostname)
    assert driver.protocol == WORKERS[hostname]
    assert driver.power_status() == base.POWER_ON
    first_boot = host.boot_time

    driver.power_off()
    _wait(lambda: host.power_state() == 'off' and not host.processes(),
          '%s powered off' % hostname)
    assert driver.power_status() == base.POWER_OFF
    assert {link['state'] for link in host.links().values()} == {'down'}
    if hostname == 'worker-0':           # ipmitool agrees with the driver
        bmc = lab.bmc(hostname)
        output = client.ipmitool(lab.record.hosts[hostname].bmc,
                                 bmc.password, 'power', 'status')
        assert 'is off' in output

    driver.power_on()
    _wait(lambda: _booted(host), '%s booted' % hostname)
    assert driver.power_status() == base.POWER_ON
    assert host.boot_time > first_boot


def test_dynamic_learns_each_protocol_and_resets(lab, conf):
    for hostname, protocol in sorted(WORKERS.items()):
        learned = []
        host = lab.host(hostname)
        driver = _driver(lab, hostname, 'dynamic', on_learn=learned.append)
        first_boot = host.boot_time
        driver.reset()
        assert learned == [protocol] and driver.protocol == protocol
        _wait(lambda h=host, b=first_boot: _booted(h) and h.boot_time > b,
              '%s reset' % hostname)


def test_sensors_through_both_protocols(lab, conf):
    lab.set_sensor('worker-0', 'CPU Temp', 92)
    lab.set_sensor('worker-1', 'System Fan 2', 500)
    try:
        ipmi = {r.name: r for r in _driver(lab, 'worker-0').sensors()}
        redfish = {r.name: r for r in _driver(lab, 'worker-1').sensors()}
    finally:
        lab.set_sensor('worker-0', 'CPU Temp', 45)
        lab.set_sensor('worker-1', 'System Fan 2', 5400)
    assert set(ipmi) == set(redfish) == {s.name for s in
                                         lab.sensors('worker-0')}
    assert (ipmi['CPU Temp'].value, ipmi['CPU Temp'].status) == (92.0,
                                                                'cr')
    assert redfish['System Fan 2'].status == base.STATUS_CRITICAL
    assert ipmi['12V'].status == redfish['12V'].status == base.STATUS_OK
