"""Version 1 of fm-api."""
import pecan

from fm.api.controllers.v1 import alarm, event_log, event_suppression
from stx_common.api import collection


class V1Controller:
    def __init__(self):
        self.alarms = alarm.AlarmController()
        self.event_log = event_log.EventLogController()
        self.event_suppression = event_suppression.EventSuppressionController()

    @pecan.expose('json')
    def index(self):
        base = collection.base_url(pecan.request)

        def links(name):
            return [{'href': '%s/v1/%s/' % (base, name), 'rel': 'self'},
                    {'href': '%s/%s/' % (base, name), 'rel': 'bookmark'}]

        return {'id': 'v1',
                'links': [{'href': base + '/v1/', 'rel': 'self'}],
                'media_types': [{'base': 'application/json',
                                 'type': 'application/vnd.starlingx.fm.v1'
                                         '+json'}],
                'alarms': links('alarms'),
                'event_log': links('event_log'),
                'event_suppression': links('event_suppression')}
