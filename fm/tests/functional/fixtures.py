"""FM as real processes for functional tests: fm-dbsync, fm-manager and
fm-api on a throw-away PostgreSQL database and a private RabbitMQ vhost
(or a private broker/cluster a test may restart)."""
from stx_common.testing import service, waiting


class FMService(service.ServiceUnderTest):
    """One FM deployment: its config file, database and two processes."""

    NAME = 'fm'
    SECTIONS = {'fm': {'db_retry_interval': '0.5'}}

    @property
    def api(self):
        return self.processes.get('fm-api')

    @property
    def manager(self):
        return self.processes.get('fm-manager')

    def start_manager(self):
        return self.start_process(
            'fm-manager', self.logged('Consuming alarm events'),
            what='fm-manager consuming')

    def start(self):
        self.dbsync()
        self.start_manager()
        self.start_api()
        return self

    def alarms(self, token=None, **params):
        response = self.get('/v1/alarms', token, params=params)
        response.raise_for_status()
        return response.json()['alarms']

    def wait_for_alarms(self, predicate, timeout=60, token=None,
                        what='alarms'):
        return waiting.wait_for(lambda: predicate(self.alarms(token)),
                                timeout, interval=0.2, what=what)
