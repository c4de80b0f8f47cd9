"""AlarmClient: raise, clear and log FM events without blocking.

Every call validates its input at once (unknown alarm id, a severity the
catalogue does not allow, a missing field: :class:`InvalidFault`), then
writes the event to the local spool and returns. A publisher thread sends
spooled events in order, in batches, to the durable alarm queue and deletes
them from the spool once the broker confirms them. While the broker is
away the events wait in the spool; they are sent when it returns.
"""
import os
import sys
import threading
import uuid as uuidlib

from oslo_config import cfg
from oslo_log import log

from stx_common.alarms import catalogue, channel, spool
from stx_common.contracts import alarm as contract

CONF = cfg.CONF
LOG = log.getLogger(__name__)

BATCH = 500


class AlarmClient:
    """One per process (see :func:`stx_common.alarms.get_client`)."""

    def __init__(self, name=None, spool_dir=None, conf=CONF):
        self.conf = conf
        self.name = name or os.path.basename(sys.argv[0] or 'flock')
        directory = (spool_dir or conf.alarms.spool_dir or
                     os.path.join(conf.state_path, 'alarm-spool'))
        self._spool = spool.open_own(directory, self.name)
        self._orphans = spool.adopt_orphans(directory, self._spool.path)
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._stop = threading.Event()
        self._connection = None
        self._producer = None
        self.published = 0
        self._thread = threading.Thread(target=self._run,
                                        name='alarm-publisher', daemon=True)
        self._thread.start()
        self._wake.set()

    # -- the public calls -------------------------------------------------
    def set_fault(self, fault):
        """Raise (or update) an alarm; returns its uuid at once."""
        if fault.alarm_state != 'set':
            raise contract.InvalidFault(reason="set_fault needs alarm_state "
                                        "'set'")
        return self._enqueue(contract.ACTION_SET, fault)

    def log_event(self, fault):
        """Record a customer log (event log only); returns its uuid."""
        if fault.alarm_state not in ('msg', 'log'):
            raise contract.InvalidFault(reason="log_event needs alarm_state "
                                        "'msg'")
        return self._enqueue(contract.ACTION_LOG, fault)

    def clear_fault(self, alarm_id, entity_instance_id):
        """Clear ``alarm_id`` on the entity and on its children."""
        event = contract.AlarmEvent(
            contract.ACTION_CLEAR, alarm_id=alarm_id,
            entity_instance_id=entity_instance_id or '').validate()
        self._put(event)

    def clear_all(self, entity_instance_id):
        """Clear every alarm of the entity and of its children."""
        event = contract.AlarmEvent(
            contract.ACTION_CLEAR_ALL,
            entity_instance_id=entity_instance_id).validate()
        self._put(event)

    def pending(self):
        """Events raised but not yet confirmed by the broker."""
        return len(self._spool) + sum(len(s) for s in self._orphans)

    def flush(self, timeout=10.0):
        """Wait until every event is confirmed; True if it happened."""
        self._idle.clear()
        self._wake.set()
        if self.pending() == 0:
            return True
        self._idle.wait(timeout)
        return self.pending() == 0

    def close(self, flush_timeout=2.0):
        if flush_timeout:
            self.flush(flush_timeout)
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=10)
        self._disconnect()
        self._spool.close(remove_if_empty=True)
        for orphan in self._orphans:
            orphan.close(remove_if_empty=True)

    # -- internals --------------------------------------------------------
    def _enqueue(self, action, fault):
        if not fault.uuid or len(fault.uuid) != 36:
            fault.uuid = str(uuidlib.uuid4())
        if fault.timestamp is None:
            fault.timestamp = contract.utcnow()
        catalogue.check(fault)
        self._put(contract.AlarmEvent(action, fault=fault,
                                      event_uuid=fault.uuid))
        return fault.uuid

    def _put(self, event):
        self._spool.put(event.to_dict())
        self._wake.set()

    def _disconnect(self):
        if self._connection is not None:
            try:
                self._connection.release()
            except Exception:  # noqa: BLE001 - already broken
                pass
        self._connection = self._producer = None

    def _publish(self, documents):
        if self._producer is None:
            self._connection = channel.connect(self.conf, confirm=True)
            self._connection.ensure_connection(max_retries=1)
            channel.declare(self._connection, self.conf)
            self._producer = self._connection.Producer(
                exchange=channel.exchange(self.conf),
                routing_key=self.conf.alarms.queue)
        # The spool holds each event as JSON text already: the batch body
        # is assembled from it rather than decoded and encoded again.
        body = '{"version": "%s", "events": [%s]}' % (
            contract.VERSION, ','.join(documents))
        self._producer.publish(body, content_type='application/json',
                               content_encoding='utf-8', delivery_mode=2,
                               retry=False)
        self.published += len(documents)

    def _drain(self, source):
        """Send ``source``'s events; True when it is empty."""
        rows = source.peek_raw(BATCH)
        if not rows:
            return True
        self._publish([text for _, text in rows])
        source.delete_through(rows[-1][0])
        return False

    def _run(self):
        while not self._stop.is_set():
            self._wake.wait(1.0)
            self._wake.clear()
            try:
                for orphan in list(self._orphans):
                    while not self._drain(orphan):
                        pass
                    self._orphans.remove(orphan)
                    orphan.close(remove_if_empty=True)
                while not self._drain(self._spool):
                    pass
                self._idle.set()
            except Exception as exc:  # noqa: BLE001 - broker away: retry
                LOG.warning('Alarm events wait in the spool (%d): %s',
                            self.pending(), exc)
                self._disconnect()
                self._stop.wait(self.conf.alarms.retry_interval)
                self._wake.set()
