"""Alarm raise -> stored throughput, and fm-api latency at scale.

Throughput: alarms raised through stx_common's AlarmClient (spool, broker,
fm-manager as a real process, PostgreSQL) until every one is stored,
beside bare SQL inserts of the same rows into the same table (the ceiling
the database allows from Python).

Latency: ``GET /v1/alarms`` (first page) and ``/v1/alarms/summary`` of a
real fm-api with 10,000 active alarms and 100,000 event log records,
beside the bare SQL query of the same page and the same counts.
"""
import datetime
import tempfile
import time
import uuid

from oslo_config import cfg
import psycopg2
from psycopg2 import extras
import requests

from benchmarks import common
from fm.tests.functional import fixtures
from stx_common import config, rpc
from stx_common.alarms import client
from stx_common.contracts import alarm as contract
from stx_common.testing import postgres, rabbit

RAISED = 20000
ACTIVE = 10000
HISTORY = 100000
REQUESTS = 200


def _fault(index):
    return contract.Fault(
        alarm_id='200.006', alarm_state='set', entity_type_id='host',
        entity_instance_id='host=worker-%d.process=p%d' % (index % 500,
                                                          index),
        severity='major', reason_text='process p%d failed' % index,
        alarm_type='processing-error',
        probable_cause='software-program-abnormally-terminated',
        proposed_repair_action='wait for the process to be restarted',
        service_affecting=False, suppression=True)


def _connect(database):
    return psycopg2.connect(host=database.host, port=database.port,
                            user=postgres.USER, dbname=database.name)


def _count(database, table):
    with _connect(database) as conn, conn.cursor() as cur:
        cur.execute('SELECT COUNT(*) FROM %s' % table)
        return cur.fetchone()[0]


def _row(index, now):
    fault = _fault(index)
    return (str(uuid.uuid4()), fault.alarm_id, 'set', 'host',
            fault.entity_instance_id, now, fault.severity,
            fault.reason_text, fault.alarm_type, fault.probable_cause,
            fault.proposed_repair_action, False, True, False, False, now)


ALARM_INSERT = (
    'INSERT INTO alarm (uuid, alarm_id, alarm_state, entity_type_id, '
    'entity_instance_id, timestamp, severity, reason_text, alarm_type, '
    'probable_cause, proposed_repair_action, service_affecting, '
    'suppression, inhibit_alarms, masked, created_at) VALUES %s')


def _bare_inserts(database, count):
    now = datetime.datetime.utcnow()
    rows = [_row(i, now) for i in range(count)]
    with _connect(database) as conn, conn.cursor() as cur:
        cur.execute('DELETE FROM alarm')
        start = time.perf_counter()
        for chunk in range(0, count, 500):
            extras.execute_values(cur, ALARM_INSERT, rows[chunk:chunk + 500])
            conn.commit()
        seconds = time.perf_counter() - start
        cur.execute('DELETE FROM alarm')
    return count / seconds


def _throughput(workdir, database, vhost):
    service = fixtures.FMService(workdir + '/fm', database.url, vhost.url)
    service.start()
    try:
        alarms = client.AlarmClient(name='bench', spool_dir=workdir + '/s')
        faults = [_fault(i) for i in range(RAISED)]
        start = time.perf_counter()
        for fault in faults:
            alarms.set_fault(fault)
        raised = time.perf_counter() - start
        while _count(database, 'alarm') < RAISED:
            time.sleep(0.05)
        stored = time.perf_counter() - start
        alarms.close()
    finally:
        service.stop()
    return RAISED / raised, RAISED / stored


def _populate(database):
    now = datetime.datetime.utcnow()
    with _connect(database) as conn, conn.cursor() as cur:
        cur.execute('DELETE FROM alarm')
        extras.execute_values(cur, ALARM_INSERT,
                              [_row(i, now) for i in range(ACTIVE)],
                              page_size=1000)
        history = [(str(uuid.uuid4()), '200.006', 'set', 'host',
                    'host=worker-%d' % (i % 500),
                    now - datetime.timedelta(seconds=i), 'major', 'x',
                    'processing-error', 'software-error', '', False, True,
                    now) for i in range(HISTORY)]
        extras.execute_values(
            cur, 'INSERT INTO event_log (uuid, event_log_id, state, '
            'entity_type_id, entity_instance_id, timestamp, severity, '
            'reason_text, event_log_type, probable_cause, '
            'proposed_repair_action, service_affecting, suppression, '
            'created_at) VALUES %s', history, page_size=2000)
        cur.execute('ANALYZE')


PAGE_SQL = (
    'SELECT alarm.*, COALESCE(s.suppression_status, %s) FROM alarm LEFT '
    'JOIN event_suppression s ON s.alarm_id = alarm.alarm_id WHERE NOT '
    'alarm.masked AND (s.suppression_status IS NULL OR '
    "s.suppression_status != 'suppressed') ORDER BY alarm.severity, "
    'alarm.entity_instance_id, alarm.alarm_id, alarm.id LIMIT %s')
SUMMARY_SQL = (
    'SELECT alarm.severity, COUNT(*) FROM alarm LEFT JOIN '
    'event_suppression s ON s.alarm_id = alarm.alarm_id WHERE NOT '
    "alarm.masked AND (s.suppression_status IS NULL OR "
    "s.suppression_status != 'suppressed') GROUP BY alarm.severity")


def _latency(workdir, database, vhost):
    service = fixtures.FMService(workdir + '/fm-api', database.url,
                                 vhost.url, extra={'DEFAULT': {
                                     'debug': 'false'}})
    service.dbsync()
    service.start_api()
    _populate(database)
    session = requests.Session()
    results = {}
    try:
        for label, path in (('GET /v1/alarms', '/v1/alarms'),
                            ('GET /v1/alarms?limit=100',
                             '/v1/alarms?limit=100'),
                            ('GET /v1/alarms/summary',
                             '/v1/alarms/summary')):
            results[label] = common.timed(
                lambda p=path: session.get(service.url + p,
                                           timeout=30).raise_for_status(),
                REQUESTS, warmup=5)
        size = len(session.get(service.url + '/v1/alarms').json()['alarms'])
    finally:
        service.stop()
    with _connect(database) as conn, conn.cursor() as cur:
        def page(limit):
            return lambda: (cur.execute(PAGE_SQL, ('unsuppressed', limit)),
                            cur.fetchall())
        results['bare SQL: first page'] = common.timed(page(size), REQUESTS)
        results['bare SQL: 100 rows'] = common.timed(page(100), REQUESTS)
        results['bare SQL: summary counts'] = common.timed(
            lambda: (cur.execute(SUMMARY_SQL), cur.fetchall()), REQUESTS)
    return results, size


def run():
    vhost = rabbit.Vhost('flock-bench').create()
    database = postgres.Database('flock_bench').create()
    workdir = tempfile.mkdtemp(prefix='flock-bench-')
    try:
        config.register_logging(cfg.CONF)
        rpc.register_messaging_opts(cfg.CONF)
        cfg.CONF([], project='flock-bench', default_config_files=[])
        cfg.CONF.set_override('transport_url', vhost.url)
        raise_rate, stored_rate = _throughput(workdir, database, vhost)
        bare_rate = _bare_inserts(database, RAISED)
        latency, size = _latency(workdir, database, vhost)
    finally:
        database.drop()
        vhost.delete()
    common.header('Alarm raise -> stored (%d alarms, fm-manager process, '
                  'PostgreSQL)' % RAISED)
    common.line('bare SQL inserts (ceiling)', '%8.0f rows/s' % bare_rate)
    common.line('raise calls (non-blocking)', '%8.0f alarms/s' % raise_rate)
    common.line('raised -> stored', '%8.0f alarms/s (target >= 2000)'
                % stored_rate)
    common.line('ratio stored / bare SQL', '%.2f' % (stored_rate /
                                                    bare_rate))
    common.header('fm-api latency, %d active alarms, %d event log records'
                  % (ACTIVE, HISTORY))
    for label, samples in latency.items():
        common.line(label, common.describe(samples))
    common.line('first page size', '%d alarms ([api] limit_max)' % size)
    for api_label, sql_label in (
            ('GET /v1/alarms', 'bare SQL: first page'),
            ('GET /v1/alarms?limit=100', 'bare SQL: 100 rows'),
            ('GET /v1/alarms/summary', 'bare SQL: summary counts')):
        common.line('ratio p50 %s / SQL' % api_label.split()[1], '%.1fx' % (
            common.percentile(latency[api_label], .5) /
            common.percentile(latency[sql_label], .5)))
    print('  (target: list and summary p50 <= 30 ms)')
