"""What pmond and hwmond have in common to tell maintenance of events.

Each monitor hands its events (pmond's
:class:`~mtce.pmon.events.ProcessEvent`, hwmond's
:class:`~mtce.hwmon.hooks.SensorEvent`) to an :class:`EventSink` named by
an option (``[pmon] notifier``, ``[hwmon] hook``): ``log``, the default,
or ``module:attribute``, a class or factory called without arguments
(:func:`load`). An event is a dataclass that travels as a JSON-able dict
(:class:`Payload`).
"""
import abc
import dataclasses
import datetime

from oslo_utils import importutils

PAYLOAD_VERSION = '1.0'


def timestamp():
    """Now, in UTC, as events carry it (``2024-05-01T12:00:00.000000Z``)."""
    return datetime.datetime.now(datetime.UTC).strftime(
        '%Y-%m-%dT%H:%M:%S.%fZ')


class Payload:
    """The payload of an event dataclass (its fields and ``version``)."""

    def to_payload(self):
        """The event as a JSON-able dict (RPC / notification body)."""
        values = dataclasses.asdict(self)
        values['version'] = PAYLOAD_VERSION
        return values

    @classmethod
    def from_payload(cls, payload):
        """The event of a payload; keys that are not fields are
        ignored."""
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in payload.items() if k in known})


class EventSink(abc.ABC):
    """Delivers a monitor's events to maintenance."""

    @abc.abstractmethod
    def notify(self, event):
        """Deliver one event."""

    def close(self):  # noqa: B027 - optional
        """Release resources at the monitor's exit."""


class Collecting:
    """Keeps events in a list (tests, embedding); mixed into a sink."""

    def __init__(self):
        self.events = []

    def notify(self, event):
        self.events.append(event)


def load(spec, what, base, default):
    """The sink named by ``spec``: ``default()`` for ``log`` (or
    nothing), else ``module:attribute`` called without arguments.

    :param what: what the option names (``notifier``, ``hook``), for the
        errors.
    :raises ValueError: when ``spec`` is neither.
    :raises TypeError: when what it gives is not a ``base``.
    """
    if not spec or spec == 'log':
        return default()
    module, _, attribute = spec.partition(':')
    if not attribute:
        raise ValueError('%s %r: expected "log" or "module:attribute"'
                         % (what, spec))
    sink = getattr(importutils.import_module(module), attribute)()
    if not isinstance(sink, base):
        raise TypeError('%s %r is not a %s' % (what, spec, base.__name__))
    return sink
