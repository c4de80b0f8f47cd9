"""Declarative base and column mixins every service's models share."""
import uuid as uuidlib

from oslo_db.sqlalchemy import models
import sqlalchemy as sa
from sqlalchemy import orm


class FlockBase(models.ModelBase):
    """Dict-like access (``row['field']``) and :meth:`as_dict`."""

    def as_dict(self):
        return {c.name: getattr(self, c.name)
                for c in self.__table__.columns}


def declarative_base():
    """A new declarative base for one service's models.

    Each service has its own (its own MetaData), so a process or a test
    run holding several services' models never mixes their tables.
    """
    return orm.declarative_base(cls=FlockBase)


def new_uuid():
    return str(uuidlib.uuid4())


class TimestampMixin(models.TimestampMixin):
    """``created_at`` / ``updated_at`` (naive UTC)."""


def uuid_column(**kwargs):
    """A 36-character, unique uuid column filled on insert."""
    kwargs.setdefault('nullable', False)
    kwargs.setdefault('default', new_uuid)
    return sa.Column(sa.String(36), **kwargs)
