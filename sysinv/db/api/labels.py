"""DB calls of host labels (``label``: unique (host, key)).

A label dict carries ``host_uuid``.
"""
import sqlalchemy as sa

from sysinv.db import models
from sysinv.db.api import base

LB = models.Label.__table__
H = models.Host.__table__

SORT_KEYS = ('id', 'uuid', 'label_key', 'created_at')


def _select():
    return sa.select(LB, H.c.uuid.label('host_uuid')).join(
        H, H.c.id == LB.c.host_id)


class LabelMixin:

    def list_labels(self, host_id=None, page=None):
        filters = {'host_id': host_id} if host_id is not None else None
        return self._get_list(models.Label, filters, page, query=_select())

    def get_label(self, ident):
        """:raises NotFound:"""
        from sysinv.conductor import refusals
        clause = base.identity_clause(LB, ident)
        row = None
        if clause is not None:
            with self._reader() as db:
                row = db.execute(_select().where(clause)).mappings().first()
        if row is None:
            refusals.not_found('Host label %s could not be found.' % ident)
        return dict(row)

    def find_labels(self, host_id, keys):
        """{key: label} of a host's labels among ``keys``."""
        with self._reader() as db:
            rows = db.execute(_select().where(
                LB.c.host_id == host_id,
                LB.c.label_key.in_(list(keys)))).mappings()
            return {r['label_key']: dict(r) for r in rows}

    def write_labels(self, host_id, labels):
        """Create or overwrite ``labels`` {key: value} of a host in one
        transaction; returns the rows in key order of ``labels``."""
        with self._writer() as db:
            ids = []
            for key, value in labels.items():
                found = db.execute(sa.select(LB.c.id).where(
                    LB.c.host_id == host_id, LB.c.label_key == key)).scalar()
                if found is None:
                    found = self._create(models.Label, {
                        'host_id': host_id, 'label_key': key,
                        'label_value': value}, db=db)['id']
                else:
                    db.execute(LB.update().where(LB.c.id == found).values(
                        label_value=value))
                ids.append(found)
            rows = {r['id']: dict(r) for r in db.execute(_select().where(
                LB.c.id.in_(ids))).mappings()}
            return [rows[i] for i in ids]

    def destroy_label(self, ident):
        label = self.get_label(ident)
        with self._writer() as db:
            db.execute(LB.delete().where(LB.c.id == label['id']))
        return label
