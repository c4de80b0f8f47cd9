"""Keyset pagination of SQLAlchemy Core selects.

``paginate(select, sort, marker_row, limit)`` orders by ``sort`` (a list of
(column, 'asc'|'desc'), ending with a unique column) and continues after
the marker row, the way ``marker``/``limit`` work in StarlingX's APIs.
"""
import sqlalchemy as sa


def _after(sort, marker):
    """WHERE clause for rows strictly after ``marker`` in ``sort`` order."""
    clauses = []
    for index, (column, direction) in enumerate(sort):
        equal = [c == marker[c.key] for c, _ in sort[:index]]
        value = marker[column.key]
        beyond = column > value if direction == 'asc' else column < value
        clauses.append(sa.and_(*equal, beyond))
    return sa.or_(*clauses)


def paginate(query, sort, marker=None, limit=None):
    """Apply order, marker and limit to ``query``.

    :param sort: [(column, 'asc'|'desc'), ...]; the last column unique.
    :param marker: mapping of the marker row's values by column key.
    """
    order = [c.asc() if d == 'asc' else c.desc() for c, d in sort]
    query = query.order_by(*order)
    if marker is not None:
        query = query.where(_after(sort, marker))
    if limit is not None:
        query = query.limit(limit)
    return query
