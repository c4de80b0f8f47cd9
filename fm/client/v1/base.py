"""What the v1 managers share: listing a collection page by page
(:mod:`stx_common.client.base`)."""
from stx_common.client.base import (
    MAX_PAGES,
    Manager,
    Params,
    Record,
    flag,
    page_params,
)

__all__ = ['MAX_PAGES', 'Manager', 'Params', 'Record', 'flag',
           'page_params']
