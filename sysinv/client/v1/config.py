"""System-wide configuration: DNS, NTP, service parameters and host
labels."""
from __future__ import annotations

from typing import Any

from stx_common.client import exceptions as exc
from stx_common.client import query
from sysinv.client.v1 import base


class _OneRowManager(base.ResourceManager):
    what = ''

    def the_row(self) -> base.Record:
        rows = self.list()
        if not rows:
            raise exc.CommandError('No %s configuration exists yet'
                                   % self.what)
        return rows[0]


class DnsManager(_OneRowManager):
    collection = 'idns'
    key = 'idnss'
    what = 'DNS'


class NtpManager(_OneRowManager):
    collection = 'intp'
    key = 'intps'
    what = 'NTP'


class ServiceParameterManager(base.ResourceManager):
    collection = 'service_parameter'
    key = 'parameters'

    def list(self, q: list[query.QueryItem] | None = None
             ) -> list[base.Record]:
        return super().list(query.to_params(q) or None)

    def create(self, service: str, section: str,
               parameters: dict[str, Any], personality: str | None = None,
               resource: str | None = None) -> list[base.Record]:
        """Add parameters; the created rows."""
        body: dict[str, Any] = {'service': service, 'section': section,
                                'parameters': parameters}
        if personality is not None:
            body['personality'] = personality
        if resource is not None:
            body['resource'] = resource
        answer = self.api.post(self.path(), body) or {}
        return list(answer.get(self.key) or [])

    def apply(self, service: str, section: str | None = None) -> None:
        body = {'service': service}
        if section is not None:
            body['section'] = section
        self.api.post(self.path('apply'), body)


class LabelManager(base.ResourceManager):
    collection = 'labels'
    key = 'labels'

    def assign(self, host_uuid: str, labels: dict[str, Any],
               overwrite: bool = False) -> list[base.Record]:
        """Set labels on a host; the labels written."""
        answer = self.api.post(self.path(host_uuid), labels, params=[
            ('overwrite', 'True' if overwrite else 'False')]) or {}
        return list(answer.get(self.key) or [])
