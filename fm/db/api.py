"""FM's database API: the only code that opens sessions on FM's database.

Reads return plain dicts. Writes follow what :mod:`fm.rules` decides:
``store_events`` applies a batch of alarm events in one transaction and
recognises events it has already stored (redelivery is harmless).
"""
import sqlalchemy as sa

from fm import exception, rules
from fm.db import models
from stx_common.contracts import alarm as contract
from stx_common.db import pagination, session

A = models.Alarm.__table__
E = models.EventLog.__table__
S = models.EventSuppression.__table__
P = models.ProcessedEvent.__table__

# Query operators honoured, and the fields with how each one matches
# (StarlingX: substring mostly).
QUERY_OPS = ('eq', 'ne')
ALARM_FIELDS = {
    'uuid': (A.c.uuid, 'contains'),
    'alarm_id': (A.c.alarm_id, 'contains'),
    'entity_type_id': (A.c.entity_type_id, 'contains'),
    'entity_instance_id': (A.c.entity_instance_id, 'contains'),
    'severity': (A.c.severity, 'contains'),
    'alarm_type': (A.c.alarm_type, 'contains'),
}
EVENT_LOG_FIELDS = {
    'uuid': (E.c.uuid, 'exact'),
    'event_log_type': (E.c.event_log_type, 'exact'),
    'event_log_id': (E.c.event_log_id, 'contains'),
    'entity_type_id': (E.c.entity_type_id, 'contains'),
    'entity_instance_id': (E.c.entity_instance_id, 'contains'),
    'severity': (E.c.severity, 'contains'),
    'state': (E.c.state, 'exact'),
}
SUPPRESSION_FIELDS = {
    'uuid': (S.c.uuid, 'exact'),
    'alarm_id': (S.c.alarm_id, 'exact'),
    'suppression_status': (S.c.suppression_status, 'exact'),
}
ALARM_SORT_KEYS = ('id', 'uuid', 'alarm_id', 'entity_instance_id',
                   'entity_type_id', 'severity', 'timestamp', 'alarm_type')
EVENT_LOG_SORT_KEYS = ('id', 'uuid', 'event_log_id', 'entity_instance_id',
                       'severity', 'timestamp', 'state')
SUPPRESSION_SORT_KEYS = ('id', 'uuid', 'alarm_id', 'suppression_status')

_ALARM_EXTRA = (sa.func.coalesce(S.c.suppression_status,
                                 rules.UNSUPPRESSED
                                 ).label('suppression_status'),
                sa.func.coalesce(S.c.mgmt_affecting, 'none'
                                 ).label('mgmt_affecting_threshold'),
                sa.func.coalesce(S.c.degrade_affecting, 'none'
                                 ).label('degrade_affecting_threshold'))


def _match(column, mode, op, value):
    if mode == 'contains':
        clause = column.contains(value, autoescape=True)
    else:
        clause = column == value
    return sa.not_(clause) if op == 'ne' else clause


def _filtered(query, filters, fields):
    for item in filters:
        column, mode = fields[item.field]
        query = query.where(_match(column, mode, item.op, item.value))
    return query


def _sort(table, page, default):
    """Sort spec: the requested key (then id), or the default order."""
    if page.sort_key is None:
        return [(table.c[k], d) for k, d in default]
    return [(table.c[page.sort_key], page.sort_dir),
            (table.c.id, page.sort_dir)]


def _rows(result):
    return [dict(row) for row in result.mappings()]


class Connection(session.ContextManagerOwner):
    """FM's database, through its own enginefacade context."""

    # -- alarms -----------------------------------------------------------
    def _alarm_select(self, include_suppress):
        query = sa.select(A, *_ALARM_EXTRA).select_from(
            A.outerjoin(S, S.c.alarm_id == A.c.alarm_id)
        ).where(A.c.masked == sa.false())
        if not include_suppress:
            query = query.where(sa.or_(
                S.c.suppression_status.is_(None),
                S.c.suppression_status != rules.SUPPRESSED))
        return query

    def _marker(self, session, table, uuid, not_found):
        row = session.execute(sa.select(table).where(
            table.c.uuid == uuid)).mappings().first()
        if row is None:
            raise not_found(uuid=uuid)
        return row

    def list_alarms(self, filters=(), include_suppress=False, page=None):
        """Visible alarms, StarlingX's default order unless sorted.

        :param filters: QueryFilter-like items on :data:`ALARM_FIELDS`.
        :param page: a :class:`stx_common.api.collection.Page`.
        """
        default = [('severity', 'asc'), ('entity_instance_id', 'asc'),
                   ('alarm_id', 'asc'), ('id', 'asc')]
        with self._reader() as db:
            query = _filtered(self._alarm_select(include_suppress), filters,
                              ALARM_FIELDS)
            marker = None
            if page is not None and page.marker:
                marker = self._marker(db, A, page.marker,
                                      exception.AlarmNotFound)
            sort = (_sort(A, page, default) if page is not None
                    else [(A.c[k], d) for k, d in default])
            query = pagination.paginate(query, sort, marker,
                                        page.limit if page else None)
            return _rows(db.execute(query))

    def get_alarm(self, uuid):
        """One visible alarm (a masked one is not found, as StarlingX)."""
        with self._reader() as db:
            query = self._alarm_select(True).where(A.c.uuid == uuid)
            row = db.execute(query).mappings().first()
        if row is None:
            raise exception.AlarmNotFound(uuid=uuid)
        return dict(row)

    def alarm_severities(self, include_suppress=False):
        """{severity: count} of visible alarms (for the summary)."""
        with self._reader() as db:
            base = self._alarm_select(include_suppress).subquery()
            query = sa.select(base.c.severity, sa.func.count()).group_by(
                base.c.severity)
            return dict(db.execute(query).all())

    def find_alarm(self, alarm_id, entity_instance_id):
        with self._reader() as db:
            row = db.execute(sa.select(A).where(
                A.c.alarm_id == alarm_id,
                A.c.entity_instance_id == entity_instance_id
            )).mappings().first()
        return dict(row) if row else None

    def list_alarms_of(self, entity_instance_id=None, alarm_id=None):
        """Alarms of an entity subtree and/or of an id (unfiltered)."""
        with self._reader() as db:
            query = sa.select(A)
            if entity_instance_id:
                query = query.where(self._covered(entity_instance_id))
            if alarm_id:
                query = query.where(A.c.alarm_id == alarm_id)
            return _rows(db.execute(query.order_by(A.c.id)))

    # -- writing alarm events ---------------------------------------------
    @staticmethod
    def _covered(entity, column=A.c.entity_instance_id):
        return sa.or_(column == entity,
                      column.like(rules.children_pattern(entity),
                                  escape='\\'))

    def store_events(self, events, log_max=None, seen_max=None):
        """Apply a batch of AlarmEvents in order, in one transaction.

        Events already stored (a redelivered batch) are skipped. Runs of
        plain raises are written in bulk; anything else first flushes what
        is buffered, so the order of events is kept.

        :returns: how many events changed something.
        """
        applied = 0
        now = contract.utcnow()
        with self._writer() as db:
            seen = self._already_stored(db, [e.event_uuid for e in events])
            fresh = []
            for event in events:
                if event.event_uuid not in seen:
                    seen.add(event.event_uuid)
                    fresh.append(event)
            batch = _Batch(db, now)
            for index, event in enumerate(fresh):
                if event.action == 'set' and not event.fault.inhibit_alarms:
                    batch.look_up(fresh[index:])
                    applied += self._buffer_set(batch, event.fault)
                    continue
                batch.flush()
                if getattr(self, '_on_' + event.action)(batch, event):
                    applied += 1
                batch.forget()
            batch.flush()
            if fresh:
                db.execute(P.insert(), [{'uuid': e.event_uuid,
                                         'created_at': now} for e in fresh])
            if batch.history:
                db.execute(E.insert(), batch.history)
            if log_max:
                self._prune(db, E, log_max)
            if seen_max:
                self._prune(db, P, seen_max)
        return applied

    @staticmethod
    def _already_stored(db, uuids):
        found = set()
        for start in range(0, len(uuids), 500):
            chunk = uuids[start:start + 500]
            found.update(db.execute(sa.select(P.c.uuid).where(
                P.c.uuid.in_(chunk))).scalars())
        return found

    @staticmethod
    def _buffer_set(batch, fault):
        """A raise without inhibition, written at the next flush."""
        key = (fault.alarm_id, fault.entity_instance_id)
        values = rules.alarm_values(fault)
        if fault.suppression and batch.inhibited(fault.entity_instance_id,
                                                 fault.uuid):
            values['masked'] = True
        if batch.exists(key):
            if fault.keep_existing_alarm:
                return 0
            batch.update(key, values)
        else:
            batch.insert(key, values)
        batch.record(values, rules.STATE_SET, fault.uuid)
        return 1

    def _on_set(self, batch, event):
        """A raise with inhibition: stored at once, then masks."""
        db, fault = batch.db, event.fault
        values = rules.alarm_values(fault)
        existing = db.execute(sa.select(A.c.id).where(
            A.c.alarm_id == fault.alarm_id,
            A.c.entity_instance_id == fault.entity_instance_id)).first()
        if existing is not None:
            if fault.keep_existing_alarm:
                return False
            values['updated_at'] = batch.now
            db.execute(A.update().where(A.c.id == existing.id)
                       .values(**values))
        else:
            values['created_at'] = batch.now
            db.execute(A.insert().values(**values))
        if fault.inhibit_alarms:
            batch.inhibitors()[fault.uuid] = fault.entity_instance_id
            self._mask(db, fault.entity_instance_id, fault.uuid)
        elif fault.suppression and batch.inhibited(fault.entity_instance_id,
                                                   fault.uuid):
            db.execute(A.update().where(A.c.uuid == fault.uuid)
                       .values(masked=True))
        batch.record(values, rules.STATE_SET, fault.uuid)
        return True

    def _mask(self, db, entity, inhibitor_uuid):
        db.execute(A.update().where(
            self._covered(entity), A.c.suppression == sa.true(),
            A.c.uuid != inhibitor_uuid).values(masked=True))

    def _remove(self, batch, rows, record=True):
        """Delete alarm rows; unmask what only they inhibited."""
        if not rows:
            return
        db = batch.db
        inhibitors = batch.inhibitors()   # before the rows are gone
        if record:
            for row in rows:
                batch.record(row, rules.STATE_CLEAR, models.new_uuid(),
                             timestamp=batch.now)
        db.execute(A.delete().where(A.c.id.in_([r['id'] for r in rows])))
        released = [r for r in rows if r['uuid'] in inhibitors]
        for row in released:
            del inhibitors[row['uuid']]
        for row in released:
            masked = db.execute(sa.select(A.c.id, A.c.entity_instance_id)
                                .where(self._covered(
                                    row['entity_instance_id']),
                                    A.c.masked == sa.true())).all()
            free = [cid for cid, entity in masked
                    if not batch.inhibited(entity, None)]
            if free:
                db.execute(A.update().where(A.c.id.in_(free))
                           .values(masked=False))

    def _on_clear(self, batch, event):
        entity = event.entity_instance_id
        query = sa.select(A).where(A.c.alarm_id == event.alarm_id)
        if entity.strip():
            query = query.where(self._covered(entity))
        else:
            query = query.where(A.c.entity_instance_id.in_(['', ' ']))
        rows = _rows(batch.db.execute(query))
        self._remove(batch, rows)
        return bool(rows)

    def _on_clear_all(self, batch, event):
        rows = _rows(batch.db.execute(sa.select(A).where(
            self._covered(event.entity_instance_id))))
        self._remove(batch, rows, record=False)
        return bool(rows)

    def _on_log(self, batch, event):
        batch.history.append(dict(rules.log_values(event.fault),
                                  created_at=batch.now))
        return True

    @staticmethod
    def _prune(db, table, keep):
        """Keep the newest ``keep`` rows of ``table`` (by id)."""
        boundary = db.execute(sa.select(table.c.id)
                              .order_by(table.c.id.desc())
                              .offset(keep).limit(1)).scalar()
        if boundary is not None:
            db.execute(table.delete().where(table.c.id <= boundary))

    def delete_alarm(self, uuid, log_max=None):
        """Operator delete: remove the alarm, record a clear."""
        with self._writer() as db:
            row = db.execute(sa.select(A).where(A.c.uuid == uuid)
                             ).mappings().first()
            if row is None:
                raise exception.AlarmNotFound(uuid=uuid)
            batch = _Batch(db, contract.utcnow())
            self._remove(batch, [dict(row)])
            db.execute(E.insert(), batch.history)
            if log_max:
                self._prune(db, E, log_max)
        return dict(row)

    def create_alarm(self, fault, log_max=None):
        """REST POST of a ``set``: insert only, never replace."""
        with self._writer() as db:
            if db.execute(sa.select(A.c.id).where(
                    A.c.alarm_id == fault.alarm_id,
                    A.c.entity_instance_id == fault.entity_instance_id
            )).first() is not None:
                raise exception.AlarmAlreadyExists(
                    alarm_id=fault.alarm_id,
                    entity_instance_id=fault.entity_instance_id)
            batch = _Batch(db, contract.utcnow())
            self._on_set(batch, contract.AlarmEvent('set', fault=fault))
            db.execute(E.insert(), batch.history)
            if log_max:
                self._prune(db, E, log_max)
        return fault.uuid

    def store_log(self, fault, log_max=None):
        """REST POST of a customer log."""
        with self._writer() as db:
            db.execute(E.insert().values(created_at=contract.utcnow(),
                                         **rules.log_values(fault)))
            if log_max:
                self._prune(db, E, log_max)
        return fault.uuid

    def update_alarm(self, uuid, values):
        """REST PUT: change an alarm's fields in place."""
        with self._writer() as db:
            result = db.execute(A.update().where(A.c.uuid == uuid).values(
                updated_at=contract.utcnow(), **values))
            if result.rowcount == 0:
                raise exception.AlarmNotFound(uuid=uuid)
        return self.get_alarm(uuid)

    # -- event log --------------------------------------------------------
    def list_event_log(self, filters=(), start=None, end=None,
                       event_type=rules.EVENTS_ALL, include_suppress=False,
                       page=None):
        default = [('timestamp', 'desc'), ('id', 'desc')]
        with self._reader() as db:
            query = self._event_select(include_suppress)
            query = _filtered(query, filters, EVENT_LOG_FIELDS)
            if start is not None:
                query = query.where(E.c.timestamp >= start)
            if end is not None:
                query = query.where(E.c.timestamp <= end)
            if event_type == rules.EVENTS_ALARMS:
                query = query.where(E.c.state.in_([rules.STATE_SET,
                                                   rules.STATE_CLEAR]))
            elif event_type == rules.EVENTS_LOGS:
                query = query.where(E.c.state == rules.STATE_LOG)
            marker = None
            if page is not None and page.marker:
                marker = self._marker(db, E, page.marker,
                                      exception.EventLogNotFound)
            sort = (_sort(E, page, default) if page is not None
                    else [(E.c[k], d) for k, d in default])
            query = pagination.paginate(query, sort, marker,
                                        page.limit if page else None)
            return _rows(db.execute(query))

    @staticmethod
    def _event_select(include_suppress):
        status = sa.func.coalesce(S.c.suppression_status,
                                  rules.UNSUPPRESSED)
        query = sa.select(E, status.label('suppression_status')).select_from(
            E.outerjoin(S, S.c.alarm_id == E.c.event_log_id))
        if not include_suppress:
            query = query.where(sa.or_(
                S.c.suppression_status.is_(None),
                S.c.suppression_status != rules.SUPPRESSED))
        return query

    def get_event_log(self, uuid):
        with self._reader() as db:
            row = db.execute(self._event_select(True).where(
                E.c.uuid == uuid)).mappings().first()
        if row is None:
            raise exception.EventLogNotFound(uuid=uuid)
        return dict(row)

    def count_event_log(self):
        with self._reader() as db:
            return db.execute(sa.select(sa.func.count()).select_from(E)
                              ).scalar()

    # -- event suppression ------------------------------------------------
    def list_event_suppression(self, filters=(), page=None):
        with self._reader() as db:
            query = _filtered(sa.select(S), filters, SUPPRESSION_FIELDS)
            marker = None
            if page is not None and page.marker:
                marker = self._marker(db, S, page.marker,
                                      exception.EventSuppressionNotFound)
            default = [('alarm_id', 'asc'), ('id', 'asc')]
            sort = (_sort(S, page, default) if page is not None
                    else [(S.c[k], d) for k, d in default])
            query = pagination.paginate(query, sort, marker,
                                        page.limit if page else None)
            return _rows(db.execute(query))

    def get_event_suppression(self, uuid):
        with self._reader() as db:
            row = db.execute(sa.select(S).where(S.c.uuid == uuid)
                             ).mappings().first()
        if row is None:
            raise exception.EventSuppressionNotFound(uuid=uuid)
        return dict(row)

    def update_suppression_status(self, uuid, status):
        with self._writer() as db:
            result = db.execute(S.update().where(S.c.uuid == uuid).values(
                suppression_status=status, updated_at=contract.utcnow()))
            if result.rowcount == 0:
                raise exception.EventSuppressionNotFound(uuid=uuid)
        return self.get_event_suppression(uuid)

    def sync_event_suppression(self, entries):
        """Make the table list exactly the catalogue's alarm ids.

        :param entries: dicts of alarm_id, description, mgmt_affecting,
            degrade_affecting.
        :returns: (added, updated, flagged for deletion, removed) counts.
        """
        wanted = {e['alarm_id']: e for e in entries}
        added = updated = flagged = removed = 0
        now = contract.utcnow()
        with self._writer() as db:
            current = {r['alarm_id']: r for r in _rows(db.execute(
                sa.select(S)))}
            for alarm_id, entry in wanted.items():
                row = current.get(alarm_id)
                values = {k: entry[k] for k in ('description',
                                                'mgmt_affecting',
                                                'degrade_affecting')}
                if row is None:
                    db.execute(S.insert().values(
                        uuid=models.new_uuid(), alarm_id=alarm_id,
                        suppression_status=rules.UNSUPPRESSED,
                        set_for_deletion=False, created_at=now, **values))
                    added += 1
                elif any(row[k] != v for k, v in values.items()) or \
                        row['set_for_deletion']:
                    db.execute(S.update().where(S.c.id == row['id']).values(
                        set_for_deletion=False, updated_at=now, **values))
                    updated += 1
            for alarm_id, row in current.items():
                if alarm_id in wanted:
                    continue
                used = db.execute(sa.select(sa.func.count()).select_from(A)
                                  .where(A.c.alarm_id == alarm_id)).scalar() \
                    or db.execute(sa.select(sa.func.count()).select_from(E)
                                  .where(E.c.event_log_id == alarm_id)
                                  ).scalar()
                if used:
                    db.execute(S.update().where(S.c.id == row['id']).values(
                        suppression_status=rules.UNSUPPRESSED,
                        set_for_deletion=True, updated_at=now))
                    flagged += 1
                else:
                    db.execute(S.delete().where(S.c.id == row['id']))
                    removed += 1
        return added, updated, flagged, removed


class _Batch:
    """Working state of one write transaction: buffered raises, history
    rows to insert, and the active inhibiting alarms (loaded once, kept
    current)."""

    def __init__(self, db, now):
        self.db = db
        self.now = now
        self.history = []
        self._inhibitors = None
        self._exists = {}      # (alarm_id, entity) -> in the table?
        self._inserts = {}     # (alarm_id, entity) -> row to insert
        self._updates = {}     # (alarm_id, entity) -> new values

    def record(self, alarm, state, uuid, timestamp=None):
        self.history.append(dict(
            rules.history_values(alarm, state, uuid, timestamp),
            created_at=self.now))

    # -- buffered raises ------------------------------------------------
    def look_up(self, events):
        """Learn which keys of the coming raises are already stored."""
        keys = []
        for event in events:
            if event.action != 'set':
                break
            key = (event.fault.alarm_id, event.fault.entity_instance_id)
            if key not in self._exists:
                keys.append(key)
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            found = set(self.db.execute(sa.select(
                A.c.alarm_id, A.c.entity_instance_id).where(
                    sa.tuple_(A.c.alarm_id, A.c.entity_instance_id).in_(
                        chunk))).all())
            for key in chunk:
                self._exists[key] = tuple(key) in found

    def exists(self, key):
        return self._exists.get(key, False) or key in self._inserts

    def insert(self, key, values):
        self._inserts[key] = dict(values, created_at=self.now)

    def update(self, key, values):
        if key in self._inserts:
            self._inserts[key] = dict(values, created_at=self.now)
        else:
            self._updates[key] = dict(values, updated_at=self.now)

    def flush(self):
        if self._inserts:
            self.db.execute(A.insert(), list(self._inserts.values()))
            for key in self._inserts:
                self._exists[key] = True
        if self._updates:
            self.db.execute(_update_by_key(), [
                dict(values, k_alarm_id=key[0], k_entity=key[1])
                for key, values in self._updates.items()])
        self._inserts, self._updates = {}, {}

    def forget(self):
        """After a clear, what is stored must be read again."""
        self._exists = {}

    # -- inhibition -----------------------------------------------------
    def inhibitors(self):
        """{alarm uuid: entity} of alarms raised with inhibit_alarms."""
        if self._inhibitors is None:
            self._inhibitors = dict(self.db.execute(
                sa.select(A.c.uuid, A.c.entity_instance_id).where(
                    A.c.inhibit_alarms == sa.true())).all())
        return self._inhibitors

    def inhibited(self, entity, own_uuid):
        return any(rules.entity_covers(parent, entity)
                   for uuid, parent in self.inhibitors().items()
                   if uuid != own_uuid)


_UPDATED_COLUMNS = ('uuid', 'alarm_state', 'entity_type_id', 'timestamp',
                    'severity', 'reason_text', 'alarm_type',
                    'probable_cause', 'proposed_repair_action',
                    'service_affecting', 'suppression', 'inhibit_alarms',
                    'masked', 'updated_at')


def _update_by_key():
    """UPDATE of one alarm by (alarm_id, entity), for executemany."""
    return A.update().where(
        A.c.alarm_id == sa.bindparam('k_alarm_id'),
        A.c.entity_instance_id == sa.bindparam('k_entity')).values(
            {c: sa.bindparam(c) for c in _UPDATED_COLUMNS})
