"""The root of sysinv-api: version discovery and /v1."""
import pecan

from stx_common.api import collection, openapi
from sysinv.api.controllers import v1


class RootController:
    def __init__(self, openapi_path):
        self.v1 = v1.V1Controller()
        pecan.route(self, 'openapi.json',
                    openapi.OpenAPIController(openapi_path))

    @pecan.expose('json')
    def index(self):
        base = collection.base_url(pecan.request)
        v1_link = {'id': 'v1', 'status': 'CURRENT',
                   'links': [{'href': base + '/v1/', 'rel': 'self'}]}
        return {'name': 'Titanium SysInv API',
                'description': 'The system inventory and configuration '
                               'service of the Flock (StarlingX sysinv '
                               'API).',
                'versions': [v1_link], 'default_version': v1_link}
