"""The ``-q`` query syntax of the ``fm`` CLI and its wire form
(:mod:`stx_common.client.query`)."""
from stx_common.client.query import (
    OPERATORS,
    TYPES,
    QueryItem,
    parse,
    to_params,
)

__all__ = ['OPERATORS', 'TYPES', 'QueryItem', 'parse', 'to_params']
