"""Discovery by DHCP lease: the placeholder host and FM log 200.020."""
import pytest

from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.tests.unit.fixtures import admin, make_site

MAC = '08:00:27:AB:CD:01'


@pytest.fixture
def site(dbapi):
    make_site(dbapi)
    return dbapi


def test_lease_creates_a_placeholder_and_logs(local_conductor, site,
                                              alarms):
    host = local_conductor.handle_dhcp_lease(admin(), [], MAC,
                                             '169.254.202.20')
    assert host['mgmt_mac'] == MAC.lower()
    assert (host['hostname'], host['personality']) == (None, None)
    assert (host['administrative'], host['operational'],
            host['availability']) == (s.ADMIN_LOCKED, s.OPERATIONAL_DISABLED,
                                      s.AVAILABILITY_OFFLINE)
    assert host['action_state'] == s.HAS_REINSTALLING
    [event] = alarms.logged
    assert event.alarm_id == '200.020'
    assert event.alarm_state == 'msg'
    assert event.entity_instance_id == 'host=%s.event=discovered' % (
        MAC.lower())
    assert "has been 'discovered' on the network" in event.reason_text


def test_a_known_mac_is_not_added_twice(local_conductor, site, alarms):
    local_conductor.handle_dhcp_lease(admin(), [], MAC, '169.254.202.20')
    assert local_conductor.handle_dhcp_lease(admin(), ['pxeboot'], MAC,
                                             '169.254.202.21') is None
    assert site.count_hosts() == 2
    assert len(alarms.logged) == 1


def test_leases_that_add_nothing(local_conductor, dbapi, alarms):
    assert local_conductor.handle_dhcp_lease(admin(), [], MAC, 'x') is None
    make_site(dbapi, system_mode=c.SYSTEM_MODE_SIMPLEX,
              system_type=c.TIS_AIO_BUILD)
    assert local_conductor.handle_dhcp_lease(admin(), [], MAC, 'x') is None
    assert alarms.logged == []


def test_other_networks_and_static_pxeboot(local_conductor, dbapi):
    make_site(dbapi, pxeboot_dynamic_address_allocation=False)
    assert local_conductor.handle_dhcp_lease(admin(), ['mgmt'], MAC,
                                             'x') is None
    assert local_conductor.handle_dhcp_lease(admin(), [], MAC, 'x') is None


def test_bad_mac(local_conductor, site):
    from sysinv import exception

    with pytest.raises(exception.ClientSideError):
        local_conductor.handle_dhcp_lease(admin(), [], 'not-a-mac', 'x')
