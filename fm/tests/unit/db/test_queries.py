"""Listing, filtering, paging and summarizing through the DB API."""
import pytest

from fm import exception, rules
from fm.tests.unit.fixtures import fault, raised
from stx_common.api import collection, validation
from stx_common.testing import waiting  # noqa: F401


def _filter(field, value, op='eq'):
    return validation.QueryFilter(field, op, value)


@pytest.fixture
def many(synced):
    events = []
    for i in range(10):
        events.append(raised(fault('200.004', 'host=w%d' % i)))
        events.append(raised(fault('200.006', 'host=w%d.process=p' % i,
                                   severity='major')))
    events.append(raised(fault('100.101', 'host=controller-0',
                               severity='minor',
                               alarm_type='operational-violation')))
    synced.store_events(events)
    return synced


def test_default_order_is_severity_entity_id(many):
    rows = many.list_alarms()
    keys = [(r['severity'], r['entity_instance_id'], r['alarm_id'])
            for r in rows]
    assert keys == sorted(keys)


def test_filters_are_substrings_and_ne_negates(many):
    rows = many.list_alarms([_filter('entity_instance_id', 'w1')])
    assert {r['entity_instance_id'] for r in rows} == {'host=w1',
                                                       'host=w1.process=p'}
    rows = many.list_alarms([_filter('alarm_id', '200.006', 'ne')])
    assert {r['alarm_id'] for r in rows} == {'200.004', '100.101'}


def test_paging_walks_every_alarm_once(many, conf):
    seen, marker = [], None
    while True:
        page = collection.parse_page(limit='4', marker=marker,
                                     sort_keys=('id',))
        rows = many.list_alarms(page=page)
        seen += [r['uuid'] for r in rows]
        if len(rows) < 4:
            break
        marker = rows[-1]['uuid']
    assert len(seen) == len(set(seen)) == 21


def test_unknown_marker_is_not_found(many, conf):
    page = collection.parse_page(marker='nope', sort_keys=('id',))
    with pytest.raises(exception.AlarmNotFound):
        many.list_alarms(page=page)


def test_suppressed_ids_are_hidden_unless_asked(many):
    record = many.list_event_suppression(
        [_filter('alarm_id', '200.006')])[0]
    many.update_suppression_status(record['uuid'], rules.SUPPRESSED)
    assert {r['alarm_id'] for r in many.list_alarms()} == {'200.004',
                                                          '100.101'}
    shown = many.list_alarms(include_suppress=True)
    assert {r['suppression_status'] for r in shown
            if r['alarm_id'] == '200.006'} == {'suppressed'}
    assert many.alarm_severities() == {'critical': 10, 'minor': 1}
    assert many.alarm_severities(True)['major'] == 10
    events = many.list_event_log()
    assert '200.006' not in {e['event_log_id'] for e in events}


def test_thresholds_come_from_the_catalogue(many):
    alarm = many.list_alarms([_filter('alarm_id', '200.006')])[0]
    assert alarm['mgmt_affecting_threshold'] == 'warning'
    assert alarm['degrade_affecting_threshold'] == 'major'
