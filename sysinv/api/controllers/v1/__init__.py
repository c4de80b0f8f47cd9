"""Version 1 of sysinv-api.

Each resource controller is an attribute of :class:`V1Controller`; its
name is the URL segment (``/v1/<name>``). To add a resource: write
``v1/<resource>.py``, mount its controller here, list it in
:data:`RESOURCES`, and document its routes in ``sysinv/api/openapi.yaml``
(the OpenAPI unit test fails on any undocumented route).
"""
import pecan

from stx_common.api import collection
from sysinv.api.controllers.v1 import host, system
from sysinv.api.controllers.v1 import inventory_mounts as hw
from sysinv.api.controllers.v1 import logical_mounts as logical

RESOURCES = ('isystems', 'ihosts')
RESOURCES += hw.RESOURCES
RESOURCES += logical.RESOURCES


class V1Controller:
    def __init__(self):
        self.isystems = system.SystemController()
        self.ihosts = host.HostController()
        for name, controller in hw.controllers().items():
            setattr(self, name, controller)
        for name, controller in logical.controllers().items():
            setattr(self, name, controller)

    @pecan.expose('json')
    def index(self):
        base = collection.base_url(pecan.request)

        def links(name):
            return [{'href': '%s/v1/%s/' % (base, name), 'rel': 'self'},
                    {'href': '%s/%s/' % (base, name), 'rel': 'bookmark'}]

        body = {'id': 'v1',
                'links': [{'href': base + '/v1/', 'rel': 'self'}],
                'media_types': [{'base': 'application/json',
                                 'type': 'application/vnd.openstack.sysinv'
                                         '.v1+json'}]}
        for name in RESOURCES:
            body[name] = links(name)
        return body
