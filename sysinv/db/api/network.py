"""DB calls of networks, address pools and addresses (the reads the host
flows need; the network resources' own calls live here too)."""
import sqlalchemy as sa

from sysinv import exception
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
        """:raises AddressPoolNotFound:"""
        return self._get_one(models.AddressPool, ident,
                             exception.AddressPoolNotFound, pool=ident)

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
