"""What an agent's inventory report changes in the DB: pure functions.

:func:`plan` compares the rows a host has (as read by
:meth:`sysinv.db.api.inventory.InventoryMixin.get_inventory`) with the
records of a report (:mod:`sysinv.agent.inventory`, already in sysinv's
field names) and returns, per category, the rows to add, the changes of
rows to update and the rows to remove, in the form
:meth:`~sysinv.db.api.inventory.InventoryMixin.apply_inventory` takes.

Rows are matched by a key per category: the NUMA node number, the logical
CPU number, the memory's NUMA node, a disk's ``device_path`` (else its
``device_node``), a partition's ``device_path`` (else ``device_node``), a
port's PCI address and ``dev_id`` (else its MAC, else its name), a PCI
device's address. Fields the operator owns (:data:`OPERATOR_FIELDS`) are
set when a row is added and never overwritten by a report afterwards.
"""
import sqlalchemy as sa

from sysinv.agent.inventory import cpu as cpu_probe
from sysinv.db import models
from sysinv.db.api import inventory as inv_db

CATEGORIES = inv_db.CATEGORIES
NUMA_REF = inv_db.NUMA_REF
DISK_REF = inv_db.DISK_REF
# Key of values naming operator fields a report changes all the same.
FORCE = '_force'

# Partition status values (StarlingX's): rows being created by the
# operator are not on the disk yet; a report must not remove them.
PARTITION_CREATING = (2, 3)
PARTITION_BUSY = (2, 3, 4, 5)

OPERATOR_FIELDS = {
    'icpus': ('allocated_function',),
    'imemorys': ('platform_reserved_mib', 'vm_hugepages_nr_2M_pending',
                 'vm_hugepages_nr_1G_pending', 'vm_pending_as_percentage',
                 'vm_hugepages_2M_percentage', 'vm_hugepages_1G_percentage',
                 'vswitch_hugepages_reqd', 'vswitch_hugepages_size_mib'),
    'pci_devices': ('enabled',),
}
# Columns a report never sets (references and the row's identity).
_NEVER = frozenset(('id', 'uuid', 'created_at', 'updated_at', 'forihostid',
                    'forinodeid', 'host_id', 'node_id', 'interface_id',
                    'idisk_id', 'idisk_uuid', 'foristorid', 'foripvid',
                    'type'))
# Categories whose records carry their NUMA node as a reference.
_NUMA_BY_REF = ('icpus', 'imemorys', 'ports')
HOST_FACTS = ('kernel_running', 'cstates_available', 'min_cpu_mhz_allowed',
              'max_cpu_mhz_allowed', 'iscsi_initiator_name', 'nvme_host_id',
              'nvme_host_nqn')


def _columns(category):
    tables = [inv_db.TABLES[category]]
    if category == 'ports':
        tables.append(inv_db.ETH)
    return {c.key: c.type for t in tables for c in t.c
            if c.key not in _NEVER}


COLUMNS = {category: _columns(category) for category in CATEGORIES}


def _coerce(kind, value):
    """A report value in the column's type (ports report ``link_mode``
    as a number into a text column, hosts' MHz likewise)."""
    if value is None:
        return None
    if isinstance(kind, sa.String) and not isinstance(value, str):
        return str(value)
    if isinstance(kind, sa.Integer) and not isinstance(value, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    return value


def values_of(category, record):
    """The column values a record gives (unknown keys dropped)."""
    columns = COLUMNS[category]
    return {k: _coerce(columns[k], v) for k, v in record.items()
            if k in columns}


# -- keys ---------------------------------------------------------------------
def _disk_key(row):
    return ('path', row['device_path']) if row.get('device_path') else (
        'node', row.get('device_node'))


def _port_key(row):
    if row.get('pciaddr'):
        return ('pci', row['pciaddr'], int(row.get('dev_id') or 0))
    if row.get('mac'):
        return ('mac', row['mac'])
    return ('name', row.get('name'))


def _memory_key(row):
    return row.get('numa_node')


KEYS = {
    'inodes': lambda r: r.get('numa_node'),
    'icpus': lambda r: r.get('cpu'),
    'imemorys': _memory_key,
    'idisks': _disk_key,
    'partitions': _disk_key,
    'ports': _port_key,
    'pci_devices': lambda r: r.get('pciaddr'),
}


# -- one category -------------------------------------------------------------
def _changes(category, row, values):
    forced = values.pop(FORCE, ())
    keep = set(OPERATOR_FIELDS.get(category, ())) - set(forced)
    changed = {}
    for key, value in values.items():
        if key in keep or key.startswith('_'):
            continue   # operator's, or a reference resolved on write
        if row.get(key) != value:
            changed[key] = value
    return changed


def _empty():
    return {'add': [], 'update': [], 'remove': []}


def plan_category(category, rows, records, extra=None):
    """{'add', 'update', 'remove'} of one category.

    :param rows: the host's rows of the category.
    :param records: the report's records of the category.
    :param extra: ``extra(record, values, row)`` adjusts the values of a
        record (defaults of new rows, references, derived fields).
    """
    key_of = KEYS[category]
    existing = {}
    for row in rows:
        existing.setdefault(key_of(row), row)
    result = _empty()
    seen = set()
    for record in records:
        key = key_of(record)
        if key in seen:
            continue   # one row per key: a repeated record is ignored
        seen.add(key)
        row = existing.get(key)
        values = values_of(category, record)
        if category in _NUMA_BY_REF and 'numa_node' in record:
            if category != 'ports':
                values.pop('numa_node', None)
            if row is None or row.get('numa_node') != record['numa_node'] \
                    or (category == 'ports' and row.get('node_id') is None):
                values[NUMA_REF] = record['numa_node']
        if extra is not None:
            values = extra(record, values, row)
        if row is None:
            values.pop(FORCE, None)
            result['add'].append(values)
            continue
        changed = _changes(category, row, values)
        if NUMA_REF in values:
            changed[NUMA_REF] = values[NUMA_REF]
        if DISK_REF in values and row.get('idisk_id') is None:
            changed[DISK_REF] = values[DISK_REF]
        if changed:
            result['update'].append([row['id'], changed])
    for key, row in existing.items():
        if key in seen:
            continue
        if category == 'partitions' and row.get('status') in \
                PARTITION_CREATING:
            continue
        result['remove'].append(row['id'])
    return result


# -- the categories' own rules ------------------------------------------------
def _vswitch_cores(system):
    capabilities = (system or {}).get('capabilities') or {}
    vswitch = capabilities.get('vswitch_type') or 'none'
    return 1 if vswitch not in ('none', None) else 0


def _cpu_extra(host, system, records):
    defaults = {}
    if records:
        for record in cpu_probe.default_functions(
                records, host.get('personality') or '',
                host.get('subfunctions'),
                vswitch_cores=_vswitch_cores(system)):
            defaults[record['cpu']] = record['allocated_function']

    def extra(record, values, row):
        if row is None:
            values['allocated_function'] = defaults.get(record['cpu'])
        return values
    return extra


def _memory_extra(record, values, row):
    """A pending hugepage request the host now runs is no longer
    pending."""
    if row is None or row.get('vm_pending_as_percentage') in ('True', True):
        return values
    forced = []
    for size in ('2M', '1G'):
        field = 'vm_hugepages_nr_%s_pending' % size
        pending = row.get(field)
        if pending is not None and \
                values.get('vm_hugepages_nr_%s' % size) == pending:
            values[field] = None
            forced.append(field)
    if forced:
        values[FORCE] = forced
    return values


def _partition_extra(record, values, row):
    values[DISK_REF] = [record.get('disk_device_path'),
                        record.get('disk_device_node')]
    if row is not None and row.get('status') in PARTITION_BUSY:
        values.pop('status', None)   # an operation of the operator's
    return values


def _port_extra(mgmt_mac):
    def extra(record, values, row):
        if mgmt_mac and values.get('mac') == mgmt_mac:
            values['bootp'] = 'True'
        return values
    return extra


def plan(host, report, current, system=None):
    """The whole plan of a report.

    :param host: the host row (personality, subfunctions, mgmt_mac).
    :param report: the agent's report (full or delta): the categories it
        holds are reconciled, the others left alone.
    :param current: {category: rows} of the host (categories of the
        report at least).
    :returns: {category: {'add', 'update', 'remove'}}.
    """
    result = {}
    for category in CATEGORIES:
        records = report.get(category)
        if records is None:
            continue
        rows = current.get(category) or []
        extra = None
        if category == 'icpus':
            extra = _cpu_extra(host, system, records)
        elif category == 'imemorys':
            extra = _memory_extra
        elif category == 'partitions':
            extra = _partition_extra
        elif category == 'ports':
            extra = _port_extra(host.get('mgmt_mac'))
        result[category] = plan_category(category, rows, records, extra)
    return result


def host_values(host, facts):
    """Host columns the report's host facts change."""
    if not facts:
        return {}
    columns = models.Host.__table__.c
    changed = {}
    for name in HOST_FACTS:
        if name not in facts:
            continue
        value = _coerce(columns[name].type, facts[name])
        if host.get(name) != value:
            changed[name] = value
    return changed


def is_complete(report):
    """Every category of the inventory is in the report."""
    return all(report.get(category) is not None for category in CATEGORIES)


def count(planned):
    """{category: {'add': n, 'update': n, 'remove': n}} of a plan."""
    return {category: {k: len(v) for k, v in part.items()}
            for category, part in planned.items()}
