"""Generic helpers every DB API mixin builds on.

A resource mixin (``hosts.py``, ``system.py``, ...) calls these with its
model: ``_get_one`` / ``_get_list`` / ``_get_count`` to read (plain dicts
out), ``_create`` / ``_update_one`` / ``_destroy_one`` to write. They
open their own transaction; a mixin that needs several statements in one
transaction uses ``with self._writer() as db:`` and passes ``db=db``.

Identity: ``ident`` may be an integer id (int or digit string), a uuid,
or, when the model names one, a name column value (hosts: hostname), as
StarlingX's ``add_identity_filter`` accepts.
"""
from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa
from sqlalchemy import orm

from stx_common import exception
from stx_common.db import pagination, session


def is_int_like(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, str) and value.isdigit()


def identity_clause(table, ident, name_column=None):
    """WHERE clause selecting ``ident`` in ``table``; None if it cannot
    name a row (then nothing matches)."""
    if is_int_like(ident):
        return table.c.id == int(ident)
    if isinstance(ident, str) and uuidutils.is_uuid_like(ident):
        return table.c.uuid == ident
    if name_column is not None and isinstance(ident, str):
        return table.c[name_column] == ident
    return None


def is_polymorphic(model):
    return sa.inspect(model).polymorphic_on is not None


def as_dict(obj):
    """Every mapped column of an ORM object (subtype columns included)."""
    mapper = sa.inspect(obj).mapper
    return {attr.key: getattr(obj, attr.key) for attr in mapper.column_attrs}


def entity(model):
    """What to select for ``model``: its table, or every subtype of a
    polymorphic model."""
    if is_polymorphic(model):
        return orm.with_polymorphic(model, '*')
    return model.__table__


def _where(table, filters):
    clauses = []
    for name, value in (filters or {}).items():
        column = table.c[name]
        if isinstance(value, list | tuple | set | frozenset):
            clauses.append(column.in_(list(value)))
        elif value is None:
            clauses.append(column.is_(None))
        else:
            clauses.append(column == value)
    return clauses


def sort_spec(table, page, default=(('id', 'asc'),)):
    """[(column, direction)] for a page request (see parse_page)."""
    if page is None or page.sort_key is None:
        direction = page.sort_dir if page is not None else None
        spec = [(table.c[key], direction or d) for key, d in default]
    else:
        spec = [(table.c[page.sort_key], page.sort_dir)]
    if spec[-1][0] is not table.c.id:
        spec.append((table.c.id, spec[-1][1]))
    return spec


class BaseConnection(session.ContextManagerOwner):
    """The session owner; resource mixins add their calls on top."""

    # -- reading --------------------------------------------------------------
    def _rows(self, db, model, query):
        result = db.execute(query)
        if is_polymorphic(model):
            return [as_dict(obj) for obj in result.scalars()]
        return [dict(row) for row in result.mappings()]

    def _select(self, model, filters=None):
        table = model.__table__
        return sa.select(entity(model)).where(*_where(table, filters))

    def _get_one(self, model, ident, not_found, name_column=None,
                 db=None, **not_found_kwargs):
        """The row ``ident`` names, as a dict.

        :param not_found: exception class raised (with
            ``not_found_kwargs``) when no row matches.
        """
        table = model.__table__
        clause = identity_clause(table, ident, name_column)
        if clause is None:
            raise not_found(**not_found_kwargs)
        query = sa.select(entity(model)).where(clause)
        if db is None:
            with self._reader() as db:
                rows = self._rows(db, model, query)
        else:
            rows = self._rows(db, model, query)
        if not rows:
            raise not_found(**not_found_kwargs)
        return rows[0]

    def _find_one(self, model, filters, db=None):
        """The first row matching ``filters`` (equality), or None."""
        query = self._select(model, filters).order_by(
            model.__table__.c.id).limit(1)
        if db is None:
            with self._reader() as db:
                rows = self._rows(db, model, query)
        else:
            rows = self._rows(db, model, query)
        return rows[0] if rows else None

    def _marker_row(self, db, table, marker):
        row = db.execute(sa.select(table).where(
            table.c.uuid == marker)).mappings().first()
        if row is None:
            raise exception.Invalid(
                reason='marker %s does not name an item of this list'
                % marker)
        return row

    def _get_list(self, model, filters=None, page=None,
                  default_sort=(('id', 'asc'),), query=None):
        """Rows matching ``filters`` in page order, as dicts.

        :param filters: {column: value | [values] | None} equalities.
        :param page: a :class:`stx_common.api.collection.Page` or None.
        :param query: a select to start from (default: the model's).
        """
        table = model.__table__
        query = self._select(model, filters) if query is None else \
            query.where(*_where(table, filters))
        with self._reader() as db:
            marker = None
            if page is not None and page.marker:
                marker = self._marker_row(db, table, page.marker)
            query = pagination.paginate(
                query, sort_spec(table, page, default_sort), marker,
                page.limit if page is not None else None)
            return self._rows(db, model, query)

    def _get_count(self, model, filters=None):
        table = model.__table__
        with self._reader() as db:
            return db.execute(sa.select(sa.func.count()).select_from(
                table).where(*_where(table, filters))).scalar()

    # -- writing --------------------------------------------------------------
    def _create(self, model, values, db=None, duplicate=None):
        """Insert one row; returns it as a dict.

        :param duplicate: exception raised (with the oslo.db error's
            columns as ``columns``) on a unique violation; default: the
            oslo.db error itself (409 at the API).
        """
        obj = model(**values)
        try:
            if db is None:
                with self._writer() as db:
                    db.add(obj)
                    db.flush()
                    return as_dict(obj)
            db.add(obj)
            db.flush()
            return as_dict(obj)
        except db_exc.DBDuplicateEntry as exc:
            if duplicate is None:
                raise
            raise duplicate(columns=', '.join(exc.columns or ())) from exc

    def _update_one(self, model, ident, values, not_found, name_column=None,
                    db=None, **not_found_kwargs):
        """Change ``values`` of the row ``ident`` names; returns it."""
        if db is None:
            with self._writer() as db:
                return self._update_in(db, model, ident, values, not_found,
                                       name_column, not_found_kwargs)
        return self._update_in(db, model, ident, values, not_found,
                               name_column, not_found_kwargs)

    def _update_in(self, db, model, ident, values, not_found, name_column,
                   not_found_kwargs):
        if is_polymorphic(model):
            current = self._get_one(model, ident, not_found, name_column,
                                    db=db, **not_found_kwargs)
            obj = db.get(model, current['id'])
            for key, value in values.items():
                setattr(obj, key, value)
            db.flush()
            return as_dict(obj)
        table = model.__table__
        clause = identity_clause(table, ident, name_column)
        if clause is None:
            raise not_found(**not_found_kwargs)
        if values:
            result = db.execute(table.update().where(clause).values(
                **values))
            if result.rowcount == 0:
                raise not_found(**not_found_kwargs)
        return self._get_one(model, ident, not_found, name_column, db=db,
                             **not_found_kwargs)

    def _destroy_one(self, model, ident, not_found, name_column=None,
                     **not_found_kwargs):
        """Delete the row ``ident`` names (children go by cascade)."""
        table = model.__table__
        clause = identity_clause(table, ident, name_column)
        if clause is None:
            raise not_found(**not_found_kwargs)
        with self._writer() as db:
            if is_polymorphic(model):
                ids = db.execute(sa.select(table.c.id).where(
                    clause)).scalars().all()
                for row_id in ids:
                    db.delete(db.get(model, row_id))
                deleted = len(ids)
            else:
                deleted = db.execute(table.delete().where(clause)).rowcount
        if not deleted:
            raise not_found(**not_found_kwargs)
