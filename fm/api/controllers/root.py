"""The root of fm-api: version discovery, /v1, and the unversioned
aliases (``/alarms`` ...) StarlingX's FM also answers."""
import pecan

from fm.api.controllers import v1
from stx_common.api import collection, openapi


class RootController:
    def __init__(self, openapi_path):
        self.v1 = v1.V1Controller()
        # Unversioned paths route to v1, as StarlingX's do.
        self.alarms = self.v1.alarms
        self.event_log = self.v1.event_log
        self.event_suppression = self.v1.event_suppression
        pecan.route(self, 'openapi.json',
                    openapi.OpenAPIController(openapi_path))

    @pecan.expose('json')
    def index(self):
        base = collection.base_url(pecan.request)
        v1_link = {'id': 'v1', 'status': 'CURRENT',
                   'links': [{'href': base + '/v1/', 'rel': 'self'}]}
        return {'name': 'Fault Management API',
                'description': 'Active alarms, the event log and event '
                               'suppression of the Flock.',
                'versions': [v1_link], 'default_version': v1_link}
