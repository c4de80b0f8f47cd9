"""The agent's inventory report: every category in one dict, fingerprints,
and the delta sent on periodic audits.

``collect()`` returns::

    {'schema_version': 1,
     'collected_at': <epoch seconds, float>,
     'host': {...host facts...},
     'inodes': [...], 'icpus': [...], 'imemorys': [...],
     'idisks': [...], 'partitions': [...],
     'ports': [...], 'pci_devices': [...],
     'fingerprints': {<category>: <sha256 hex>, ...},
     'errors': {<category>: <message>, ...}}

A category whose probe fails is left out (and named in ``errors``), so
that a receiver never mistakes "could not read" for "has none". The agent
sends the whole report once, then on each audit :func:`delta` against the
last report it sent: only the categories whose fingerprint changed.
"""
from collections.abc import Callable
import hashlib
import json
import time
from typing import Any

from sysinv.agent.inventory import cpu, disk, host, memory, network

SCHEMA_VERSION = 1
CATEGORIES = ('host', 'inodes', 'icpus', 'imemorys', 'idisks',
              'partitions', 'ports', 'pci_devices')
# Fields that change on every read and mean nothing on their own: left out
# of fingerprints so that they do not make every audit a delta (the agent
# reports free memory again when it moved far enough).
VOLATILE = {'host': ('uptime',), 'imemorys': ('memavail_mib',)}
META = ('schema_version', 'collected_at', 'fingerprints', 'errors')


def fingerprint(category: str, records: Any) -> str:
    """A stable digest of one category's records (sha256 hex of their
    canonical JSON, volatile fields left out)."""
    volatile = VOLATILE.get(category, ())
    if volatile and isinstance(records, dict):
        records = {k: v for k, v in records.items() if k not in volatile}
    elif volatile and isinstance(records, list):
        records = [{k: v for k, v in r.items() if k not in volatile}
                   if isinstance(r, dict) else r for r in records]
    text = json.dumps(records, sort_keys=True, separators=(',', ':'),
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def fingerprints(report: dict[str, Any]) -> dict[str, str]:
    """Fingerprint of every category present in ``report``."""
    return {name: fingerprint(name, report[name])
            for name in CATEGORIES if name in report}


def _probes(root: str, include_virtual: bool
            ) -> list[tuple[tuple[str, ...], Callable[[], Any]]]:
    return [
        (('host',), lambda: host.facts(root, include_virtual)),
        (('inodes',), lambda: cpu.inodes(root)),
        (('icpus',), lambda: cpu.icpus(root)),
        (('imemorys',), lambda: memory.imemorys(root)),
        (('idisks', 'partitions'), lambda: disk.scan(root)),
        (('ports',), lambda: network.ports(root, include_virtual)),
        (('pci_devices',), lambda: network.pci_devices(root)),
    ]


def collect(root: str = '/', include_virtual: bool = False
            ) -> dict[str, Any]:
    """Read every category of this machine's inventory under ``root``.

    ``include_virtual`` also reports NICs without hardware (veths): see
    :mod:`sysinv.agent.inventory.network`.
    """
    report: dict[str, Any] = {'schema_version': SCHEMA_VERSION,
                              'collected_at': time.time()}
    errors: dict[str, str] = {}
    for names, probe in _probes(root, include_virtual):
        try:
            value = probe()
        except Exception as exc:   # one bad probe must not hide the rest
            for name in names:
                errors[name] = '%s: %s' % (type(exc).__name__, exc)
            continue
        values = value if len(names) > 1 else (value,)
        for name, item in zip(names, values, strict=True):
            report[name] = item
    report['fingerprints'] = fingerprints(report)
    report['errors'] = errors
    return report


def changed(previous: dict[str, Any] | None, current: dict[str, Any]
            ) -> list[str]:
    """Categories of ``current`` that differ from ``previous`` (all of
    them when there is no previous report or its schema differs)."""
    now = current.get('fingerprints') or fingerprints(current)
    if (not previous or
            previous.get('schema_version') != current.get('schema_version')):
        return [name for name in CATEGORIES if name in now]
    before = previous.get('fingerprints') or fingerprints(previous)
    return [name for name in CATEGORIES
            if name in now and now[name] != before.get(name)]


def delta(previous: dict[str, Any] | None, current: dict[str, Any]
          ) -> dict[str, Any]:
    """What to send after ``previous``: ``schema_version``,
    ``collected_at``, the changed categories with their full records, and
    their fingerprints. With nothing changed, only the two first keys."""
    names = changed(previous, current)
    now = current.get('fingerprints') or fingerprints(current)
    result: dict[str, Any] = {
        'schema_version': current.get('schema_version', SCHEMA_VERSION),
        'collected_at': current.get('collected_at')}
    for name in names:
        result[name] = current[name]
    if names:
        result['fingerprints'] = {name: now[name] for name in names}
    return result
