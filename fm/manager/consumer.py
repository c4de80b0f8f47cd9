"""The consumer of the durable alarm queue.

Messages (batches of alarm events, see :mod:`stx_common.contracts.alarm`)
are taken a few at a time, stored in one database transaction and only
then acknowledged, so neither a broker restart, a database restart nor a
crash of fm-manager loses an event: unacknowledged messages come back and
already-stored events are recognised and skipped. Events the catalogue
refuses are logged with the reason and dropped.
"""
import threading
import time

from oslo_db import exception as db_exc
from oslo_log import log

from fm.conf import CONF
from stx_common import db
from stx_common.alarms import channel
from stx_common.contracts import alarm as contract

LOG = log.getLogger(__name__)

PREFETCH = 16


class AlarmConsumer:
    """Start/stop part of fm-manager that drains ``fm.alarms``."""

    def __init__(self, dbapi, catalogue, conf=CONF):
        self.dbapi = dbapi
        self.catalogue = catalogue
        self.conf = conf
        self._stop = threading.Event()
        self._thread = None
        self._pending = []   # (message, events) not yet stored
        self.stored = 0
        self.refused = 0
        self.connected = threading.Event()

    def start(self):
        self._thread = threading.Thread(target=self._run,
                                        name='alarm-consumer', daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()

    def wait(self):
        if self._thread is not None:
            self._thread.join(timeout=30)

    # -- message handling -------------------------------------------------
    def _accept(self, event):
        """Validate one event; None when it must be dropped."""
        try:
            event.validate()
            if event.fault is not None:
                self.catalogue.check(event.fault)
        except contract.InvalidFault as exc:
            self.refused += 1
            LOG.error('Alarm event %s refused: %s', event.event_uuid, exc)
            return None
        return event

    def _on_message(self, body, message):
        try:
            events = contract.events_of(body)
        except (contract.InvalidFault, TypeError, ValueError) as exc:
            LOG.error('Unreadable alarm message dropped: %s', exc)
            message.ack()
            return
        accepted = [e for e in map(self._accept, events) if e is not None]
        self._pending.append((message, accepted))

    def _pending_events(self):
        return sum(len(events) for _, events in self._pending)

    def _store_pending(self):
        """Store every pending event (retrying while the DB is away), then
        acknowledge their messages."""
        events = [e for _, batch in self._pending for e in batch]
        while not self._stop.is_set():
            try:
                self.dbapi.store_events(
                    events, log_max=self.conf.event_log_max_size,
                    seen_max=max(100000, 10 * len(events)))
                break
            except (*db.UNAVAILABLE, db_exc.DBError) as exc:
                LOG.warning('Cannot store %d alarm events yet: %s',
                            len(events), exc)
                time.sleep(self.conf.fm.db_retry_interval)
        else:
            return  # stopping: unacked messages return to the queue
        for message, _ in self._pending:
            message.ack()
        self.stored += len(events)
        self._pending = []

    # -- the loop -----------------------------------------------------------
    def _consume(self, connection):
        queue = channel.declare(connection, self.conf)
        with connection.Consumer(queue, callbacks=[self._on_message],
                                 accept=['json'],
                                 prefetch_count=PREFETCH):
            self.connected.set()
            LOG.info('Consuming alarm events from %s', queue.name)
            linger = self.conf.fm.consume_linger
            while not self._stop.is_set():
                try:
                    connection.drain_events(timeout=linger if self._pending
                                            else 1.0)
                except TimeoutError:
                    pass
                if self._pending and (
                        self._pending_events() >= self.conf.fm.consume_batch
                        or len(self._pending) >= PREFETCH or
                        not self._more_waiting(connection)):
                    self._store_pending()

    @staticmethod
    def _more_waiting(connection):
        """Whether a message is already buffered by the client."""
        try:
            connection.drain_events(timeout=0)
            return True
        except TimeoutError:
            return False

    def _run(self):
        while not self._stop.is_set():
            connection = channel.connect(self.conf)
            try:
                connection.ensure_connection(max_retries=1)
                self._consume(connection)
            except Exception as exc:  # noqa: BLE001 - reconnect on anything
                self.connected.clear()
                self._pending = []   # their messages will be redelivered
                LOG.warning('Alarm queue unavailable (%s); reconnecting',
                            exc)
                self._stop.wait(1.0)
            finally:
                try:
                    connection.release()
                except Exception:  # noqa: BLE001
                    pass
