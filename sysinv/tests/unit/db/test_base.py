"""The generic helpers resource mixins build on."""
import pytest

from sysinv import exception
from sysinv.db import models
from sysinv.db.api import base
from sysinv.tests.unit.fixtures import make_host, make_system


def test_identity_clause_kinds():
    table = models.Host.__table__
    assert base.identity_clause(table, 3) is not None
    assert base.identity_clause(table, 'worker-0') is None
    assert base.identity_clause(table, 'worker-0', 'hostname') is not None
    assert base.identity_clause(table, True) is None


def test_polymorphic_rows_carry_subtype_columns(dbapi):
    make_system(dbapi)
    host = make_host(dbapi, 'worker-0')
    vlan = dbapi._create(models.VlanInterface, {
        'forihostid': host['id'], 'ifname': 'vlan100', 'ifclass': 'platform',
        'vlan_id': 100, 'imtu': 1500})
    eth = dbapi._create(models.EthernetInterface, {
        'forihostid': host['id'], 'ifname': 'mgmt0', 'imac': 'aa',
        'imtu': 9000})
    rows = dbapi._get_list(models.Interface, {'forihostid': host['id']})
    by_name = {r['ifname']: r for r in rows}
    assert by_name['vlan100']['iftype'] == 'vlan'
    assert by_name['vlan100']['vlan_id'] == 100
    assert by_name['mgmt0']['imtu'] == 9000
    updated = dbapi._update_one(models.Interface, vlan['uuid'],
                                {'imtu': 1400}, exception.NotFound)
    assert updated['imtu'] == 1400 and updated['vlan_id'] == 100
    dbapi._destroy_one(models.Interface, eth['id'], exception.NotFound)
    assert dbapi._get_count(models.EthernetInterface) == 0


def test_json_columns_round_trip(dbapi):
    created = make_system(dbapi)['system']
    assert created['capabilities'] == {}
    dbapi.update_system(created['uuid'],
                        {'capabilities': {'sdn_enabled': False}})
    assert dbapi.get_system()['capabilities'] == {'sdn_enabled': False}


def test_bad_marker_is_invalid(dbapi):
    from stx_common import exception as common_exc
    from stx_common.api import collection

    make_system(dbapi)
    with pytest.raises(common_exc.Invalid):
        dbapi.list_hosts(page=collection.parse_page(marker='nope'))
