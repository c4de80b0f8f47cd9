"""/v1/isystems: the one system row (GET, PATCH; POST/DELETE refused)."""
import pecan
from pecan import rest

from stx_common.api import jsonpatch, validation
from sysinv import exception, policies
from sysinv.api.controllers.v1 import base

FIELDS = ('uuid', 'name', 'system_type', 'system_mode', 'description',
          'contact', 'location', 'latitude', 'longitude', 'timezone',
          'software_version', 'capabilities', 'region_name',
          'service_project_name', 'distributed_cloud_role',
          'security_feature', 'security_profile', 'services', 'created_at',
          'updated_at')
SORT_KEYS = ('id', 'uuid', 'name')
# The board management network is outside the platform networks here.
BM_REGION = 'External'


def view(row):
    values = base.render(row, FIELDS)
    values['capabilities'] = dict(row.get('capabilities') or {},
                                  bm_region=BM_REGION)
    values['links'] = base.links('isystems', row['uuid'])
    values['ihosts'] = base.links('isystems', row['uuid'], 'ihosts')
    return values


class SystemController(rest.RestController):

    @pecan.expose('json')
    def get_all(self, **kwargs):
        policies.authorize('sysinv:isystems:get', pecan.request.context)
        page = base.parse_page(kwargs, SORT_KEYS)
        rows = pecan.request.dbapi.list_systems(page)
        return base.page_of('isystems', [view(r) for r in rows],
                            'v1/isystems', page)

    @pecan.expose('json')
    def get_one(self, ident):
        policies.authorize('sysinv:isystems:get', pecan.request.context)
        return view(pecan.request.dbapi.get_system(ident))

    @pecan.expose('json')
    def post(self, *args, **kwargs):
        policies.authorize('sysinv:isystems:modify', pecan.request.context)
        raise exception.OperationNotPermitted()

    @pecan.expose('json')
    def delete(self, ident):
        policies.authorize('sysinv:isystems:modify', pecan.request.context)
        raise exception.OperationNotPermitted()

    @pecan.expose('json')
    def patch(self, ident):
        policies.authorize('sysinv:isystems:modify', pecan.request.context)
        patch = jsonpatch.validate_patch(validation.json_body())
        system = pecan.request.dbapi.get_system(ident)
        updated = pecan.request.rpcapi.update_isystem(
            pecan.request.context, system['uuid'], patch)
        return view(updated)
