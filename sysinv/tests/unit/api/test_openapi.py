"""Every route sysinv-api serves is in its OpenAPI document, and every
documented route is served."""
from stx_common.api import openapi
from sysinv.api import app
from sysinv.api.controllers import root


def test_every_route_is_documented():
    document = openapi.load_document(app.OPENAPI)
    missing, extra = openapi.compare(root.RootController(app.OPENAPI),
                                     document)
    assert missing == [], 'routes missing from openapi.yaml'
    assert extra == [], 'documented routes nobody serves'


def test_document_is_served(api):
    body = api.get('/openapi.json').json
    assert body['info']['title'] == 'System Inventory API'
    assert '/v1/ihosts/{ihost}' in body['paths']
