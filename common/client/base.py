"""What the managers of a REST client share: listing a collection page by
page, following the server's ``next`` links."""
from __future__ import annotations

from typing import Any
from urllib import parse

from stx_common.client import http, query

Record = dict[str, Any]
Params = list[tuple[str, str]]

# A server that keeps answering with full pages is not followed forever.
MAX_PAGES = 10000


def flag(value: bool) -> str:
    return 'True' if value else 'False'


def page_params(q: list[query.QueryItem] | None = None,
                limit: int | None = None, marker: str | None = None,
                sort_key: str | None = None,
                sort_dir: str | None = None) -> Params:
    params = query.to_params(q)
    for name, value in (('limit', limit), ('marker', marker),
                        ('sort_key', sort_key), ('sort_dir', sort_dir)):
        if value not in (None, ''):
            params.append((name, str(value)))
    return params


def next_params(link: str) -> Params:
    """The parameters of a ``next`` link (its host is not trusted: the
    server may know itself by another name than the one we use)."""
    return parse.parse_qsl(parse.urlsplit(link).query,
                           keep_blank_values=True)


class Manager:
    """One collection of an API."""

    def __init__(self, api: http.HTTPClient) -> None:
        self.api = api

    def _list(self, path: str, key: str, params: Params | None = None,
              follow: bool = True) -> list[Record]:
        """The records of ``path``; every page when ``follow``."""
        params = list(params or [])
        body = self.api.get(path, params or None) or {}
        records = list(body.get(key) or [])
        seen = set()
        pages = 1
        while follow and body.get('next') and pages < MAX_PAGES:
            params = next_params(body['next'])
            marker = dict(params).get('marker')
            if not marker or marker in seen:
                break
            seen.add(marker)
            body = self.api.get(path, params) or {}
            records.extend(body.get(key) or [])
            pages += 1
        return records
