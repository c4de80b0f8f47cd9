"""DB calls of the runtime configuration: the DNS and NTP rows by
identity, service parameters, and hosts' config_target/config_applied.

A DNS/NTP dict carries ``isystem_uuid``.
"""
import sqlalchemy as sa

from sysinv.db import models
from sysinv.db.api import base

S = models.System.__table__
D = models.DNS.__table__
T = models.NTP.__table__
SP = models.ServiceParameter.__table__
H = models.Host.__table__

SERVICE_PARAMETER_SORT_KEYS = ('id', 'uuid', 'service', 'section', 'name')
# StarlingX lists parameters by section, then name.
SERVICE_PARAMETER_ORDER = (('section', 'asc'), ('name', 'asc'))


def _missing(message):
    from sysinv.conductor import refusals
    return refusals.not_found_error(message)


def _with_system(table):
    return sa.select(table, S.c.uuid.label('isystem_uuid')).join(
        S, S.c.id == table.c.forisystemid)


class ConfigMixin:

    # -- DNS / NTP ------------------------------------------------------------
    def _one_of(self, table, ident, what):
        clause = base.identity_clause(table, ident)
        row = None
        if clause is not None:
            with self._reader() as db:
                row = db.execute(_with_system(table).where(clause)
                                 ).mappings().first()
        if row is None:
            raise _missing('%s %s could not be found.' % (what, ident))()
        return dict(row)

    def _list_of(self, model, page):
        return self._get_list(model, None, page,
                              query=_with_system(model.__table__))

    def get_idns(self, ident):
        """:raises NotFound:"""
        return self._one_of(D, ident, 'DNS')

    def list_idns(self, page=None):
        return self._list_of(models.DNS, page)

    def update_idns(self, ident, values):
        with self._writer() as db:
            db.execute(D.update().where(base.identity_clause(D, ident))
                       .values(**values))
        return self.get_idns(ident)

    def get_intp(self, ident):
        """:raises NotFound:"""
        return self._one_of(T, ident, 'NTP')

    def list_intp(self, page=None):
        return self._list_of(models.NTP, page)

    def update_intp(self, ident, values):
        with self._writer() as db:
            db.execute(T.update().where(base.identity_clause(T, ident))
                       .values(**values))
        return self.get_intp(ident)

    # -- service parameters ---------------------------------------------------
    def list_service_parameters(self, filters=None, page=None):
        """Parameters matching ``filters`` ({column: value}), by section
        and name unless the page asks for another order."""
        return self._get_list(models.ServiceParameter, filters, page,
                              default_sort=SERVICE_PARAMETER_ORDER)

    def get_service_parameter(self, ident):
        """:raises NotFound:"""
        return self._get_one(models.ServiceParameter, ident, _missing(
            'Service parameter %s could not be found.' % ident))

    def find_service_parameter(self, service, section, name,
                               personality=None, resource=None):
        return self._find_one(models.ServiceParameter, {
            'service': service, 'section': section, 'name': name,
            'personality': personality, 'resource': resource})

    def create_service_parameters(self, rows):
        """Insert several parameters in one transaction."""
        with self._writer() as db:
            return [self._create(models.ServiceParameter, row, db=db)
                    for row in rows]

    def update_service_parameter(self, ident, values):
        return self._update_one(models.ServiceParameter, ident, values,
                                _missing('Service parameter %s could not '
                                         'be found.' % ident))

    def destroy_service_parameter(self, ident):
        self._destroy_one(models.ServiceParameter, ident, _missing(
            'Service parameter %s could not be found.' % ident))

    # -- hosts' configuration state -------------------------------------------
    def set_host_config(self, host_id, values):
        """Change only the config columns of a host (config_target,
        config_applied, config_status); returns nothing."""
        allowed = {'config_target', 'config_applied', 'config_status'}
        values = {k: v for k, v in values.items() if k in allowed}
        with self._writer() as db:
            db.execute(H.update().where(H.c.id == host_id).values(**values))
