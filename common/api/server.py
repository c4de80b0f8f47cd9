"""Serving a WSGI application with cheroot, as a start/stop part."""
import threading

from cheroot import wsgi
from oslo_config import cfg
from oslo_log import log

CONF = cfg.CONF
LOG = log.getLogger(__name__)


class WSGIService:
    """A threaded HTTP server for one application."""

    def __init__(self, app, name, host=None, port=None, threads=None):
        self.name = name
        self.host = host or CONF.api.bind_host
        self.port = port if port is not None else CONF.api.bind_port
        self._server = wsgi.Server((self.host, self.port), app,
                                   numthreads=threads or
                                   CONF.api.api_workers,
                                   server_name=name)
        self._thread = None

    def start(self):
        self._server.prepare()
        self.port = self._server.bind_addr[1]
        self._thread = threading.Thread(target=self._server.serve,
                                        name=self.name, daemon=True)
        self._thread.start()
        LOG.info('%s listening on http://%s:%s', self.name, self.host,
                 self.port)

    def stop(self):
        self._server.stop()

    def wait(self):
        if self._thread is not None:
            self._thread.join(timeout=10)
