import sqlalchemy as sa

from stx_common.db import pagination

META = sa.MetaData()
T = sa.Table('t', META, sa.Column('id', sa.Integer, primary_key=True),
             sa.Column('sev', sa.String), sa.Column('name', sa.String))


def _engine():
    engine = sa.create_engine('sqlite://')
    META.create_all(engine)
    rows = [{'id': i, 'sev': 'abc'[i % 3], 'name': 'n%02d' % (20 - i)}
            for i in range(1, 21)]
    with engine.begin() as conn:
        conn.execute(T.insert(), rows)
    return engine


def _walk(engine, sort, limit):
    seen, marker = [], None
    with engine.connect() as conn:
        while True:
            page = conn.execute(pagination.paginate(
                sa.select(T), sort, marker, limit)).mappings().all()
            seen += [r['id'] for r in page]
            if len(page) < limit:
                return seen
            marker = page[-1]


def test_pages_cover_every_row_once_in_order():
    engine = _engine()
    sort = [(T.c.sev, 'asc'), (T.c.name, 'desc'), (T.c.id, 'asc')]
    with engine.connect() as conn:
        expected = [r.id for r in conn.execute(
            sa.select(T).order_by(T.c.sev, T.c.name.desc(), T.c.id))]
    for limit in (1, 3, 7, 20, 50):
        assert _walk(engine, sort, limit) == expected


def test_descending_id():
    engine = _engine()
    assert _walk(engine, [(T.c.id, 'desc')], 6) == list(range(20, 0, -1))
