"""Building and removing labs: nothing left behind, several side by side,
and aio-sx without namespaces."""
import ipaddress
import os

import pytest

from stx_common.testing import waiting
from stx_lab import exception, naming, testing
from stx_lab import site as sitemod
from stx_lab.bmc import client

pytestmark = [pytest.mark.lab]


@pytest.mark.root
def test_two_labs_side_by_side_and_down_leaves_nothing():
    testing.require_root()
    first, second = sitemod.Site(), sitemod.Site()
    try:
        first.up('aio-dx')
        second.up('standard', workers=1, bmc='redfish')
        assert first.record.slot != second.record.slot
        assert not set(first.record.subnets.values()) & set(
            second.record.subnets.values())
        for site in (first, second):
            pxeboot = site.subnet('pxeboot')
            for name in site.hosts:
                assert site.host(name).running()
                # each lab's dnsmasq served its own hosts
                lease = site.address(name, 'pxeboot')
                assert lease and ipaddress.ip_address(lease) in pxeboot
        # a new process knows the lab from its state alone
        loaded = sitemod.Site.load(second.lab_id)
        assert loaded.power('worker-0', 'status') == 'on'
        loaded.down()
        loaded.down()                                  # idempotent
        waiting.wait_for(lambda: not any(second.leftovers().values()),
                         10, what='nothing left of %s' % second.lab_id)
        assert all(first.host(n).running() for n in first.hosts)
    finally:
        first.down()
        second.down()
    for site in (first, second):
        assert site.leftovers() == {'namespaces': [], 'links': [],
                                    'processes': [], 'state': []}
        assert not [n for n in os.listdir('/run/netns')
                    if site.lab_id in n] if os.path.isdir('/run/netns') \
            else True


def test_aio_sx_runs_on_localhost(tmp_path):
    site = sitemod.Site(base_dir=str(tmp_path))
    site.up('aio-sx', services={'controller-0': [['sleep', '3600']]})
    try:
        host = site.host('controller-0')
        assert host.namespace is None
        assert site.broker_url('controller-0').startswith(
            'rabbit://guest:guest@127.0.0.1:')
        assert site.database_host == '127.0.0.1'
        result = site.exec('controller-0', ['sh', '-c', 'echo $FLOCK_HOST'])
        assert result.stdout.strip() == 'controller-0'
        assert host.find_processes('sleep')
        boot = host.boot_time
        site.power('controller-0', 'reset')
        waiting.wait_for(lambda: host.running() and host.boot_time != boot,
                         30, what='controller-0 rebooted')
        site.set_sensor('controller-0', '12V', 10.5)
        bmc = site.record.hosts['controller-0'].bmc
        assert bmc.address == '127.0.0.1'
        listing = client.ipmitool(bmc, site.bmc('controller-0').password,
                                  'sensor', 'list')
        row = next(line for line in listing.splitlines()
                   if line.startswith('12V '))
        assert [c.strip() for c in row.split('|')][1:4] == [
            '10.500', 'Volts', 'cr']
        with pytest.raises(exception.LabExists):
            sitemod.Site(site.lab_id, str(tmp_path)).up('aio-sx')
    finally:
        site.down()
    assert site.leftovers()['processes'] == []
    assert not os.path.exists(site.state_dir)


def test_namespaced_profile_needs_root(monkeypatch, tmp_path):
    monkeypatch.setattr(os, 'geteuid', lambda: 1000)
    site = sitemod.Site(base_dir=str(tmp_path))
    with pytest.raises(exception.NeedsRoot, match='needs root'):
        site.up('standard')
    assert naming.check_lab_id(site.lab_id)
