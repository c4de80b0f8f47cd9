"""The event log (alarm history and customer logs): ``/v1/event_log``."""
from __future__ import annotations

from fm.client import query
from fm.client.v1 import base


class EventLogManager(base.Manager):
    path = '/v1/event_log'

    def list(self, q: list[query.QueryItem] | None = None,
             limit: int | None = None, marker: str | None = None,
             alarms: bool = False, logs: bool = False,
             include_suppress: bool = False, expand: bool = False,
             sort_key: str | None = None, sort_dir: str | None = None,
             follow: bool | None = None) -> list[base.Record]:
        """Event log records, newest first.

        ``alarms`` keeps alarm set/clear records only, ``logs`` customer
        logs only; both or neither keep everything.

        :param follow: fetch every page (follow ``next`` links); by
            default only when no ``limit`` is given.
        """
        params = base.page_params(q, limit, marker, sort_key, sort_dir)
        if include_suppress:
            params.append(('include_suppress', base.flag(True)))
        if expand:
            params.append(('expand', base.flag(True)))
        if alarms and not logs:
            params.append(('alarms', base.flag(True)))
        elif logs and not alarms:
            params.append(('logs', base.flag(True)))
        if follow is None:
            follow = limit is None
        return self._list(self.path, 'event_log', params, follow)

    def get(self, uuid: str) -> base.Record:
        return self.api.get('%s/%s' % (self.path, uuid))
