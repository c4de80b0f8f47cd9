"""``GET /v1/ihosts`` and ``system host-list`` with 200 hosts.

sysinv-api runs as a real process on PostgreSQL; 200 worker hosts are
added through sysinv's DB API. The baseline is the bare SQL select of the
same rows, in the same run.
"""
import os
import subprocess
import tempfile

from oslo_config import cfg
import psycopg2
import requests

from benchmarks import common
from stx_common import config, rpc
from stx_common.testing import postgres, process, rabbit
from sysinv.db import api as db_api
from sysinv.tests.functional import fixtures

HOSTS = 200
REQUESTS = 200
CLI_RUNS = 20


def _add_hosts(database):
    dbapi = db_api.Connection(connection=database.url)
    system = dbapi.get_system()
    for index in range(HOSTS):
        values = {'hostname': 'worker-%d' % index, 'personality': 'worker',
                  'mgmt_mac': '08:00:27:%02x:%02x:%02x' % (
                      (index >> 16) & 255, (index >> 8) & 255, index & 255),
                  'administrative': 'locked', 'operational': 'disabled',
                  'availability': 'online', 'invprovision': 'provisioned'}
        values['forisystemid'] = system['id']
        dbapi.create_host(values)
    dbapi.dispose()


def run():
    vhost = rabbit.Vhost('flock-bench').create()
    database = postgres.Database('flock_bench').create()
    workdir = tempfile.mkdtemp(prefix='flock-bench-')
    service = fixtures.SysinvService(workdir, database.url, vhost.url,
                                     extra={'DEFAULT': {'debug': 'false'}})
    try:
        config.register_logging(cfg.CONF)
        rpc.register_messaging_opts(cfg.CONF)
        cfg.CONF([], project='flock-bench', default_config_files=[])
        service.dbsync()
        service.bootstrap()
        _add_hosts(database)
        service.start_api()
        session = requests.Session()
        api = common.timed(lambda: session.get(
            service.url + '/v1/ihosts', timeout=30).raise_for_status(),
            REQUESTS, warmup=5)
        count = len(session.get(service.url + '/v1/ihosts').json()['ihosts'])
        env = dict(os.environ, SYSTEM_URL=service.url,
                   OS_AUTH_TOKEN='noauth')
        cli = common.timed(lambda: subprocess.run(
            [process.script('system'), 'host-list'], env=env, check=True,
            capture_output=True, timeout=60), CLI_RUNS, warmup=2)
        with psycopg2.connect(host=database.host, port=database.port,
                              user=postgres.USER,
                              dbname=database.name) as conn, \
                conn.cursor() as cur:
            sql = common.timed(lambda: (
                cur.execute('SELECT * FROM i_host ORDER BY id'),
                cur.fetchall()), REQUESTS)
    finally:
        service.stop()
        database.drop()
        vhost.delete()
    common.header('sysinv host list, %d hosts (sysinv-api process, '
                  'PostgreSQL)' % count)
    common.line('bare SQL select (floor)', common.describe(sql))
    common.line('GET /v1/ihosts', common.describe(api))
    common.line('system host-list (whole CLI)', common.describe(cli))
    common.line('ratio p50 GET / SQL', '%.1fx (target p50 <= 25 ms)' % (
        common.percentile(api, .5) / common.percentile(sql, .5)))
    common.line('ratio p50 CLI / SQL', '%.1fx (a new process each run)' % (
        common.percentile(cli, .5) / common.percentile(sql, .5)))
