"""The system: ``/v1/isystems`` (one row)."""
from __future__ import annotations

from stx_common.client import exceptions as exc
from sysinv.client.v1 import base


class SystemManager(base.ResourceManager):
    collection = 'isystems'
    key = 'isystems'

    def the_system(self) -> base.Record:
        """The one system row."""
        systems = self.list()
        if not systems:
            raise exc.CommandError('No system is defined yet (run '
                                   'sysinv-bootstrap first)')
        return systems[0]
