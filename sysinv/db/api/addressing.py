"""DB calls of the network resources: networks, address pools (with
their ranges and reserved addresses), network_addresspools and
addresses.

A pool dict carries its columns plus ``ranges`` ([[start, end], ...]) and
the reserved addresses ``floating_address``, ``controller0_address``,
``controller1_address`` and ``gateway_address``. A network dict carries
``pool_uuid`` (its primary pool). An address dict carries
``interface_uuid``, ``ifname``, ``forihostid`` and ``pool_uuid``.
"""
import sqlalchemy as sa

from sysinv import exception
from sysinv.db import models
from sysinv.db.api import base

N = models.Network.__table__
P = models.AddressPool.__table__
R = models.AddressPoolRange.__table__
A = models.Address.__table__
NP = models.NetworkAddressPool.__table__
I = models.Interface.__table__  # noqa: E741 - the interfaces table
IN = models.InterfaceNetwork.__table__

RESERVED_KINDS = ('floating', 'controller0', 'controller1', 'gateway')
POOL_SORT_KEYS = ('id', 'uuid', 'name', 'network', 'created_at')
NETWORK_SORT_KEYS = ('id', 'uuid', 'name', 'type', 'created_at')
ADDRESS_SORT_KEYS = ('id', 'uuid', 'address', 'name', 'created_at')


def _missing(message):
    from sysinv.conductor import refusals
    return refusals.not_found_error(message)


def _network_select():
    return sa.select(N, P.c.uuid.label('pool_uuid')).join(
        P, P.c.id == N.c.address_pool_id, isouter=True)


def _address_select():
    return sa.select(
        A, I.c.uuid.label('interface_uuid'), I.c.ifname,
        I.c.forihostid, P.c.uuid.label('pool_uuid')).join(
        I, I.c.id == A.c.interface_id, isouter=True).join(
        P, P.c.id == A.c.address_pool_id, isouter=True)


def _networkpool_select():
    return sa.select(
        NP, N.c.uuid.label('network_uuid'), N.c.name.label('network_name'),
        N.c.type.label('network_type'),
        P.c.uuid.label('address_pool_uuid'),
        P.c.name.label('address_pool_name'),
        P.c.family.label('address_pool_family')).join(
        N, N.c.id == NP.c.network_id).join(
        P, P.c.id == NP.c.address_pool_id)


class AddressingMixin:

    # -- address pools --------------------------------------------------------
    def _decorate_pools(self, db, pools):
        if not pools:
            return pools
        ids = [p['id'] for p in pools]
        ranges = {i: [] for i in ids}
        for pool_id, start, end in db.execute(sa.select(
                R.c.address_pool_id, R.c.start, R.c.end).where(
                R.c.address_pool_id.in_(ids)).order_by(R.c.id)):
            ranges[pool_id].append([start, end])
        wanted = {p['%s_address_id' % k] for p in pools
                  for k in RESERVED_KINDS} - {None}
        addresses = dict(db.execute(sa.select(A.c.id, A.c.address).where(
            A.c.id.in_(list(wanted) or [-1]))).all())
        for pool in pools:
            pool['ranges'] = ranges[pool['id']]
            for kind in RESERVED_KINDS:
                pool['%s_address' % kind] = addresses.get(
                    pool['%s_address_id' % kind])
        return pools

    def get_pool(self, ident, db=None):
        """A pool (id, uuid or name) with ranges and reserved addresses.

        :raises AddressPoolNotFound:
        """
        if db is None:
            with self._reader() as db:
                return self.get_pool(ident, db)
        clause = base.identity_clause(P, ident, 'name')
        row = None
        if clause is not None:
            row = db.execute(sa.select(P).where(clause)).mappings().first()
        if row is None:
            raise exception.AddressPoolNotFound(pool=ident)
        return self._decorate_pools(db, [dict(row)])[0]

    def find_pool_by_name(self, name):
        with self._reader() as db:
            row = db.execute(sa.select(P).where(P.c.name == name)
                             ).mappings().first()
            return self._decorate_pools(db, [dict(row)])[0] if row else None

    def list_pools(self, page=None):
        rows = self._get_list(models.AddressPool, None, page)
        with self._reader() as db:
            return self._decorate_pools(db, rows)

    def _write_reserved(self, db, pool, reserved):
        """Create or re-point the pool's reserved addresses.

        :param reserved: {kind: address text or None (drop)}.
        """
        refs = {}
        for kind, address in reserved.items():
            column = '%s_address_id' % kind
            if not address:
                refs[column] = None
                continue
            row = db.execute(sa.select(A.c.id).where(
                A.c.address == address, A.c.family == pool['family'])
            ).scalar()
            if row is None:
                row = self._create(models.Address, {
                    'family': pool['family'], 'address': address,
                    'prefix': pool['prefix'],
                    'address_pool_id': pool['id']}, db=db)['id']
            else:
                db.execute(A.update().where(A.c.id == row).values(
                    address_pool_id=pool['id'], prefix=pool['prefix']))
            refs[column] = row
        if refs:
            db.execute(P.update().where(P.c.id == pool['id']).values(**refs))

    def create_pool(self, values, ranges, reserved):
        """Insert a pool with its ranges and reserved addresses."""
        with self._writer() as db:
            pool = self._create(models.AddressPool, values, db=db)
            for start, end in ranges:
                self._create(models.AddressPoolRange, {
                    'start': start, 'end': end,
                    'address_pool_id': pool['id']}, db=db)
            self._write_reserved(db, pool, reserved)
            return self.get_pool(pool['id'], db)

    def update_pool(self, pool_id, values, ranges=None, reserved=None):
        with self._writer() as db:
            if values:
                db.execute(P.update().where(P.c.id == pool_id).values(
                    **values))
            pool = dict(db.execute(sa.select(P).where(P.c.id == pool_id)
                                   ).mappings().first())
            if ranges is not None:
                db.execute(R.delete().where(R.c.address_pool_id == pool_id))
                for start, end in ranges:
                    self._create(models.AddressPoolRange, {
                        'start': start, 'end': end,
                        'address_pool_id': pool_id}, db=db)
            if reserved:
                self._write_reserved(db, pool, reserved)
            return self.get_pool(pool_id, db)

    def destroy_pool(self, pool_id):
        """Delete a pool, its ranges and its addresses."""
        with self._writer() as db:
            db.execute(P.update().where(P.c.id == pool_id).values(
                **{'%s_address_id' % k: None for k in RESERVED_KINDS}))
            db.execute(A.delete().where(A.c.address_pool_id == pool_id))
            db.execute(R.delete().where(R.c.address_pool_id == pool_id))
            db.execute(NP.delete().where(NP.c.address_pool_id == pool_id))
            db.execute(P.delete().where(P.c.id == pool_id))

    # -- networks -------------------------------------------------------------
    def get_network(self, ident):
        """:raises NotFound:"""
        clause = base.identity_clause(N, ident)
        with self._reader() as db:
            row = None
            if clause is not None:
                row = db.execute(_network_select().where(clause)
                                 ).mappings().first()
        if row is None:
            raise _missing('Network %s could not be found.' % ident)()
        return dict(row)

    def list_network_details(self, page=None, filters=None):
        return self._get_list(models.Network, filters, page,
                              query=_network_select())

    def create_network_with_addresses(self, values, pool_id, addresses):
        """Insert a network bound to its primary pool and write its
        reserved addresses.

        :param addresses: [{'name', 'address', 'kind' or None}] where
            kind names the pool's reference to update.
        """
        with self._writer() as db:
            network = self._create(models.Network, dict(
                values, address_pool_id=pool_id), db=db)
            self._create(models.NetworkAddressPool, {
                'network_id': network['id'], 'address_pool_id': pool_id},
                db=db)
            self._write_named(db, pool_id, addresses)
            return network

    def _write_named(self, db, pool_id, addresses):
        pool = dict(db.execute(sa.select(P).where(P.c.id == pool_id)
                               ).mappings().first())
        refs = {}
        for spec in addresses:
            existing = db.execute(sa.select(A.c.id).where(
                A.c.address == spec['address'],
                A.c.family == pool['family'])).scalar()
            if existing is None:
                existing = self._create(models.Address, {
                    'family': pool['family'], 'address': spec['address'],
                    'prefix': pool['prefix'], 'name': spec['name'],
                    'address_pool_id': pool_id}, db=db)['id']
            else:
                db.execute(A.update().where(A.c.id == existing).values(
                    name=spec['name'], address_pool_id=pool_id))
            if spec.get('kind'):
                refs['%s_address_id' % spec['kind']] = existing
        if refs:
            db.execute(P.update().where(P.c.id == pool_id).values(**refs))

    def destroy_network(self, network_id, network_type):
        """Delete a network, its pool bindings and interface assignments;
        the reserved addresses named ``*-<type>`` of its pools go too."""
        with self._writer() as db:
            pool_ids = [r for r in db.execute(sa.select(
                NP.c.address_pool_id).where(
                NP.c.network_id == network_id)).scalars()]
            db.execute(IN.delete().where(IN.c.network_id == network_id))
            db.execute(NP.delete().where(NP.c.network_id == network_id))
            self._drop_named(db, pool_ids, network_type)
            db.execute(N.delete().where(N.c.id == network_id))

    def _drop_named(self, db, pool_ids, network_type):
        if not pool_ids:
            return
        doomed = [r for r in db.execute(sa.select(A.c.id).where(
            A.c.address_pool_id.in_(pool_ids),
            A.c.name.like('%-' + network_type))).scalars()]
        if not doomed:
            return
        for kind in RESERVED_KINDS:
            column = P.c['%s_address_id' % kind]
            db.execute(P.update().where(column.in_(doomed)).values(
                **{column.key: None}))
        db.execute(A.delete().where(A.c.id.in_(doomed)))

    # -- network_addresspools -------------------------------------------------
    def list_network_addresspools(self, network_id=None, page=None):
        filters = {'network_id': network_id} if network_id else None
        return self._get_list(models.NetworkAddressPool, filters, page,
                              query=_networkpool_select())

    def get_network_addresspool(self, ident):
        """:raises NotFound:"""
        clause = base.identity_clause(NP, ident)
        with self._reader() as db:
            row = None
            if clause is not None:
                row = db.execute(_networkpool_select().where(clause)
                                 ).mappings().first()
        if row is None:
            raise _missing('Network address pool %s could not be found.'
                           % ident)()
        return dict(row)

    def create_network_addresspool(self, network_id, pool_id, addresses):
        with self._writer() as db:
            row = self._create(models.NetworkAddressPool, {
                'network_id': network_id, 'address_pool_id': pool_id},
                db=db)
            self._write_named(db, pool_id, addresses)
        return self.get_network_addresspool(row['id'])

    def destroy_network_addresspool(self, ident, network_type):
        row = self.get_network_addresspool(ident)
        with self._writer() as db:
            db.execute(NP.delete().where(NP.c.id == row['id']))
            self._drop_named(db, [row['address_pool_id']], network_type)
        return row

    # -- addresses ------------------------------------------------------------
    def get_address(self, ident):
        """:raises AddressNotFound:"""
        clause = base.identity_clause(A, ident)
        with self._reader() as db:
            row = None
            if clause is not None:
                row = db.execute(_address_select().where(clause)
                                 ).mappings().first()
        if row is None:
            raise exception.AddressNotFound(address=ident)
        return dict(row)

    def list_address_details(self, page=None, filters=None, host=None):
        """Addresses in page order; ``host`` (a host dict) keeps those on
        its interfaces or named ``<hostname>-<type>``."""
        query = _address_select()
        if host is not None:
            named = A.c.name.like('%s-%%' % host['hostname']) if \
                host.get('hostname') else sa.false()
            query = query.where(sa.or_(I.c.forihostid == host['id'],
                                       named))
        return self._get_list(models.Address, filters, page, query=query)

    def list_pool_addresses(self, pool_id):
        """Every address of a pool (allocated or reserved)."""
        with self._reader() as db:
            return [dict(r) for r in db.execute(sa.select(A).where(
                A.c.address_pool_id == pool_id)).mappings()]

    def create_address(self, values):
        return self._create(models.Address, values)

    def update_address(self, address_id, values):
        return self._update_one(models.Address, address_id, values,
                                _missing('Address %s could not be found.'
                                         % address_id))

    def destroy_addresses(self, address_ids):
        with self._writer() as db:
            for kind in RESERVED_KINDS:
                column = P.c['%s_address_id' % kind]
                db.execute(P.update().where(column.in_(
                    list(address_ids))).values(**{column.key: None}))
            db.execute(A.delete().where(A.c.id.in_(list(address_ids))))
