"""A manager of one sysinv collection: ``/v1/<collection>`` for items and
writes, ``/v1/ihosts/<host>/<collection>`` for a host's list (StarlingX's
sub-collections are read-only lists)."""
from __future__ import annotations

from typing import Any
import uuid as uuidlib

from stx_common.client import base
from stx_common.client.base import Record

__all__ = ['Record', 'ResourceManager', 'is_uuid_like', 'replace_patch']


def is_uuid_like(value: Any) -> bool:
    """``value`` is a UUID in canonical form."""
    try:
        return str(uuidlib.UUID(str(value))) == str(value).lower()
    except (TypeError, ValueError, AttributeError):
        return False


def replace_patch(values: dict[str, Any]) -> list[dict[str, Any]]:
    """The JSON-Patch that replaces each of ``values``."""
    return [{'op': 'replace', 'path': '/' + key, 'value': value}
            for key, value in values.items()]


class ResourceManager(base.Manager):
    """``collection`` is the URL segment, ``key`` the list's key."""

    collection: str = ''
    key: str = ''

    def path(self, ident: Any = None) -> str:
        if ident is None:
            return '/v1/%s' % self.collection
        return '/v1/%s/%s' % (self.collection, ident)

    def list(self, params: base.Params | None = None) -> list[Record]:
        return self._list(self.path(), self.key, params)

    def list_for_host(self, host_uuid: str) -> list[Record]:
        return self._list('/v1/ihosts/%s/%s' % (host_uuid, self.collection),
                          self.key)

    def get(self, ident: Any) -> Record:
        return self.api.get(self.path(ident))

    def create(self, body: dict[str, Any]) -> Record:
        return self.api.post(self.path(), body)

    def update(self, ident: Any, patch: list[dict[str, Any]]) -> Record:
        return self.api.patch(self.path(ident), patch)

    def delete(self, ident: Any) -> None:
        self.api.delete(self.path(ident))
