"""How long the sysinv conductor takes to absorb an agent's inventory
report, on PostgreSQL.

The report is a large server: 2 sockets x 24 cores x 2 threads (96 CPUs),
2 NUMA nodes, 12 disks with 4 partitions each, 8 NIC ports, 16 other PCI
devices. Measured through the conductor's own flow
(:meth:`sysinv.conductor.inventory.InventoryFlows.absorb`: read the host's
rows, plan, write in one transaction; the boot interface mgmt0 too):

- a first full report of a new host (every row inserted);
- the same full report again (nothing to write);
- a delta of one category (two ports changed).

Baseline, in the same run: bare SQL inserts (psycopg2 ``execute_values``)
of the same rows for a new host, the floor for writing them from Python.
Target: a full report absorbed in <= 500 ms.
"""
import uuid

import psycopg2
from psycopg2 import extras

from benchmarks import common
from stx_common.testing import postgres
from sysinv.conductor import inventory, inventory_plan
from sysinv.db import api as db_api
from sysinv.db import migration
from sysinv.db.api import inventory as inv_db
from sysinv.tests.unit import inventory_fakes as fakes

HOSTS = 25
REPEATS = 50
MAC = '08:00:27:00:00:01'


def _report(index=0):
    return fakes.machine(sockets=2, cores=24, threads=2, disks=12,
                         partitions=4, ports=8, pci=16,
                         mgmt_mac='08:00:27:01:%02x:%02x' % (index // 256,
                                                             index % 256))


def _site(dbapi):
    created = dbapi.create_bootstrap(
        system={'name': 'bench', 'system_mode': 'duplex',
                'system_type': 'All-in-one', 'timezone': 'UTC',
                'software_version': '1.0', 'capabilities': {}},
        dns='', ntp='', networks=[], host={
            'hostname': 'controller-0', 'personality': 'controller',
            'subfunctions': 'controller,worker', 'mgmt_mac': MAC})
    return created['system']


def _host(dbapi, system, index):
    return dbapi.create_host({
        'hostname': 'worker-%d' % index, 'personality': 'worker',
        'subfunctions': 'worker', 'forisystemid': system['id'],
        'mgmt_mac': '08:00:27:01:%02x:%02x' % (index // 256, index % 256)})


def _insert(cur, table, rows):
    if not rows:
        return []
    columns = sorted(rows[0])
    sql = 'INSERT INTO %s (%s) VALUES %%s RETURNING id' % (
        table, ', '.join('"%s"' % c for c in columns))
    return [r[0] for r in extras.execute_values(
        cur, sql, [tuple(extras.Json(r[c]) if isinstance(r[c], dict)
                         else r[c] for c in columns) for r in rows],
        fetch=True, page_size=1000)]


def _bare(database, host_id, report):
    """The same rows as a first report, inserted with bare SQL."""
    planned = inventory_plan.plan({'personality': 'worker',
                                   'subfunctions': 'worker'}, report,
                                  {}, None)

    def rows(category, host_column, **extra):
        out = []
        for values in planned[category]['add']:
            row = {k: v for k, v in values.items() if not k.startswith('_')}
            row.update(uuid=str(uuid.uuid4()), **{host_column: host_id})
            row.update(extra)
            out.append(row)
        return out

    conn = psycopg2.connect(host=database.host, port=database.port,
                            user=postgres.USER, dbname=database.name)
    try:
        with common.stopwatch() as clock, conn, conn.cursor() as cur:
            node_ids = _insert(cur, 'i_node', rows('inodes', 'forihostid'))
            cpus = rows('icpus', 'forihostid')
            for cpu, values in zip(cpus, planned['icpus']['add'],
                                   strict=True):
                cpu['forinodeid'] = node_ids[values[inv_db.NUMA_REF]]
            _insert(cur, 'i_icpu', cpus)
            memory = rows('imemorys', 'forihostid')
            for row, node in zip(memory, node_ids, strict=True):
                row['forinodeid'] = node
            _insert(cur, 'i_imemory', memory)
            disks = rows('idisks', 'forihostid')
            disk_ids = dict(zip([d['device_path'] for d in disks],
                                _insert(cur, 'i_idisk', disks),
                                strict=True))
            parts = rows('partitions', 'forihostid')
            for part, values in zip(parts, planned['partitions']['add'],
                                    strict=True):
                part['idisk_id'] = disk_ids[values[inv_db.DISK_REF][0]]
            _insert(cur, 'partition', parts)
            eth_keys = {c.key for c in inv_db.ETH.c} - {'id'}
            ports = rows('ports', 'host_id', type='ethernet')
            common_rows = [{k: v for k, v in p.items() if k not in eth_keys}
                           for p in ports]
            ids = _insert(cur, 'ports', common_rows)
            _insert(cur, 'ethernet_ports', [
                dict({k: v for k, v in p.items() if k in eth_keys}, id=i)
                for p, i in zip(ports, ids, strict=True)])
            _insert(cur, 'pci_devices', rows('pci_devices', 'host_id'))
    finally:
        conn.close()
    return clock['seconds'] * 1000.0


def run():
    database = postgres.Database('flock_bench').create()
    try:
        migration.upgrade(database.url)
        dbapi = db_api.Connection(connection=database.url)
        system = _site(dbapi)
        flows = inventory.InventoryFlows(dbapi)
        hosts = [_host(dbapi, system, i + 1) for i in range(HOSTS * 2)]
        report = _report(1)
        rows = sum(len(report[c]) for c in inventory_plan.CATEGORIES)
        full, again, delta, bare = [], [], [], []
        for index, host in enumerate(hosts[:HOSTS]):
            own = _report(index + 1)   # its first port is the boot port
            with common.stopwatch() as clock:
                flows.absorb(None, host['uuid'], own)
            full.append(clock['seconds'] * 1000.0)
        for host in hosts[HOSTS:]:
            bare.append(_bare(database, host['id'], report))
        target = hosts[0]
        for index in range(REPEATS):
            with common.stopwatch() as clock:
                flows.absorb(None, target['uuid'], report)
            again.append(clock['seconds'] * 1000.0)
            ports = [dict(p) for p in report['ports']]
            ports[index % 8]['speed'] = 25000 + index
            ports[(index + 1) % 8]['mtu'] = 1500 + index
            with common.stopwatch() as clock:
                flows.absorb(None, target['uuid'],
                             {'schema_version': 1, 'ports': ports})
            delta.append(clock['seconds'] * 1000.0)
        dbapi.dispose()
    finally:
        database.drop()
    common.header('sysinv conductor: absorbing an inventory report '
                  '(%d rows: 96 CPUs, 12 disks, 48 partitions, 8 ports, '
                  '16 PCI devices; PostgreSQL)' % rows)
    common.line('bare SQL inserts (baseline)', common.describe(bare))
    common.line('full report, new host', common.describe(full) +
                '  (target <= 500 ms)')
    common.line('full report, nothing changed', common.describe(again))
    common.line('delta (2 ports changed)', common.describe(delta))
    common.line('ratio full / bare SQL (p50)', '%.2f' % (
        common.percentile(full, 0.5) / common.percentile(bare, 0.5)))


if __name__ == '__main__':
    run()
