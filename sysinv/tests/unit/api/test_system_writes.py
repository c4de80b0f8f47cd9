"""System PATCH rules end to end in-process."""
import json

import pytest

from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.tests.unit.fixtures import make_site, set_states


def fault(response):
    return json.loads(response.json['error_message'])['faultstring']


@pytest.fixture
def aio(dbapi):
    make_site(dbapi, system_mode=c.SYSTEM_MODE_SIMPLEX,
              system_type=c.TIS_AIO_BUILD)
    return dbapi


def patch(api, dbapi, ops, status=200):
    uuid = dbapi.get_system()['uuid']
    if isinstance(ops, dict):
        ops = [{'op': 'replace', 'path': '/' + k, 'value': v}
               for k, v in ops.items()]
    response = api.patch_json('/v1/isystems/%s' % uuid, ops,
                              expect_errors=True)
    assert response.status_int == status, response.text
    return response


def test_plain_fields(api, aio):
    system = patch(api, aio, {'name': 'edge-7', 'description': 'lab',
                              'contact': 'ops', 'location': 'here',
                              'latitude': '45.5', 'longitude': '-73.6',
                              'timezone': 'America/Toronto'}).json
    assert (system['name'], system['timezone'], system['latitude']) == (
        'edge-7', 'America/Toronto', '45.5')


@pytest.mark.parametrize('ops, message', [
    ({'software_version': '99'}, 'software_version field cannot be '
                                 'modified.'),
    ({'system_type': c.TIS_STD_BUILD}, 'system_type field cannot be '
                                       'modified.'),
    ({'timezone': 'Mars/Olympus'}, 'Timezone file Mars/Olympus does not '
                                   'exist.'),
    ({'latitude': '1' * 31}, 'Geolocation coordinates can not be longer '
                             'than 30 characters'),
    ({'latitude': '91'}, 'latitude must be between -90 and 90'),
    ({'longitude': 'east'}, 'longitude must be a number'),
    ({'name': 'caf\u00e9'}, 'name field must contain ASCII characters '
                            'only.'),
    ({'system_mode': 'triplex'}, "Invalid value for system_mode, it can "
                                 "only be modified to 'duplex' or "
                                 "'duplex-direct'"),
    ({'security_feature': 'x'}, 'Unexpected value x specified for '
                                'security_feature'),
    ({'vswitch_type': 'none'}, 'vswitch_type is already set as none'),
    ({'https_enabled': 'false'}, 'https_enabled is already set as false'),
    ({'https_enabled': 'maybe'}, "https_enabled must be 'true' or 'false'"),
    ({'distributed_cloud_role': 'boss'}, 'Unexpected value boss specified '
                                         'for distributed_cloud_role'),
    ({'uuid': 'x'}, 'uuid field cannot be modified.'),
])
def test_refusals(api, aio, ops, message):
    assert fault(patch(api, aio, ops, 400)).startswith(message)


def test_pseudo_fields_and_roles(api, aio):
    system = patch(api, aio, {'https_enabled': 'true',
                              'vswitch_type': 'ovs-dpdk',
                              'sdn_enabled': 'false',
                              'security_feature': 'spectre_meltdown_v1',
                              'distributed_cloud_role': 'subcloud'}).json
    assert system['capabilities']['https_enabled'] is True
    assert system['capabilities']['vswitch_type'] == 'ovs-dpdk'
    assert system['security_feature'] == 'nopti nospectre_v2 nospectre_v1'
    assert system['distributed_cloud_role'] == 'subcloud'


def test_system_mode_rules(api, dbapi, aio):
    patch(api, aio, {'system_mode': c.SYSTEM_MODE_DUPLEX})
    patch(api, aio, {'system_mode': c.SYSTEM_MODE_SIMPLEX})
    set_states(aio, 'controller-0', invprovision=s.PROVISIONED)
    assert 'must be locked first' in fault(patch(
        api, aio, {'system_mode': c.SYSTEM_MODE_DUPLEX}, 400))
    set_states(aio, 'controller-0', administrative=s.ADMIN_LOCKED)
    patch(api, aio, {'system_mode': c.SYSTEM_MODE_DUPLEX})
    assert fault(patch(api, aio, {'system_mode': c.SYSTEM_MODE_SIMPLEX},
                       400)) == 'Cannot modify system mode when it is set ' \
                                'to duplex.'
    assert fault(patch(api, aio, {'distributed_cloud_role': 'subcloud'},
                       400)).startswith('Unexpected value subcloud')


def test_system_mode_only_on_aio(api, dbapi):
    make_site(dbapi)
    assert fault(patch(api, dbapi, {'system_mode': c.SYSTEM_MODE_SIMPLEX},
                       400)) == 'system_mode can only be modified on an ' \
                                'AIO system'


def test_unknown_system_attribute(api, aio):
    assert 'does not exist' in fault(patch(api, aio, {'colour': 'x'}, 400))
    assert 'is not an attribute' in fault(patch(api, aio, [
        {'op': 'add', 'path': '/colour', 'value': 'x'}], 400))
