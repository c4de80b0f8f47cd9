"""Version 1 of fm-api."""
import pecan

from fm.api.controllers.v1 import alarm, event_log, event_suppression
from stx_common.api import versions


class V1Controller:
    def __init__(self):
        self.alarms = alarm.AlarmController()
        self.event_log = event_log.EventLogController()
        self.event_suppression = event_suppression.EventSuppressionController()

    @pecan.expose('json')
    def index(self):
        return versions.v1('application/vnd.starlingx.fm.v1+json',
                           ('alarms', 'event_log', 'event_suppression'))
