"""The v1 client: the three managers over one :class:`HTTPClient`."""
from __future__ import annotations

from fm.client import http
from fm.client.v1 import alarm, event_log, event_suppression


class Client:
    """``client.alarm``, ``client.event_log``, ``client.event_suppression``.
    """

    def __init__(self, api: http.HTTPClient) -> None:
        self.api = api
        self.alarm = alarm.AlarmManager(api)
        self.event_log = event_log.EventLogManager(api)
        self.event_suppression = event_suppression.EventSuppressionManager(
            api)
