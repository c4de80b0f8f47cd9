"""Keeping the event_suppression table in line with the catalogue.

At start-up fm-manager lists every Alarm of the catalogue as a
suppressible id (new ones unsuppressed), refreshes descriptions and the
management/degrade thresholds, and retires ids the catalogue no longer has
(kept, unsuppressed and flagged, while alarms or history still use them).
"""
from oslo_log import log

from fm import catalog

LOG = log.getLogger(__name__)


def entries(catalogue):
    return [{'alarm_id': entry.alarm_id,
             'description': catalog.suppression_description(entry),
             'mgmt_affecting': entry.mgmt_affecting_severity or 'none',
             'degrade_affecting': entry.degrade_affecting_severity or 'none'}
            for entry in catalogue.alarms()]


def sync(dbapi, catalogue):
    added, updated, flagged, removed = dbapi.sync_event_suppression(
        entries(catalogue))
    LOG.info('Event suppression synced with the catalogue: %d added, %d '
             'updated, %d retired, %d removed', added, updated, flagged,
             removed)
    return added, updated, flagged, removed
