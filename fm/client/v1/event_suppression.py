"""Which alarm ids are suppressed: ``/v1/event_suppression``."""
from __future__ import annotations

from fm.client import query
from fm.client.v1 import base

SUPPRESSED = 'suppressed'
UNSUPPRESSED = 'unsuppressed'
STATUSES = (SUPPRESSED, UNSUPPRESSED)


def status_patch(status: str) -> list[dict[str, str]]:
    """The JSON-Patch setting ``suppression_status``."""
    if status not in STATUSES:
        raise ValueError('suppression status must be one of %s'
                         % ', '.join(STATUSES))
    return [{'path': '/suppression_status', 'value': status,
             'op': 'replace'}]


class EventSuppressionManager(base.Manager):
    path = '/v1/event_suppression'

    def list(self, q: list[query.QueryItem] | None = None,
             limit: int | None = None, marker: str | None = None,
             sort_key: str | None = None, sort_dir: str | None = None,
             follow: bool | None = None) -> list[base.Record]:
        """Suppression records (one per catalogue alarm id)."""
        params = base.page_params(q, limit, marker, sort_key, sort_dir)
        if follow is None:
            follow = limit is None
        return self._list(self.path, 'event_suppression', params, follow)

    def get(self, uuid: str) -> base.Record:
        return self.api.get('%s/%s' % (self.path, uuid))

    def update(self, uuid: str,
               patch: list[dict[str, str]]) -> base.Record:
        """PATCH one record with a JSON-Patch document."""
        return self.api.patch('%s/%s' % (self.path, uuid), patch)

    def set_status(self, uuid: str, status: str) -> base.Record:
        return self.update(uuid, status_patch(status))
