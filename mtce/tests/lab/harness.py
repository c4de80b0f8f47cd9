"""Heartbeat in a lab: configs, a client on every host, an agent.

Used by the lab scenario tests and the heartbeat benchmark. Every host
runs ``python -m mtce.heartbeat.client`` as a boot service (so a host
that boots again answers again); the agent runs on controller-0, started
by the test after ``up`` (it needs the hosts' addresses), writing its
events (JSON lines) and state (JSON) to files the test reads::

    hb = HeartbeatLab(directory, period_ms=100)
    site.up('standard', services=hb.client_services(hostnames))
    hb.start_agent(site)
    hb.wait_event('worker-0', 'mgmt', 'loss')
"""
import json
import os
import signal
import subprocess
import sys
import time

from stx_common.testing import config as testconfig
from stx_common.testing import waiting
from stx_lab import naming

NETWORKS = ('mgmt', 'cluster-host')
AGENT_HOST = 'controller-0'


class HeartbeatLab:
    def __init__(self, directory: str, period_ms: int = 100,
                 transport: str = 'multicast', **agent_opts):
        self.directory = directory
        self.period_ms = period_ms
        self.key_file = os.path.join(directory, 'heartbeat.key')
        self.events_file = os.path.join(directory, 'events.jsonl')
        self.state_file = os.path.join(directory, 'agent-state.json')
        self.hosts_file = os.path.join(directory, 'hosts.json')
        self.agent_log = os.path.join(directory, 'agent.log')
        self.agent = None
        fd = os.open(self.key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                     0o600)
        with os.fdopen(fd, 'w') as handle:
            handle.write(os.urandom(32).hex())
        self.heartbeat_opts = {
            'auth_key_file': self.key_file, 'transport': transport,
            'mgmt_interface': naming.host_ifname('mgmt'),
            'cluster_host_interface': naming.host_ifname('cluster-host'),
            'stats_interval': 5}
        self.agent_opts = dict(heartbeat_period=period_ms, **agent_opts)
        self.client_conf = testconfig.write_config(
            os.path.join(directory, 'client.conf'), {
                'DEFAULT': {'state_path': 'state'},
                'agent': {'heartbeat_period': period_ms},
                'heartbeat': self.heartbeat_opts})

    # -- clients -----------------------------------------------------------
    def client_services(self, hostnames) -> dict[str, list[dict]]:
        """Boot services for ``Site.up(services=...)``."""
        return {host: [self.client_service(host)] for host in hostnames}

    def client_service(self, hostname: str) -> dict:
        return {'name': 'hbs-client',
                'argv': [sys.executable, '-m', 'mtce.heartbeat.client',
                         '--config-file', self.client_conf],
                'env': {'OS_DEFAULT__HOST': hostname}}

    # -- the agent ---------------------------------------------------------
    def start_agent(self, site, transport_url: str | None = None,
                    timeout: float = 60.0) -> None:
        hosts = [{'hostname': name,
                  'personality': site.record.hosts[name].personality,
                  'addresses': {net: site.address(name, net)
                                for net in NETWORKS
                                if site.address(name, net)},
                  'monitored': True}
                 for name in site.hosts]
        with open(self.hosts_file, 'w') as handle:
            json.dump(hosts, handle)
        sections = {'DEFAULT': {'state_path': 'state'},
                    'agent': self.agent_opts,
                    'heartbeat': dict(self.heartbeat_opts,
                                      raise_alarms=bool(transport_url))}
        if transport_url:
            sections['DEFAULT']['transport_url'] = transport_url
        conf = testconfig.write_config(
            os.path.join(self.directory, 'agent.conf'), sections)
        for path in (self.events_file, self.state_file):
            if os.path.exists(path):
                os.unlink(path)
        host = site.host(AGENT_HOST)
        env = dict(host.env(), OS_DEFAULT__HOST=AGENT_HOST)
        self._log = open(self.agent_log, 'ab')  # noqa: SIM115
        self.agent = host.popen(
            [sys.executable, '-m', 'mtce.heartbeat.agent',
             '--config-file', conf, '--hosts-file', self.hosts_file,
             '--events-file', self.events_file,
             '--state-file', self.state_file],
            env=env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)
        self.wait_for(self.all_answering, 'every host answering', timeout)

    def stop_agent(self) -> None:
        if self.agent is None:
            return
        if self.agent.poll() is None:
            self.agent.send_signal(signal.SIGTERM)
            try:
                self.agent.wait(15)
            except subprocess.TimeoutExpired:
                self.agent.kill()
                self.agent.wait(10)
        self._log.close()
        self.agent = None

    def log_tail(self, lines: int = 30) -> str:
        try:
            with open(self.agent_log, errors='replace') as handle:
                return ''.join(handle.readlines()[-lines:])
        except OSError:
            return ''

    # -- what the agent says -------------------------------------------------
    def events(self) -> list[dict]:
        try:
            with open(self.events_file) as handle:
                return [json.loads(line) for line in handle
                        if line.endswith('\n')]
        except FileNotFoundError:
            return []

    def state(self) -> dict:
        try:
            with open(self.state_file) as handle:
                return json.load(handle)
        except (FileNotFoundError, ValueError):
            return {}

    def fresh_state(self, after: float) -> dict:
        """The first state written after ``after`` (wall clock)."""
        return self.wait_for(
            lambda: (lambda s: s if s.get('time', 0) > after else None)(
                self.state()), 'agent state after %.3f' % after)

    def all_answering(self, good: int = 3) -> bool:
        hosts = self.state().get('hosts')
        return bool(hosts) and all(
            net['armed'] and net['level'] == 'ok' and net['good'] >= good
            for host in hosts.values() for net in host['networks'].values())

    def find(self, hostname: str, network: str | None, kind: str,
             since: int = 0) -> dict | None:
        for event in self.events()[since:]:
            if (event['hostname'], event['network'], event['kind']) == \
                    (hostname, network, kind):
                return event
        return None

    def wait_event(self, hostname: str, network: str | None, kind: str,
                   since: int = 0, timeout: float = 30.0) -> dict:
        return self.wait_for(
            lambda: self.find(hostname, network, kind, since),
            '%s %s on %s' % (kind, hostname, network), timeout)

    def wait_for(self, predicate, what: str, timeout: float = 30.0):
        def check():
            if self.agent is not None and self.agent.poll() is not None:
                raise AssertionError('heartbeat agent exited (%s):\n%s' % (
                    self.agent.returncode, self.log_tail()))
            return predicate()

        try:
            return waiting.wait_for(check, timeout, interval=0.01, what=what)
        except waiting.Timeout as exc:
            raise waiting.Timeout('%s\nagent log:\n%s' % (
                exc, self.log_tail())) from exc

    @staticmethod
    def now() -> float:
        return time.time()
