"""Checking faults against the alarm catalogue before they are queued.

The catalogue belongs to FM; FM registers its checker under the entry point
group ``flock.alarm_catalogue`` (a callable taking a Fault and raising
InvalidFault). When no checker is installed, faults are still checked
against the closed enumerations here and fm-manager checks the catalogue
when it stores them.
"""
import functools
from importlib import metadata

from oslo_log import log

LOG = log.getLogger(__name__)
GROUP = 'flock.alarm_catalogue'


@functools.lru_cache(maxsize=1)
def checkers():
    found = []
    for entry in metadata.entry_points(group=GROUP):
        try:
            found.append(entry.load())
        except Exception:  # noqa: BLE001 - a broken plugin must not stop us
            LOG.exception('Cannot load alarm catalogue checker %s', entry)
    return tuple(found)


def check(fault):
    """Raise InvalidFault if a catalogue refuses ``fault``."""
    fault.validate()
    for checker in checkers():
        checker(fault)
