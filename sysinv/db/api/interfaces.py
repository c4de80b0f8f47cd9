"""DB calls of logical interfaces and of their platform networks.

An interface dict carries every column of its subtype (``imac``,
``imtu``, ``vlan_id``, ``aemode``...) plus what StarlingX's interface
object computes: ``uses`` / ``used_by`` (interface names), ``ihost_uuid``,
``networks`` (network ids as strings), ``networktypelist``, and the
address modes ``ipv4_mode`` / ``ipv6_mode`` with their pool uuids
``ipv4_pool`` / ``ipv6_pool``.
"""
import sqlalchemy as sa

from sysinv.db import models
from sysinv.db.api import base

I = models.Interface.__table__  # noqa: E741 - the interfaces table
L = models.interfaces_to_interfaces
IN = models.InterfaceNetwork.__table__
N = models.Network.__table__
AM = models.AddressMode.__table__
P = models.AddressPool.__table__
A = models.Address.__table__
H = models.Host.__table__
PORT = models.Port.__table__
EPORT = models.EthernetPort.__table__

SUBTYPES = {
    'ethernet': models.EthernetInterface,
    'ae': models.AeInterface,
    'vlan': models.VlanInterface,
    'virtual': models.VirtualInterface,
    'vf': models.SriovVFInterface,
}
SORT_KEYS = ('id', 'uuid', 'ifname', 'iftype', 'ifclass', 'created_at')
FAMILY_KEYS = {4: 'ipv4', 6: 'ipv6'}


def _not_found(ident):
    from sysinv.conductor import refusals
    return refusals.not_found_error('Interface %s could not be found.'
                                    % ident)


def columns_of(iftype):
    """The column names an interface of ``iftype`` stores."""
    model = SUBTYPES.get(iftype, models.Interface)
    return {attr.key for attr in sa.inspect(model).column_attrs}


class InterfaceMixin:
    """Interfaces, their uses/used_by links, address modes, ports and
    interface_networks."""

    # -- reading --------------------------------------------------------------
    def _decorate_interfaces(self, db, rows):
        if not rows:
            return rows
        ids = [r['id'] for r in rows]
        names = dict(db.execute(sa.select(I.c.id, I.c.ifname)).all())
        uses = {i: [] for i in ids}
        used_by = {i: [] for i in ids}
        for upper, lower in db.execute(sa.select(
                L.c.used_by_id, L.c.uses_id).where(sa.or_(
                    L.c.used_by_id.in_(ids), L.c.uses_id.in_(ids)))):
            if upper in uses:
                uses[upper].append(names.get(lower))
            if lower in used_by:
                used_by[lower].append(names.get(upper))
        networks = {i: [] for i in ids}
        for interface_id, network_id, ntype in db.execute(sa.select(
                IN.c.interface_id, N.c.id, N.c.type).join(
                    N, N.c.id == IN.c.network_id).where(
                    IN.c.interface_id.in_(ids)).order_by(IN.c.id)):
            networks[interface_id].append((str(network_id), ntype))
        modes = {i: {} for i in ids}
        for interface_id, family, mode, pool_uuid in db.execute(sa.select(
                AM.c.interface_id, AM.c.family, AM.c.mode, P.c.uuid).join(
                    P, P.c.id == AM.c.address_pool_id, isouter=True).where(
                    AM.c.interface_id.in_(ids))):
            key = FAMILY_KEYS.get(family)
            if key:
                modes[interface_id][key + '_mode'] = mode
                modes[interface_id][key + '_pool'] = pool_uuid
        hosts = dict(db.execute(sa.select(H.c.id, H.c.uuid).where(
            H.c.id.in_({r['forihostid'] for r in rows}))).all())
        for row in rows:
            row['uses'] = sorted(n for n in uses[row['id']] if n)
            row['used_by'] = sorted(n for n in used_by[row['id']] if n)
            row['networks'] = [n for n, _ in networks[row['id']]]
            row['networktypelist'] = [t for _, t in networks[row['id']]]
            for key in ('ipv4_mode', 'ipv4_pool', 'ipv6_mode', 'ipv6_pool'):
                row[key] = modes[row['id']].get(key)
            row['ihost_uuid'] = hosts.get(row['forihostid'])
            for key in ('imac', 'imtu', 'vlan_id', 'aemode',
                        'txhashpolicy', 'schedpolicy', 'primary_reselect'):
                row.setdefault(key, None)
        return rows

    def get_interface(self, ident, db=None):
        """The interface ``ident`` (id or uuid) names.

        :raises NotFound:
        """
        if db is None:
            with self._reader() as db:
                return self.get_interface(ident, db)
        row = self._get_one(models.Interface, ident, _not_found(ident),
                            db=db)
        return self._decorate_interfaces(db, [row])[0]

    def find_interface(self, host_id, name_or_uuid):
        """The interface of a host named (or with the uuid)
        ``name_or_uuid``, or None."""
        with self._reader() as db:
            query = sa.select(I.c.id).where(
                I.c.forihostid == host_id,
                sa.or_(I.c.ifname == name_or_uuid,
                       I.c.uuid == name_or_uuid))
            found = db.execute(query).scalar()
            if found is None:
                return None
            return self.get_interface(found, db)

    def list_interfaces(self, host_id=None, page=None):
        """Interfaces (of one host) in page order, decorated."""
        filters = {'forihostid': host_id} if host_id is not None else None
        rows = self._get_list(models.Interface, filters, page)
        with self._reader() as db:
            return self._decorate_interfaces(db, rows)

    def list_host_ethernet_ports(self, host_id):
        """Ethernet ports of a host with the columns interface checks use
        (name, uuid, mac, mtu, interface_id, pciaddr, dev_id,
        sriov_totalvfs, driver, bootp)."""
        with self._reader() as db:
            rows = db.execute(sa.select(
                PORT.c.id, PORT.c.uuid, PORT.c.name, PORT.c.interface_id,
                PORT.c.pciaddr, PORT.c.dev_id, PORT.c.sriov_totalvfs,
                PORT.c.driver, EPORT.c.mac, EPORT.c.mtu, EPORT.c.bootp).join(
                    EPORT, EPORT.c.id == PORT.c.id).where(
                    PORT.c.host_id == host_id).order_by(PORT.c.id))
            return [dict(r) for r in rows.mappings()]

    # -- writing --------------------------------------------------------------
    def _set_links(self, db, interface_id, uses):
        db.execute(L.delete().where(L.c.used_by_id == interface_id))
        for lower in uses:
            db.execute(L.insert().values(used_by_id=interface_id,
                                         uses_id=lower))

    def _set_ports(self, db, interface_id, host_id, port_ids):
        db.execute(PORT.update().where(
            PORT.c.interface_id == interface_id,
            PORT.c.id.notin_(list(port_ids) or [-1])).values(
            interface_id=None))
        if port_ids:
            db.execute(PORT.update().where(
                PORT.c.host_id == host_id,
                PORT.c.id.in_(list(port_ids))).values(
                interface_id=interface_id))

    def _set_modes(self, db, interface_id, modes):
        for family, (mode, pool_id) in modes.items():
            db.execute(AM.delete().where(AM.c.interface_id == interface_id,
                                         AM.c.family == family))
            if mode:
                self._create(models.AddressMode, {
                    'family': family, 'mode': mode,
                    'interface_id': interface_id,
                    'address_pool_id': pool_id}, db=db)

    def create_interface(self, values, uses=(), port_ids=(), modes=None,
                         lower_mtu=None):
        """Insert an interface; returns it decorated.

        :param uses: ids of the lower interfaces.
        :param port_ids: ids of the ports it takes.
        :param modes: {family: (mode, pool_id)}.
        :param lower_mtu: an MTU to give every lower interface (AE).
        """
        model = SUBTYPES[values['iftype']]
        wanted = columns_of(values['iftype'])
        with self._writer() as db:
            row = self._create(model, {k: v for k, v in values.items()
                                       if k in wanted}, db=db)
            self._set_links(db, row['id'], uses)
            self._set_ports(db, row['id'], row['forihostid'], port_ids)
            self._set_modes(db, row['id'], modes or {})
            if lower_mtu is not None:
                self._set_mtu(db, uses, lower_mtu)
            return self.get_interface(row['id'], db)

    def _set_mtu(self, db, interface_ids, mtu):
        for interface_id in interface_ids:
            obj = db.get(models.Interface, interface_id)
            if obj is not None and hasattr(obj, 'imtu'):
                obj.imtu = mtu
        db.flush()

    def update_interface(self, interface_id, values, uses=None,
                         port_ids=None, modes=None, mtus=None,
                         upper_macs=None):
        """Change an interface (and, in the same transaction, the MTU of
        other interfaces: ``mtus`` {id: mtu}; the MAC of upper ones:
        ``upper_macs`` {id: mac}); returns it decorated."""
        with self._writer() as db:
            current = self._get_one(models.Interface, interface_id,
                                    _not_found(interface_id), db=db)
            wanted = columns_of(current['iftype'])
            changes = {k: v for k, v in values.items() if k in wanted}
            if changes:
                self._update_one(models.Interface, interface_id, changes,
                                 _not_found(interface_id), db=db)
            if uses is not None:
                self._set_links(db, interface_id, uses)
            if port_ids is not None:
                self._set_ports(db, interface_id, current['forihostid'],
                                port_ids)
            if modes:
                self._set_modes(db, interface_id, modes)
            for other, mtu in (mtus or {}).items():
                self._set_mtu(db, [other], mtu)
            for other, mac in (upper_macs or {}).items():
                obj = db.get(models.Interface, other)
                if obj is not None and hasattr(obj, 'imac'):
                    obj.imac = mac
            db.flush()
            return self.get_interface(interface_id, db)

    def destroy_interface(self, interface_id, mtus=None):
        """Delete an interface: its links, address modes and platform
        network assignments go, its addresses and ports are released;
        ``mtus`` {id: mtu} restores the MTU of former AE members."""
        with self._writer() as db:
            db.execute(L.delete().where(sa.or_(
                L.c.used_by_id == interface_id,
                L.c.uses_id == interface_id)))
            db.execute(AM.delete().where(AM.c.interface_id == interface_id))
            db.execute(IN.delete().where(IN.c.interface_id == interface_id))
            db.execute(A.update().where(A.c.interface_id == interface_id)
                       .values(interface_id=None))
            db.execute(PORT.update().where(
                PORT.c.interface_id == interface_id).values(
                interface_id=None))
            for other, mtu in (mtus or {}).items():
                self._set_mtu(db, [other], mtu)
            iftype = db.execute(sa.select(I.c.iftype).where(
                I.c.id == interface_id)).scalar()
            if iftype is None:
                raise _not_found(interface_id)()
            if iftype in SUBTYPES:
                sub = SUBTYPES[iftype].__table__
                db.execute(sub.delete().where(sub.c.id == interface_id))
            db.execute(I.delete().where(I.c.id == interface_id))

    # -- interface_networks ---------------------------------------------------
    def _interface_network_select(self):
        return sa.select(
            IN.c.id, IN.c.uuid, IN.c.interface_id, IN.c.network_id,
            IN.c.created_at, IN.c.updated_at,
            I.c.uuid.label('interface_uuid'), I.c.ifname,
            I.c.forihostid, N.c.uuid.label('network_uuid'),
            N.c.name.label('network_name'), N.c.type.label('network_type'),
        ).join(I, I.c.id == IN.c.interface_id).join(
            N, N.c.id == IN.c.network_id)

    def list_interface_networks(self, host_id=None, interface_id=None,
                                page=None):
        filters = {}
        query = self._interface_network_select()
        if host_id is not None:
            query = query.where(I.c.forihostid == host_id)
        if interface_id is not None:
            filters['interface_id'] = interface_id
        return self._get_list(models.InterfaceNetwork, filters, page,
                              query=query)

    def get_interface_network(self, ident):
        """:raises NotFound:"""
        from sysinv.conductor import refusals
        clause = base.identity_clause(IN, ident)
        with self._reader() as db:
            row = None
            if clause is not None:
                row = db.execute(self._interface_network_select().where(
                    clause)).mappings().first()
        if row is None:
            refusals.not_found('Interface network %s could not be found.'
                               % ident)
        return dict(row)

    def create_interface_network(self, values):
        with self._writer() as db:
            row = self._create(models.InterfaceNetwork, values, db=db)
        return self.get_interface_network(row['id'])

    def destroy_interface_network(self, ident, unbind_pool_ids=()):
        """Delete the assignment and unbind from the interface its
        addresses of the network's pools (they stay allocated)."""
        row = self.get_interface_network(ident)
        with self._writer() as db:
            if unbind_pool_ids:
                db.execute(A.update().where(
                    A.c.interface_id == row['interface_id'],
                    A.c.address_pool_id.in_(list(unbind_pool_ids))).values(
                    interface_id=None))
            db.execute(IN.delete().where(IN.c.id == row['id']))
        return row
