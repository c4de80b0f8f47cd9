"""Active alarms: ``/v1/alarms``."""
from __future__ import annotations

from fm.client import query
from fm.client.v1 import base


class AlarmManager(base.Manager):
    path = '/v1/alarms'

    def list(self, q: list[query.QueryItem] | None = None,
             limit: int | None = None, marker: str | None = None,
             sort_key: str | None = None, sort_dir: str | None = None,
             include_suppress: bool = False, expand: bool = False,
             follow: bool | None = None) -> list[base.Record]:
        """Active alarms matching ``q``.

        :param follow: fetch every page (follow ``next`` links); by
            default only when no ``limit`` is given.
        """
        params = base.page_params(q, limit, marker, sort_key, sort_dir)
        if include_suppress:
            params.append(('include_suppress', base.flag(True)))
        if expand:
            params.append(('expand', base.flag(True)))
        if follow is None:
            follow = limit is None
        return self._list(self.path, 'alarms', params, follow)

    def get(self, uuid: str) -> base.Record:
        return self.api.get('%s/%s' % (self.path, uuid))

    def delete(self, uuid: str) -> None:
        self.api.delete('%s/%s' % (self.path, uuid))

    def summary(self, include_suppress: bool = False) -> base.Record:
        """``{critical, major, minor, warnings, status}``."""
        return self.api.get(self.path + '/summary', [
            ('include_suppress', base.flag(include_suppress))])
