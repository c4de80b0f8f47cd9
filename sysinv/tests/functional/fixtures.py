"""sysinv as real processes for functional tests: sysinv-dbsync, then
sysinv-conductor and sysinv-api on a throw-away PostgreSQL database and a
private RabbitMQ vhost, each with its own log file."""
import os

import yaml

from stx_common.testing import service

HOST = 'controller-0'
CONTROLLER_0_MAC = '08:00:27:0f:00:01'
# A duplex Standard site in StarlingX's bootstrap keys.
SITE = {
    'system_mode': 'duplex', 'system_type': 'Standard', 'name': 'flock-ft',
    'timezone': 'UTC', 'dns_servers': ['8.8.8.8'],
    'management_subnet': '192.168.204.0/24',
    'cluster_host_subnet': '192.168.206.0/24',
    'pxeboot_subnet': '169.254.202.0/24',
    'external_oam_subnet': '10.10.10.0/24',
    'external_oam_floating_address': '10.10.10.2',
    'controller_0': {'mgmt_mac': CONTROLLER_0_MAC},
}


class SysinvService(service.ServiceUnderTest):
    """One sysinv deployment: its config file, database and processes."""

    NAME = 'sysinv'
    SECTIONS = {'conductor': {'mtce_timeout': '2',
                              'mtce_delete_timeout': '2',
                              'lease_update_timeout': '3'}}

    def __init__(self, workdir, database_url, transport_url, **kwargs):
        super().__init__(workdir, database_url, transport_url, host=HOST,
                         **kwargs)

    @property
    def api(self):
        return self.processes.get('sysinv-api')

    @property
    def conductor(self):
        return self.processes.get('sysinv-conductor')

    def bootstrap(self, site=None, check=True):
        """Run sysinv-bootstrap with ``site`` (default :data:`SITE`)."""
        path = os.path.join(self.workdir, 'site.yaml')
        with open(path, 'w') as handle:
            yaml.safe_dump(site or SITE, handle)
        return self.run('sysinv-bootstrap', '--config', path, check=check)

    def start_conductor(self):
        return self.start_process(
            'sysinv-conductor', self.logged('sysinv-conductor started'),
            what='sysinv-conductor serving')

    def start(self, site=None):
        """dbsync, then bootstrap ``site`` if given, then the processes."""
        self.dbsync()
        if site:
            self.bootstrap(site)
        self.start_conductor()
        self.start_api()
        return self

    def patch(self, path, ops, token=None, user_agent=None):
        return self.request('PATCH', path, token, user_agent, json=ops)

    def post(self, path, body, token=None):
        return self.request('POST', path, token, json=body)

    def host(self, ident, token=None):
        response = self.get('/v1/ihosts/%s' % ident, token)
        response.raise_for_status()
        return response.json()

    def action(self, ident, action, token=None):
        return self.patch('/v1/ihosts/%s' % ident,
                          [{'op': 'replace', 'path': '/action',
                            'value': action}], token)
