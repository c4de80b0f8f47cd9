"""DB calls of networks, address pools and addresses (the reads the host
flows need; the network resources' own calls live here too)."""
import netaddr
import sqlalchemy as sa

from sysinv import exception
from sysinv.common import constants
from sysinv.db import models

N = models.Network.__table__
P = models.AddressPool.__table__
R = models.AddressPoolRange.__table__
A = models.Address.__table__


class NetworkMixin:

    def get_network_by_type(self, network_type):
        """The network of ``network_type`` (unique), or None."""
        return self._find_one(models.Network, {'type': network_type})

    def list_networks(self, page=None):
        return self._get_list(models.Network, None, page)

    def get_address_pool(self, ident):
        """The pool ``ident`` (id, uuid or name) names.

        :raises AddressPoolNotFound:
        """
        return self._get_one(models.AddressPool, ident,
                             exception.AddressPoolNotFound, 'name',
                             pool=ident)

    def list_address_pool_ranges(self, pool_id):
        """[[start, end], ...] of a pool, in insertion order."""
        with self._reader() as db:
            return [[r.start, r.end] for r in db.execute(
                sa.select(R.c.start, R.c.end).where(
                    R.c.address_pool_id == pool_id).order_by(R.c.id))]

    def get_address_by_name(self, name):
        """The first address named ``name`` (IPv4 first), or None."""
        with self._reader() as db:
            row = db.execute(sa.select(A).where(A.c.name == name).order_by(
                A.c.family, A.c.id)).mappings().first()
        return dict(row) if row else None

    def list_addresses(self, filters=None, page=None):
        return self._get_list(models.Address, filters, page)

    # -- a host's own addresses -----------------------------------------------
    def allocate_host_address(self, hostname, network_type):
        """The address named ``<hostname>-<type>``; allocated from the
        network's pool (lowest free address of its ranges) when missing.

        :returns: the address dict, or None when the network does not
            exist or does not allocate addresses (not dynamic).
        :raises AddressPoolExhausted:
        """
        name = '%s-%s' % (hostname, network_type)
        with self._writer() as db:
            row = db.execute(sa.select(A).where(A.c.name == name).order_by(
                A.c.family, A.c.id)).mappings().first()
            if row is not None:
                return dict(row)
            network = db.execute(sa.select(N).where(
                N.c.type == network_type)).mappings().first()
            if network is None or not network['dynamic'] or \
                    network['address_pool_id'] is None:
                return None
            pool = db.execute(sa.select(P).where(
                P.c.id == network['address_pool_id'])).mappings().first()
            used = set(db.execute(sa.select(A.c.address).where(
                A.c.address_pool_id == pool['id'])).scalars())
            ranges = db.execute(sa.select(R.c.start, R.c.end).where(
                R.c.address_pool_id == pool['id']).order_by(R.c.id)).all()
            for start, end in ranges:
                for address in netaddr.iter_iprange(start, end):
                    if str(address) not in used:
                        return self._create(models.Address, {
                            'family': pool['family'],
                            'address': str(address),
                            'prefix': pool['prefix'], 'name': name,
                            'address_pool_id': pool['id']}, db=db)
            raise exception.AddressPoolExhausted(pool=pool['name'])

    def release_host_addresses(self, hostname):
        """Delete the addresses named ``<hostname>-<network type>`` that
        no pool reserves (a controller's reserved ones stay)."""
        names = ['%s-%s' % (hostname, t) for t in constants.NETWORK_TYPES]
        reserved = sa.union(*[sa.select(P.c[column]).where(
            P.c[column].is_not(None)) for column in (
            'controller0_address_id', 'controller1_address_id',
            'floating_address_id', 'gateway_address_id')])
        with self._writer() as db:
            return db.execute(A.delete().where(
                A.c.name.in_(names), A.c.id.not_in(reserved))).rowcount
