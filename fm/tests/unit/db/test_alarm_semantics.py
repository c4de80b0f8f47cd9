"""What raising, clearing and logging do to FM's tables (StarlingX's
semantics), through the DB API on a migrated SQLite database."""
from fm import rules
from fm.tests.unit.fixtures import cleared, fault, raised
from stx_common.api import collection
from stx_common.contracts import alarm as contract


def _active(dbapi):
    return {(a['alarm_id'], a['entity_instance_id']): a
            for a in dbapi.list_alarms(include_suppress=True)}


def _history(dbapi):
    """Event log records in the order they were written."""
    page = collection.Page(limit=1000, marker=None, sort_key='id',
                           sort_dir='asc')
    return [(e['event_log_id'], e['state'], e['entity_instance_id'])
            for e in dbapi.list_event_log(include_suppress=True, page=page)]


def test_raise_stores_alarm_and_set_record(dbapi):
    first = fault()
    assert dbapi.store_events([raised(first)]) == 1
    alarm = _active(dbapi)[('200.004', 'host=worker-0')]
    assert alarm['uuid'] == first.uuid and alarm['severity'] == 'critical'
    record = dbapi.get_event_log(first.uuid)
    assert record['state'] == 'set' and record['event_log_id'] == '200.004'


def test_reraise_replaces_the_row_with_a_new_uuid(dbapi):
    first, second = fault(severity='critical'), fault(severity='major')
    dbapi.store_events([raised(first), raised(second)])
    alarms = _active(dbapi)
    assert len(alarms) == 1
    alarm = alarms[('200.004', 'host=worker-0')]
    assert alarm['uuid'] == second.uuid and alarm['severity'] == 'major'
    assert _history(dbapi) == [('200.004', 'set', 'host=worker-0')] * 2


def test_keep_existing_leaves_the_row(dbapi):
    first = fault()
    dbapi.store_events([raised(first)])
    assert dbapi.store_events([raised(fault(keep_existing_alarm=True,
                                            severity='major'))]) == 0
    assert _active(dbapi)[('200.004', 'host=worker-0')]['uuid'] == \
        first.uuid


def test_clear_takes_children_but_not_lookalikes(dbapi):
    dbapi.store_events([
        raised(fault('200.006', 'host=compute-1')),
        raised(fault('200.006', 'host=compute-1.process=pmond')),
        raised(fault('200.006', 'host=compute-10.process=pmond')),
        raised(fault('200.004', 'host=compute-1')),
    ])
    assert dbapi.store_events([cleared('200.006', 'host=compute-1')]) == 1
    assert set(_active(dbapi)) == {('200.006', 'host=compute-10.process='
                                               'pmond'),
                                   ('200.004', 'host=compute-1')}
    clears = [h for h in _history(dbapi) if h[1] == 'clear']
    assert sorted(clears) == [('200.006', 'clear', 'host=compute-1'),
                              ('200.006', 'clear',
                               'host=compute-1.process=pmond')]


def test_clear_of_nothing_changes_nothing(dbapi):
    assert dbapi.store_events([cleared('200.004', 'host=ghost')]) == 0
    assert _history(dbapi) == []


def test_clear_all_removes_the_subtree_without_history(dbapi):
    dbapi.store_events([raised(fault('200.004', 'host=w1')),
                        raised(fault('200.006', 'host=w1.process=x')),
                        raised(fault('200.004', 'host=w2'))])
    event = contract.AlarmEvent('clear_all', entity_instance_id='host=w1')
    assert dbapi.store_events([event]) == 1
    assert set(_active(dbapi)) == {('200.004', 'host=w2')}
    assert [h for h in _history(dbapi) if h[1] == 'clear'] == []


def test_entity_ids_with_like_wildcards_match_literally(dbapi):
    dbapi.store_events([
        raised(fault('400.001', 'service_domain=controller.service_group='
                                'a_b')),
        raised(fault('400.001', 'service_domain=controller.service_group='
                                'axb'))])
    dbapi.store_events([cleared(
        '400.001', 'service_domain=controller.service_group=a_b')])
    assert set(_active(dbapi)) == {
        ('400.001', 'service_domain=controller.service_group=axb')}


def test_customer_log_goes_to_the_event_log_only(dbapi):
    log = fault('200.021', 'host=w1', state='msg', severity='warning')
    dbapi.store_events([contract.AlarmEvent('log', fault=log,
                                            event_uuid=log.uuid)])
    assert _active(dbapi) == {}
    record = dbapi.get_event_log(log.uuid)
    assert record['state'] == 'log'
    assert dbapi.list_event_log(event_type=rules.EVENTS_ALARMS) == []
    assert len(dbapi.list_event_log(event_type=rules.EVENTS_LOGS)) == 1


def test_redelivered_events_are_not_applied_twice(dbapi):
    first, clear, again = (fault(), cleared('200.004', 'host=worker-0'),
                           fault(severity='major'))
    batch = [raised(first), clear, raised(again)]
    dbapi.store_events(batch)
    assert dbapi.store_events(batch) == 0     # a redelivered batch
    alarm = _active(dbapi)[('200.004', 'host=worker-0')]
    assert alarm['uuid'] == again.uuid
    assert [h[1] for h in _history(dbapi)] == ['set', 'clear', 'set']


def test_inhibiting_alarm_masks_and_unmasks_children(dbapi):
    child = fault('200.006', 'host=w1.process=pmond', suppression=True)
    stubborn = fault('200.007', 'host=w1.sensor=fan', suppression=False)
    dbapi.store_events([raised(child), raised(stubborn)])
    parent = fault('200.004', 'host=w1', inhibit_alarms=True)
    dbapi.store_events([raised(parent)])
    visible = set(_active(dbapi))
    assert ('200.006', 'host=w1.process=pmond') not in visible
    assert ('200.007', 'host=w1.sensor=fan') in visible
    # raised later under the inhibitor: masked too
    late = fault('200.006', 'host=w1.process=mtcClient', suppression=True)
    dbapi.store_events([raised(late)])
    assert ('200.006', 'host=w1.process=mtcClient') not in set(
        _active(dbapi))
    assert rules.summarize([]) != dbapi.alarm_severities()
    dbapi.store_events([cleared('200.004', 'host=w1')])
    assert {('200.006', 'host=w1.process=pmond'),
            ('200.006', 'host=w1.process=mtcClient')} <= set(_active(dbapi))


def test_event_log_is_capped_oldest_first(dbapi):
    events = [raised(fault('200.004', 'host=w%d' % i)) for i in range(12)]
    dbapi.store_events(events, log_max=5)
    assert dbapi.count_event_log() == 5
    kept = {e['entity_instance_id'] for e in dbapi.list_event_log()}
    assert kept == {'host=w%d' % i for i in range(7, 12)}


def test_operator_delete_records_a_clear(dbapi):
    first = fault()
    dbapi.store_events([raised(first)])
    dbapi.delete_alarm(first.uuid)
    assert _active(dbapi) == {}
    assert [h[1] for h in _history(dbapi)] == ['set', 'clear']


def test_bulk_reraise_of_stored_alarms_updates_them(dbapi):
    first = [fault('200.006', 'host=w%d.process=p' % i, severity='major')
             for i in range(30)]
    dbapi.store_events([raised(f) for f in first])
    again = [fault('200.006', 'host=w%d.process=p' % i, severity='critical',
                   reason_text='again %d' % i) for i in range(30)]
    new = fault('200.006', 'host=w99.process=p', severity='minor')
    assert dbapi.store_events([raised(f) for f in again] + [raised(new)]) \
        == 31
    alarms = _active(dbapi)
    assert len(alarms) == 31
    row = alarms[('200.006', 'host=w7.process=p')]
    assert (row['uuid'], row['severity'], row['reason_text']) == (
        again[7].uuid, 'critical', 'again 7')
    assert alarms[('200.006', 'host=w99.process=p')]['severity'] == 'minor'
    assert len(_history(dbapi)) == 61
