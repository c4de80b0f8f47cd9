"""Heartbeat: the hbsAgent and hbsClient roles of maintenance.

* :mod:`~mtce.heartbeat.agent`: :class:`HeartbeatAgent`, pulse requests
  and miss counting on the active controller (inside mtce-agent);
* :mod:`~mtce.heartbeat.client`: :class:`HeartbeatClient`, responses on
  every host (inside mtce-client);
* :mod:`~mtce.heartbeat.protocol`: the sealed pulse messages;
* :mod:`~mtce.heartbeat.escalation` and :mod:`~mtce.heartbeat.mnfa`: the
  rules, as pure functions and a small state machine;
* :mod:`~mtce.heartbeat.monitor`: the agent's host table;
* :mod:`~mtce.heartbeat.alarms`: 200.005 / 200.009;
* :mod:`~mtce.heartbeat.sockets`: UDP and multicast plumbing;
* :mod:`~mtce.heartbeat.runner`: standalone processes for tests.
"""
import importlib

# Imported on first use, so that ``python -m mtce.heartbeat.agent`` does
# not find its own module already imported by the package.
_EXPORTS = {'HeartbeatAgent': 'agent', 'HeartbeatClient': 'client',
            'HeartbeatEvent': 'monitor', 'EVENT_KINDS': 'monitor'}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        module = importlib.import_module('%s.%s' % (__name__, _EXPORTS[name]))
        return getattr(module, name)
    raise AttributeError(name)
