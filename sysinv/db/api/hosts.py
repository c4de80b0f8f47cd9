"""DB calls of hosts (``i_host``).

A host dict carries every column plus ``mgmt_ip`` (the address named
``<hostname>-mgmt``; StarlingX does not store it on the host) and
``isystem_uuid``.
"""
from oslo_db import exception as db_exc
import sqlalchemy as sa

from sysinv import exception
from sysinv.common import constants
from sysinv.db import models
from sysinv.db.api import base

H = models.Host.__table__
A = models.Address.__table__
S = models.System.__table__

SORT_KEYS = ('id', 'uuid', 'hostname', 'personality', 'administrative',
             'operational', 'availability', 'created_at')


def _host_select():
    mgmt_ip = sa.select(A.c.address).where(
        A.c.name == H.c.hostname + ('-' + constants.NETWORK_TYPE_MGMT)
    ).order_by(A.c.family).limit(1).scalar_subquery()
    system_uuid = sa.select(S.c.uuid).where(
        S.c.id == H.c.forisystemid).scalar_subquery()
    return sa.select(H, mgmt_ip.label('mgmt_ip'),
                     system_uuid.label('isystem_uuid'))


class HostMixin:
    """Hosts: read by id, uuid, hostname or MAC; create, update, delete."""

    def get_host(self, ident, db=None):
        """The host ``ident`` (id, uuid or hostname) names.

        :raises HostNotFound:
        """
        return self._host(ident, db)

    def _host(self, ident, db=None):
        clause = base.identity_clause(H, ident, 'hostname')
        if clause is None:
            raise exception.HostNotFound(host=ident)
        query = _host_select().where(clause)
        if db is None:
            with self._reader() as db:
                row = db.execute(query).mappings().first()
        else:
            row = db.execute(query).mappings().first()
        if row is None:
            raise exception.HostNotFound(host=ident)
        return dict(row)

    def get_host_by_mac(self, mac):
        """The host whose ``mgmt_mac`` is ``mac`` (normalized), or None."""
        with self._reader() as db:
            row = db.execute(_host_select().where(
                H.c.mgmt_mac == mac)).mappings().first()
        return dict(row) if row else None

    def get_host_by_macs(self, macs):
        """The first host whose ``mgmt_mac`` is one of ``macs``, or None
        (the agent finds its host this way)."""
        if not macs:
            return None
        with self._reader() as db:
            row = db.execute(_host_select().where(
                H.c.mgmt_mac.in_(list(macs))).order_by(H.c.id)
            ).mappings().first()
        return dict(row) if row else None

    def list_hosts(self, personality=None, page=None, filters=None):
        """Hosts in page order (default: by id).

        :param personality: only hosts of this personality.
        :param filters: further {column: value} equalities.
        """
        filters = dict(filters or {})
        if personality is not None:
            filters['personality'] = personality
        return self._get_list(models.Host, filters, page,
                              query=_host_select())

    def count_hosts(self, personality=None):
        filters = {'personality': personality} if personality else None
        return self._get_count(models.Host, filters)

    def create_host(self, values):
        """Insert a host; returns it.

        :raises HostAlreadyExists: duplicate hostname or MAC.
        """
        with self._writer() as db:
            created = self._create(
                models.Host, values, db=db,
                duplicate=lambda columns: exception.HostAlreadyExists(
                    host=values.get('hostname') or values.get('mgmt_mac')))
            return self._host(created['id'], db)

    def update_host(self, ident, values):
        """Change ``values`` of a host; returns it.

        :raises HostNotFound:, HostAlreadyExists:
        """
        values = dict(values)
        for computed in ('mgmt_ip', 'isystem_uuid'):
            values.pop(computed, None)
        try:
            with self._writer() as db:
                self._update_one(models.Host, ident, values,
                                 exception.HostNotFound, 'hostname', db=db,
                                 host=ident)
                return self._host(ident, db)
        except db_exc.DBDuplicateEntry as exc:
            raise exception.HostAlreadyExists(
                host=values.get('hostname') or ident) from exc

    def destroy_host(self, ident):
        """Delete a host and everything it owns.

        :raises HostNotFound:
        """
        self._destroy_one(models.Host, ident, exception.HostNotFound,
                          'hostname', host=ident)
