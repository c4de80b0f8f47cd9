"""DB calls of a host's discovered hardware: NUMA nodes (``i_node``),
CPUs (``i_icpu``), memory (``i_imemory``), disks (``i_idisk``),
partitions (``partition``), ports (``ports`` + ``ethernet_ports``) and
PCI devices (``pci_devices``).

Reads return plain dicts with the references the API shows: ``numa_node``
of CPUs and memory (from their node), ``ihost_uuid`` / ``host_uuid``,
``inode_uuid`` / ``node_uuid``, ``interface_uuid``, ``idisk_uuid``.

Writes: :meth:`InventoryMixin.apply_inventory` applies, in one
transaction, the plan the conductor computed from an agent's report
(:mod:`sysinv.conductor.inventory`); it also creates the boot interface
``mgmt0`` on the port of the host's management MAC.
"""
import sqlalchemy as sa

from stx_common import exception as common_exc
from stx_common.db import pagination
from sysinv import exception
from sysinv.common import constants
from sysinv.db import models
from sysinv.db.api import base

H = models.Host.__table__
NODE = models.Node.__table__
CPU = models.CPU.__table__
MEM = models.Memory.__table__
DISK = models.Disk.__table__
PART = models.Partition.__table__
PORT = models.Port.__table__
ETH = models.EthernetPort.__table__
PCI = models.PciDevice.__table__
IFACE = models.Interface.__table__
ETH_IF = models.EthernetInterface.__table__
IFNET = models.InterfaceNetwork.__table__
NET = models.Network.__table__
ADDR = models.Address.__table__

# Categories of a report, in the order their rows are written.
CATEGORIES = ('inodes', 'icpus', 'imemorys', 'idisks', 'partitions',
              'ports', 'pci_devices')
TABLES = {'inodes': NODE, 'icpus': CPU, 'imemorys': MEM, 'idisks': DISK,
          'partitions': PART, 'ports': PORT, 'pci_devices': PCI}
HOST_COLUMNS = {'inodes': 'forihostid', 'icpus': 'forihostid',
                'imemorys': 'forihostid', 'idisks': 'forihostid',
                'partitions': 'forihostid', 'ports': 'host_id',
                'pci_devices': 'host_id'}
SORT_KEYS = {
    'inodes': ('id', 'uuid', 'numa_node'),
    'icpus': ('id', 'uuid', 'cpu', 'core', 'thread', 'allocated_function'),
    'imemorys': ('id', 'uuid', 'forinodeid'),
    'idisks': ('id', 'uuid', 'device_node', 'device_path', 'size_mib'),
    'partitions': ('id', 'uuid', 'device_node', 'device_path', 'start_mib'),
    'ports': ('id', 'uuid', 'name', 'pciaddr'),
    'pci_devices': ('id', 'uuid', 'name', 'pciaddr'),
}
DEFAULT_SORT = {
    'inodes': (('numa_node', 'asc'),), 'icpus': (('cpu', 'asc'),),
    'imemorys': (('forinodeid', 'asc'),),
    'idisks': (('device_node', 'asc'),),
    'partitions': (('start_mib', 'asc'), ('device_node', 'asc')),
    'ports': (('name', 'asc'),), 'pci_devices': (('pciaddr', 'asc'),),
}
NAMES = {'inodes': 'NUMA node', 'icpus': 'CPU', 'imemorys': 'Memory',
         'idisks': 'Disk', 'partitions': 'Partition', 'ports': 'Port',
         'pci_devices': 'PCI device'}
# Keys of plan values resolved when the plan is applied.
NUMA_REF = '_numa'
DISK_REF = '_disk'
MGMT_IFNAME = 'mgmt0'
IFCLASS_PLATFORM = 'platform'


def _host_uuid(column):
    return sa.select(H.c.uuid).where(H.c.id == column).scalar_subquery()


def _node_column(column, name):
    return sa.select(NODE.c[name]).where(
        NODE.c.id == column).scalar_subquery()


def _port_columns():
    eth = [c for c in ETH.c if c.key != 'id']
    return [*PORT.c, *eth]


def select_of(category):
    """The select of a category's rows with the references shown."""
    if category == 'icpus':
        return sa.select(
            CPU, _host_uuid(CPU.c.forihostid).label('ihost_uuid'),
            _node_column(CPU.c.forinodeid, 'uuid').label('inode_uuid'),
            _node_column(CPU.c.forinodeid, 'numa_node').label('numa_node'))
    if category == 'imemorys':
        return sa.select(
            MEM, _host_uuid(MEM.c.forihostid).label('ihost_uuid'),
            _node_column(MEM.c.forinodeid, 'uuid').label('inode_uuid'),
            _node_column(MEM.c.forinodeid, 'numa_node').label('numa_node'))
    if category == 'inodes':
        return sa.select(NODE, _host_uuid(NODE.c.forihostid).label(
            'ihost_uuid'))
    if category in ('idisks', 'partitions'):
        table = TABLES[category]
        return sa.select(table, _host_uuid(table.c.forihostid).label(
            'ihost_uuid'))
    if category == 'ports':
        iface = sa.select(IFACE.c.uuid).where(
            IFACE.c.id == PORT.c.interface_id).scalar_subquery()
        return sa.select(
            *_port_columns(), _host_uuid(PORT.c.host_id).label('host_uuid'),
            _node_column(PORT.c.node_id, 'uuid').label('node_uuid'),
            iface.label('interface_uuid')).select_from(
            PORT.outerjoin(ETH, ETH.c.id == PORT.c.id))
    if category == 'pci_devices':
        return sa.select(PCI, _host_uuid(PCI.c.host_id).label('host_uuid'))
    raise KeyError(category)


class InventoryMixin:
    """Reads of the hardware resources and the writes of inventory."""

    # -- reads ----------------------------------------------------------------
    def list_inventory(self, category, host_id=None, page=None,
                       filters=None):
        """Rows of ``category`` (of one host, or of all), in page order.

        :param filters: further {column: value} equalities.
        """
        table = TABLES[category]
        wanted = dict(filters or {})
        if host_id is not None:
            wanted[HOST_COLUMNS[category]] = host_id
        query = select_of(category).where(*[
            table.c[k] == v for k, v in wanted.items()])
        with self._reader() as db:
            marker = None
            if page is not None and page.marker:
                marker = self._marker_row(db, table, page.marker)
            query = pagination.paginate(
                query, base.sort_spec(table, page, DEFAULT_SORT[category]),
                marker, page.limit if page is not None else None)
            return [dict(r) for r in db.execute(query).mappings()]

    def get_inventory_item(self, category, ident, db=None):
        """One row of ``category`` by id or uuid.

        :raises NotFound:
        """
        table = TABLES[category]
        clause = base.identity_clause(table, ident)
        missing = exception.NotFound('%s %s could not be found.'
                                     % (NAMES[category], ident))
        if clause is None:
            raise missing
        query = select_of(category).where(clause)
        if db is None:
            with self._reader() as db:
                row = db.execute(query).mappings().first()
        else:
            row = db.execute(query).mappings().first()
        if row is None:
            raise missing
        return dict(row)

    def get_inventory(self, host_id, categories=CATEGORIES):
        """{category: [rows]} of one host (every row, id order)."""
        found = {}
        with self._reader() as db:
            for category in categories:
                table = TABLES[category]
                query = select_of(category).where(
                    table.c[HOST_COLUMNS[category]] == host_id).order_by(
                    table.c.id)
                found[category] = [dict(r) for r in
                                   db.execute(query).mappings()]
        return found

    # -- writes ---------------------------------------------------------------
    def apply_inventory(self, host_id, plan, host_values=None,
                        mgmt_mac=None):
        """Apply a reconciliation plan in one transaction.

        :param plan: {category: {'add': [values], 'update': [[id,
            values]], 'remove': [ids]}}. Values may hold ``_numa`` (the
            NUMA node number: sets ``forinodeid`` of CPUs and memory,
            ``node_id`` of ports) and ``_disk`` (a partition's disk:
            ``[device_path, device_node]``; sets ``idisk_id`` and
            ``idisk_uuid``).
        :param host_values: host columns to change too.
        :param mgmt_mac: the host's management MAC: its port gets
            ``bootp`` and the interface ``mgmt0`` if it has none.
        :returns: {category: {'added': n, 'updated': n, 'removed': n}}.
        """
        counts = {}
        with self._writer() as db:
            # children go first; nodes and disks last (their rows cascade)
            for category in ('icpus', 'imemorys', 'partitions', 'ports',
                             'pci_devices'):
                self._remove(db, category, plan, counts)
            for category in ('inodes', 'idisks'):
                self._add_update(db, category, host_id, plan, counts, {})
            refs = self._references(db, host_id)
            for category in ('icpus', 'imemorys', 'partitions', 'ports',
                             'pci_devices'):
                self._add_update(db, category, host_id, plan, counts, refs)
            for category in ('idisks', 'inodes'):
                self._remove(db, category, plan, counts)
            if host_values:
                db.execute(H.update().where(H.c.id == host_id).values(
                    **host_values))
            if mgmt_mac:
                self._ensure_mgmt_interface(db, host_id, mgmt_mac)
        return counts

    def _remove(self, db, category, plan, counts):
        ids = (plan.get(category) or {}).get('remove') or []
        entry = counts.setdefault(category, {'added': 0, 'updated': 0,
                                             'removed': 0})
        if not ids:
            return
        if category == 'ports':
            db.execute(ETH.delete().where(ETH.c.id.in_(ids)))
        table = TABLES[category]
        entry['removed'] += db.execute(table.delete().where(
            table.c.id.in_(ids))).rowcount

    def _references(self, db, host_id):
        nodes = {r.numa_node: r.id for r in db.execute(sa.select(
            NODE.c.numa_node, NODE.c.id).where(NODE.c.forihostid == host_id))}
        disks = {}
        for row in db.execute(sa.select(
                DISK.c.id, DISK.c.uuid, DISK.c.device_path,
                DISK.c.device_node).where(DISK.c.forihostid == host_id)):
            disks[(row.device_path, row.device_node)] = (row.id, row.uuid)
            if row.device_path:
                disks.setdefault((row.device_path, None), (row.id, row.uuid))
            disks.setdefault((None, row.device_node), (row.id, row.uuid))
        return {'nodes': nodes, 'disks': disks}

    @staticmethod
    def _resolve(category, values, refs):
        values = dict(values)
        if NUMA_REF in values:
            node_id = refs['nodes'].get(values.pop(NUMA_REF))
            column = 'node_id' if category == 'ports' else 'forinodeid'
            values[column] = node_id
        if DISK_REF in values:
            path, node = values.pop(DISK_REF)
            disk = (refs['disks'].get((path, node)) or
                    refs['disks'].get((path, None) if path else
                                      (None, node)))
            if disk is None:
                raise common_exc.Invalid(
                    reason='partition %s names an unknown disk %s'
                    % (values.get('device_node'), path or node))
            values['idisk_id'], values['idisk_uuid'] = disk
        return values

    def _add_update(self, db, category, host_id, plan, counts, refs):
        entry = counts.setdefault(category, {'added': 0, 'updated': 0,
                                             'removed': 0})
        part = plan.get(category) or {}
        host_column = HOST_COLUMNS[category]
        added = [dict(self._resolve(category, v, refs),
                      **{host_column: host_id})
                 for v in part.get('add') or ()]
        updates = [(row_id, self._resolve(category, v, refs))
                   for row_id, v in part.get('update') or ()]
        if category == 'ports':
            self._write_ports(db, added, updates)
        else:
            table = TABLES[category]
            if added:
                for values in added:
                    values.setdefault('uuid', models.new_uuid())
                db.execute(table.insert(), added)
            for row_id, values in updates:
                if values:
                    db.execute(table.update().where(
                        table.c.id == row_id).values(**values))
        entry['added'] += len(added)
        entry['updated'] += len(updates)

    @staticmethod
    def _write_ports(db, added, updates):
        eth_keys = {c.key for c in ETH.c} - {'id'}
        for values in added:
            db.add(models.EthernetPort(**values))
        if added:
            db.flush()
        for row_id, values in updates:
            common = {k: v for k, v in values.items() if k not in eth_keys}
            own = {k: v for k, v in values.items() if k in eth_keys}
            if common:
                db.execute(PORT.update().where(PORT.c.id == row_id).values(
                    **common))
            if own:
                db.execute(ETH.update().where(ETH.c.id == row_id).values(
                    **own))

    def _ensure_mgmt_interface(self, db, host_id, mac):
        """``mgmt0`` (ethernet, class platform) on the port of ``mac``,
        on the mgmt network and bound to the host's mgmt address, unless
        the port already has an interface or the host has an ``mgmt0``."""
        port = db.execute(sa.select(PORT.c.id, PORT.c.interface_id,
                                    ETH.c.mtu, ETH.c.bootp).select_from(
            PORT.join(ETH, ETH.c.id == PORT.c.id)).where(
            PORT.c.host_id == host_id, ETH.c.mac == mac).order_by(
            PORT.c.id)).first()
        if port is None:
            return None
        if port.bootp != 'True':
            db.execute(ETH.update().where(ETH.c.id == port.id).values(
                bootp='True'))
        if port.interface_id is not None:
            return None
        existing = db.execute(sa.select(IFACE.c.id).where(
            IFACE.c.forihostid == host_id,
            IFACE.c.ifname == MGMT_IFNAME)).first()
        if existing is not None:
            return None
        iface = models.EthernetInterface(
            forihostid=host_id, ifname=MGMT_IFNAME,
            ifclass=IFCLASS_PLATFORM, imac=mac, imtu=port.mtu or 1500)
        db.add(iface)
        db.flush()
        db.execute(PORT.update().where(PORT.c.id == port.id).values(
            interface_id=iface.id))
        network = db.execute(sa.select(NET.c.id).where(
            NET.c.type == constants.NETWORK_TYPE_MGMT)).first()
        if network is not None:
            db.execute(IFNET.insert().values(
                uuid=models.new_uuid(), interface_id=iface.id,
                network_id=network.id))
            hostname = db.execute(sa.select(H.c.hostname).where(
                H.c.id == host_id)).scalar()
            if hostname:
                db.execute(ADDR.update().where(
                    ADDR.c.name == '%s-%s' % (hostname,
                                              constants.NETWORK_TYPE_MGMT),
                    ADDR.c.interface_id.is_(None)).values(
                    interface_id=iface.id))
        return iface.id

    def update_icpu_functions(self, host_id, functions):
        """Set ``allocated_function`` of CPUs: {cpu id: function}."""
        with self._writer() as db:
            by_function = {}
            for cpu_id, function in functions.items():
                by_function.setdefault(function, []).append(int(cpu_id))
            for function, ids in by_function.items():
                db.execute(CPU.update().where(
                    CPU.c.forihostid == host_id, CPU.c.id.in_(ids)).values(
                    allocated_function=function))

    def update_imemory(self, ident, values):
        """Change ``values`` of one memory row; returns it.

        :raises NotFound:
        """
        with self._writer() as db:
            row = self.get_inventory_item('imemorys', ident, db=db)
            if values:
                db.execute(MEM.update().where(MEM.c.id == row['id']).values(
                    **values))
            return self.get_inventory_item('imemorys', row['id'], db=db)
