"""hwmond on controller-0 of a real standard lab, reading worker-0's IPMI
BMC and worker-1's Redfish BMC, with a real FM (fm-manager + fm-api on a
PostgreSQL database and a RabbitMQ vhost): a sensor set past its critical
threshold raises 200.007, and putting it back clears it."""
import json
import os

import pytest

from mtce.tests.lab import fixtures
from stx_common.testing import config as testconfig
from stx_common.testing import process
from stx_lab import testing

pytestmark = [pytest.mark.lab, pytest.mark.root]

AUDIT_INTERVAL = 1
# worker-0: CPU Temp past ucr (90); worker-1: System Fan 1 below lcr (600)
OUT_OF_TOLERANCE = {('worker-0', 'CPU Temp'): (95, 45),
                    ('worker-1', 'System Fan 1'): (500, 5400)}

lab = testing.standard_lab(workers=2, bmc_types={'worker-1': 'redfish'})
fm = fixtures.fm_service()


def _hosts_file(lab, path):
    hosts = []
    for name in ('worker-0', 'worker-1'):
        bmc = lab.bmc(name)
        hosts.append({'hostname': name, 'bm_type': bmc.type,
                      'bm_ip': bmc.address, 'bm_port': bmc.port,
                      'bm_scheme': 'http', 'bm_username': bmc.username,
                      'bm_password': bmc.password})
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w') as handle:
        json.dump({'hosts': hosts}, handle)
    return path


@pytest.fixture(scope='module')
def hwmond(lab, fm, rabbit_vhost, tmp_path_factory):
    workdir = tmp_path_factory.mktemp('hwmond')
    conf = testconfig.write_config(str(workdir / 'hwmond.conf'), {
        'DEFAULT': {
            'host': 'controller-0', 'state_path': str(workdir / 'state'),
            'transport_url': lab.broker_url('controller-0',
                                            vhost=rabbit_vhost.name)},
        'hwmon': {'audit_interval': AUDIT_INTERVAL,
                  'hosts_file': _hosts_file(lab, str(workdir / 'hosts.json'))},
        'bmc': {'timeout': 5},
    })
    log_path = str(workdir / 'hwmond.log')
    with fixtures.logged_daemon(
            lab.host('controller-0'),
            [process.script('hwmond'), '--config-file', conf], log_path,
            lambda: _learned(log_path), 'hwmond reading both BMCs') as proc:
        yield proc, log_path


def _learned(path):
    return all(fixtures.log_has(path, '%s: 7 sensor(s) learned' % host)
               for host in ('worker-0', 'worker-1'))


def _sensor_alarms(fm):
    return {a['entity_instance_id']: a['severity'] for a in fm.alarms()
            if a['alarm_id'] == '200.007'}


def test_critical_sensor_raises_and_clears_200_007(lab, fm, hwmond):
    _, log_path = hwmond
    entities = {'host=%s.sensor=%s' % key for key in OUT_OF_TOLERANCE}
    try:
        for (host, sensor), (bad, _) in OUT_OF_TOLERANCE.items():
            lab.set_sensor(host, sensor, bad)
        # two audits (debounce) plus the alarm queue; generous under load
        rows = fm.wait_for_alarms(
            lambda rows: entities <= set(_sensor_alarms(fm)), timeout=60,
            what='200.007 raised for both workers')
        assert rows
        assert set(_sensor_alarms(fm).values()) == {'critical'}
        alarm = [a for a in fm.alarms() if a['entity_instance_id'] ==
                 'host=worker-0.sensor=CPU Temp'][0]
        assert alarm['reason_text'] == (
            "Host is degraded due to a 'Critical' out-of-tolerance reading "
            "from the 'CPU Temp' sensor")
        assert fixtures.log_has(log_path, 'action=alarm')
    finally:
        for (host, sensor), (_, good) in OUT_OF_TOLERANCE.items():
            lab.set_sensor(host, sensor, good)
    fm.wait_for_alarms(lambda rows: not entities & set(_sensor_alarms(fm)),
                       timeout=60, what='200.007 cleared')
    assert not [a for a in fm.alarms() if a['alarm_id'] in ('200.014',
                                                            '200.015')]
