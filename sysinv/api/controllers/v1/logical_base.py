"""Rendering shared by the logical-configuration controllers.

Rows read from the DB carry datetimes; rows returned by the conductor
over RPC carry their ISO text without an offset. Both leave in
StarlingX's form (an explicit UTC offset).
"""
import datetime

from sysinv.api.controllers.v1 import base

TIMESTAMPS = ('created_at', 'updated_at')


def _utc(value):
    if isinstance(value, str) and value:
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        return base.timestamp(parsed)
    return value


def render(row, fields):
    """``{field: value}`` of ``fields``, timestamps with their offset."""
    values = base.render(row, fields)
    for key in TIMESTAMPS:
        if key in values:
            values[key] = _utc(values[key])
    return values
