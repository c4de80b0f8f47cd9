"""The root of fm-api: version discovery, /v1, and the unversioned
aliases (``/alarms`` ...) StarlingX's FM also answers."""
import pecan

from fm.api.controllers import v1
from stx_common.api import openapi, versions


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
        return versions.root('Fault Management API',
                             'Active alarms, the event log and event '
                             'suppression of the Flock.')
