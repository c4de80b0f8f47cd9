"""mtce-agent's RPC endpoints (topic ``mtce.agent``, exchange ``mtce``):
the sysinv side of :mod:`stx_common.contracts.host` and the events of
pmond and hwmond. A facade: each verb hands over to the engine thread
(:mod:`mtce.agent.lifecycle`)."""
from oslo_log import log
import oslo_messaging as messaging

from stx_common.contracts import host as contract

LOG = log.getLogger(__name__)


class AgentEndpoints:
    target = messaging.Target(version='1.0')

    def __init__(self, engine, lifecycle, timeout=10.0):
        self.engine = engine
        self.lifecycle = lifecycle
        self.timeout = timeout

    def _answer(self, what, func, *args):
        try:
            return self.engine.call(func, *args, timeout=self.timeout)
        except contract.InvalidHostMessage as exc:
            return contract.MtceAnswer(contract.STATUS_FAIL,
                                       str(exc)).to_dict()
        except TimeoutError:
            LOG.error('%s: the engine did not answer in %ss', what,
                      self.timeout)
            return contract.MtceAnswer(
                contract.STATUS_FAIL, 'Maintenance is busy; retry').to_dict()

    def add_host(self, context, host):
        try:
            record = contract.MtceHost.from_dict(host)
        except contract.InvalidHostMessage as exc:
            return contract.MtceAnswer(contract.STATUS_FAIL,
                                       str(exc)).to_dict()
        return self._answer('add_host', self.lifecycle.add_host, record)

    def modify_host(self, context, host, action=None):
        try:
            record = contract.MtceHost.from_dict(host)
        except contract.InvalidHostMessage as exc:
            return contract.MtceAnswer(contract.STATUS_FAIL,
                                       str(exc)).to_dict()
        return self._answer('modify_host', self.lifecycle.modify_host,
                            record, action)

    def delete_host(self, context, uuid):
        return self._answer('delete_host', self.lifecycle.delete_host,
                            uuid)

    def process_event(self, context, event):
        self._post_event('Process', contract.check_process_event,
                         self.lifecycle.process_event, event)

    def sensor_event(self, context, event):
        self._post_event('Sensor', contract.check_sensor_event,
                         self.lifecycle.sensor_event, event)

    def _post_event(self, kind, check, handler, event):
        """Hand ``event`` to ``handler`` in the engine thread once
        ``check`` accepts it; a refused one is logged and dropped."""
        try:
            check(event)
        except contract.InvalidHostMessage as exc:
            LOG.warning('%s event dropped: %s', kind, exc)
            return
        self.engine.post(handler, event)
