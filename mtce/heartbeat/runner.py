"""Standalone heartbeat processes, for tests and benchmarks.

``python -m mtce.heartbeat.agent --config-file F [--hosts-file H]
[--events-file E] [--state-file S]`` runs a :class:`HeartbeatAgent`
alone: the hosts file is a JSON list of ``{"hostname", "personality",
"addresses": {network: ip}, "monitored": true}``; every event is appended
to the events file as one JSON line; the state file is rewritten (whole,
atomically) every ``--state-interval`` seconds with the counters, the
hosts' state, MNFA and the cluster view.

``python -m mtce.heartbeat.client --config-file F [--state-file S]``
runs a :class:`HeartbeatClient` alone.

``mtce-agent`` and ``mtce-client`` use the same classes as parts of
their own processes.
"""
import dataclasses
import json
import os
import threading
import time

from oslo_config import cfg

from mtce import conf as mtce_conf
from stx_common import config, periodic, rpc, service

CONF = mtce_conf.CONF

cli_opts = [
    cfg.StrOpt('hosts-file', help='JSON list of the hosts to monitor.'),
    cfg.StrOpt('events-file', help='Append each event here (JSON lines).'),
    cfg.StrOpt('state-file', help='Rewrite this JSON file with the state.'),
    cfg.FloatOpt('state-interval', default=0.2, min=0.01,
                 help='Seconds between rewrites of the state file.'),
]


def write_json(path: str, document) -> None:
    """Write ``document`` to ``path`` atomically."""
    temporary = '%s.%d.tmp' % (path, os.getpid())
    with open(temporary, 'w') as handle:
        json.dump(document, handle, sort_keys=True)
    os.replace(temporary, path)


class EventLog:
    """``on_event`` writing each event as a JSON line."""

    def __init__(self, path: str | None):
        self._handle = open(path, 'a', buffering=1) if path else None  # noqa: SIM115
        self._lock = threading.Lock()

    def __call__(self, event) -> None:
        if self._handle is None:
            return
        line = json.dumps(dataclasses.asdict(event), sort_keys=True)
        with self._lock:
            self._handle.write(line + '\n')

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


def _state_part(path: str | None, interval: float, snapshot):
    if not path:
        return None
    return periodic.PeriodicTask(lambda: write_json(path, snapshot()),
                                 interval, name='heartbeat-state')


def _prepare(argv):
    CONF.register_cli_opts(cli_opts)
    conf = config.prepare(argv, 'mtce')
    rpc.register_messaging_opts(conf)       # transport_url: alarms
    return conf


def agent_main(argv) -> int:
    from mtce.heartbeat import agent as agentmod

    conf = _prepare(argv)
    events = EventLog(conf.events_file)
    part = agentmod.HeartbeatAgent(conf, events)
    if conf.hosts_file:
        with open(conf.hosts_file) as handle:
            for host in json.load(handle):
                part.add_host(host['hostname'], host['addresses'],
                              host.get('personality', 'worker'),
                              monitored=host.get('monitored', True))

    def snapshot():
        return {'time': time.time(), 'counters': part.counters(),
                'hosts': part.hosts_state(), 'mnfa': part.mnfa_state(),
                'cluster_view': part.cluster_view(),
                'run': part.table.run}

    parts = [part]
    state = _state_part(conf.state_file, conf.state_interval, snapshot)
    if state is not None:
        parts.append(state)
    try:
        service.run(parts, 'heartbeat agent')
    finally:
        events.close()
    return 0


def client_main(argv) -> int:
    from mtce.heartbeat import client as clientmod

    conf = _prepare(argv)
    part = clientmod.HeartbeatClient(conf)
    parts = [part]
    state = _state_part(conf.state_file, conf.state_interval, lambda: {
        'time': time.time(), 'counters': part.counters(),
        'flags': part.flags(), 'views': part.views})
    if state is not None:
        parts.append(state)
    service.run(parts, 'heartbeat client')
    return 0
