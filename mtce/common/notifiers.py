"""How pmond and hwmond tell mtce-agent: casts of the host contract.

``[pmon] notifier = mtce.common.notifiers:ProcessEventNotifier`` and
``[hwmon] hook = mtce.common.notifiers:SensorEventHook`` plug them in.
Each event is logged too (the monitors' default behaviour) and cast to
``mtce.agent`` (:class:`stx_common.contracts.host.MtceEventClient`); a
cast that cannot be sent is logged and dropped: pmond re-sends major and
critical events while the process stays failed, hwmond re-evaluates its
sensors every audit.
"""
from oslo_log import log

from mtce.hwmon import hooks
from mtce.pmon import events
from stx_common import context as ctx
from stx_common.contracts import host as contract

LOG = log.getLogger(__name__)


class _Caster:
    def __init__(self, client=None):
        self._client = client

    @property
    def client(self):
        if self._client is None:
            self._client = contract.MtceEventClient()
        return self._client

    def _cast(self, method, payload):
        try:
            getattr(self.client, method)(ctx.get_admin_context(), payload)
        except Exception as exc:  # noqa: BLE001 - the monitor goes on
            LOG.warning('Event not sent to maintenance (%s): %s',
                        type(exc).__name__, payload)


class ProcessEventNotifier(_Caster, events.ProcessNotifier):
    """pmond's notifier: log and cast ``process_event``."""

    def __init__(self, client=None):
        super().__init__(client)
        self._log = events.LogNotifier()

    def notify(self, event):
        self._log.notify(event)
        self._cast('process_event', event.to_payload())


class SensorEventHook(_Caster, hooks.MaintenanceHook):
    """hwmond's hook: log and cast ``sensor_event``."""

    def __init__(self, client=None):
        super().__init__(client)
        self._log = hooks.LogHook()

    def notify(self, event):
        self._log.notify(event)
        self._cast('sensor_event', event.to_payload())
