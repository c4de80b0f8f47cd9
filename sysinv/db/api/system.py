"""DB calls of the system (``i_system``: exactly one row after bootstrap)
and of its single-row children DNS (``i_dns``) and NTP (``i_ntp``)."""
from sysinv import exception
from sysinv.db import models


class SystemMixin:

    def get_system(self, ident=None):
        """The system (``ident``: its id or uuid; default: the one row).

        :raises SystemNotFound:
        """
        if ident is not None:
            return self._get_one(models.System, ident,
                                 exception.SystemNotFound, system=ident)
        row = self._find_one(models.System, None)
        if row is None:
            raise exception.SystemNotFound(system='')
        return row

    def find_system(self):
        """The system row, or None before bootstrap."""
        return self._find_one(models.System, None)

    def list_systems(self, page=None):
        return self._get_list(models.System, None, page)

    def update_system(self, ident, values):
        """Change ``values`` of the system; returns it."""
        return self._update_one(models.System, ident, values,
                                exception.SystemNotFound, system=ident)

    def get_dns(self):
        """The DNS row, or None."""
        return self._find_one(models.DNS, None)

    def get_ntp(self):
        """The NTP row, or None."""
        return self._find_one(models.NTP, None)
