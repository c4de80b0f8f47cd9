"""An engine with fake neighbours: heartbeat, transport, BMC, alarms and
sysinv are recorders the tests drive."""
import itertools
import threading

from oslo_config import cfg

from mtce import conf as mtce_conf
from mtce.agent import alarms as hostalarms
from mtce.agent import engine as enginemod
from mtce.agent import lifecycle as lifecyclemod
from mtce.common import messages as m
from stx_common.conf import default
from stx_common.contracts import host as contract
from stx_common.testing import waiting

FAST = {
    'timeouts': dict(heartbeat_soak=0.2, heartbeat_soak_during_add=0.2,
                     recovery_wait=0.05, loc_recovery_timeout=0.3,
                     reboot_ack_timeout=0.3, task_hold=0.5,
                     power_retry_interval=0.05, reset_retry_interval=0.05,
                     power_verify_timeout=1.0, force_lock_reset_wait=0.5,
                     worker_boot_timeout=5, controller_boot_timeout=5,
                     goenabled_timeout=3, host_services_timeout=3),
    'agent': dict(answer_hold=0.0, ar_goenable_interval=0,
                  ar_config_interval=0, ar_hostservices_interval=0,
                  ar_heartbeat_interval=0, offline_period=10,
                  offline_threshold=30, bmc_reset_delay=1),
    'heartbeat': dict(arm_timeout=0.2, auth_key='k',
                      mgmt_address='127.0.0.1'),
}


def make_conf(host='controller-0', **groups):
    conf = cfg.ConfigOpts()
    default.register_opts(conf)
    mtce_conf.register_opts(conf)
    conf([])
    conf.set_override('host', host)
    settings = {g: dict(v) for g, v in FAST.items()}
    for group, values in groups.items():
        settings.setdefault(group, {}).update(values)
    for group, values in settings.items():
        for key, value in values.items():
            conf.set_override(key, value, group)
    return conf


class FakeHeartbeat:
    def __init__(self):
        self.hosts = {}
        self.healthy = set()
        self.calls = []
        self.lock = threading.Lock()

    def add_host(self, hostname, addresses, personality, monitored=False):
        with self.lock:
            old = self.hosts.get(hostname, {})
            self.hosts[hostname] = {'addresses': dict(addresses),
                                    'monitored': monitored or
                                    old.get('monitored', False)}
            self.calls.append(('add', hostname, monitored))

    def remove_host(self, hostname):
        with self.lock:
            self.hosts.pop(hostname)
            self.calls.append(('remove', hostname))

    def monitor(self, hostname, enabled):
        with self.lock:
            self.hosts[hostname]['monitored'] = enabled
            self.calls.append(('monitor', hostname, enabled))

    def hosts_state(self):
        with self.lock:
            return {name: {'monitored': h['monitored'], 'networks': {
                n: {'armed': True, 'level': 'ok' if name in self.healthy
                    else 'failed'} for n in h['addresses']}}
                for name, h in self.hosts.items()}


class FakeTransport:
    def __init__(self):
        self.sent = []
        self._ids = itertools.count(1)
        self.lock = threading.Lock()

    def send(self, addresses, command, args=None):
        ident = next(self._ids)
        with self.lock:
            self.sent.append((sorted(addresses.values()), command, ident,
                              dict(args or {})))
        return ident

    def commands(self, address=None):
        with self.lock:
            return [c for a, c, _, _ in self.sent
                    if address is None or address in a]

    def last(self, command):
        with self.lock:
            for _, c, ident, _ in reversed(self.sent):
                if c == command:
                    return ident
        return None


class FakeBmc:
    """BMC requests wait for the test, unless ``auto`` answers them."""

    def __init__(self):
        self.requests = []
        self.power = {}
        self.usable_hosts = set()
        self.fail = set()
        self.lock = threading.Lock()

    def usable(self, host):
        return host.hostname in self.usable_hosts

    def forget(self, host):
        self.usable_hosts.discard(host.hostname)

    def submit(self, host, operation, callback, *args, **kwargs):
        if host.hostname not in self.usable_hosts:
            return False
        with self.lock:
            self.requests.append((host.hostname, operation))
            power = self.power.setdefault(host.hostname, 'on')
        if operation in self.fail:
            from mtce.bmc import base
            callback(None, base.BMCAccessError('no answer'))
            return True
        result = None
        if operation == 'power_status':
            result = power
        elif operation == 'power_off':
            self.power[host.hostname] = 'off'
        elif operation == 'power_on':
            self.power[host.hostname] = 'on'
        callback(result, None)
        return True

    def operations(self, hostname):
        with self.lock:
            return [op for h, op in self.requests if h == hostname]


class FakeAlarmClient:
    def __init__(self):
        self.events = []
        self.lock = threading.Lock()

    def set_fault(self, fault):
        with self.lock:
            self.events.append(('set', fault.alarm_id,
                                fault.entity_instance_id, fault.severity))

    def clear_fault(self, alarm_id, entity):
        with self.lock:
            self.events.append(('clear', alarm_id, entity, None))

    def clear_all(self, entity):
        with self.lock:
            self.events.append(('clear_all', None, entity, None))

    def log_event(self, fault):
        with self.lock:
            self.events.append(('log', fault.alarm_id,
                                fault.entity_instance_id, None))

    def active(self):
        raised = {}
        with self.lock:
            for action, alarm_id, entity, severity in self.events:
                if action == 'set':
                    raised[(alarm_id, entity)] = severity
                elif action == 'clear':
                    raised.pop((alarm_id, entity), None)
        return raised

    def logs(self):
        with self.lock:
            return [(a, e) for k, a, e, _ in self.events if k == 'log']


class FakeReporter:
    def __init__(self):
        self.reports = []
        self.lock = threading.Lock()

    def report(self, uuid, values):
        contract.HostStateUpdate.from_dict(dict(values))
        with self.lock:
            self.reports.append((uuid, dict(values)))

    def states(self, uuid):
        """The (admin-oper-avail, task) sequence reported for a host."""
        current = {}
        seen = []
        with self.lock:
            for who, values in self.reports:
                if who != uuid:
                    continue
                current.update(values)
                seen.append(('%s-%s-%s' % (
                    current.get('administrative'),
                    current.get('operational'),
                    current.get('availability')), current.get('task')))
        return seen


class Harness:
    def __init__(self, host='controller-0', **groups):
        self.conf = make_conf(host, **groups)
        self.heartbeat = FakeHeartbeat()
        self.transport = FakeTransport()
        self.bmc = FakeBmc()
        self.alarm_client = FakeAlarmClient()
        self.reporter = FakeReporter()
        self.passwords = {}
        self.engine = enginemod.Engine(
            self.conf, self.heartbeat, self.transport, self.bmc,
            hostalarms.HostAlarms(self.alarm_client), self.reporter)
        self.lifecycle = lifecyclemod.Lifecycle(self.engine)
        self.engine.start()
        self.boots = {}

    def stop(self):
        self.engine.stop()
        self.engine.wait()

    # -- sysinv's side -----------------------------------------------------
    def record(self, hostname, personality='worker', **values):
        index = int(hostname.rsplit('-', 1)[1])
        base = 3 if personality == 'controller' else 10
        fields = dict(uuid='uuid-%s' % hostname, hostname=hostname,
                      personality=personality,
                      mgmt_ip='10.0.0.%d' % (base + index),
                      cluster_host_ip='10.1.0.%d' % (base + index),
                      administrative='locked', operational='disabled',
                      availability='offline')
        fields.update(values)
        return contract.MtceHost(**fields)

    def add(self, hostname, personality='worker', **values):
        answer = self.engine.call(self.lifecycle.add_host,
                                  self.record(hostname, personality,
                                              **values))
        assert answer['status'] == 'pass', answer
        return 'uuid-%s' % hostname

    def load(self, *records):
        self.engine.call(self.lifecycle.load, list(records))

    def act(self, hostname, action):
        host = self.host(hostname)
        record = contract.MtceHost(uuid=host.uuid, hostname=host.hostname,
                                   personality=host.personality,
                                   mgmt_ip=host.mgmt_ip,
                                   cluster_host_ip=host.cluster_host_ip,
                                   bm_type=host.bm_type, bm_ip=host.bm_ip,
                                   bm_username=host.bm_username)
        return self.engine.call(self.lifecycle.modify_host, record, action)

    def host(self, hostname):
        return self.engine.call(self.engine.find, hostname)

    def state(self, hostname):
        return self.engine.call(lambda: (self.engine.find(hostname).state,
                                         self.engine.find(hostname).task))

    def wait_state(self, hostname, state, task=None, timeout=10.0):
        def check():
            current, current_task = self.state(hostname)
            return current == state and (task is None or
                                         current_task == task)
        return waiting.wait_for(check, timeout, interval=0.01,
                                what='%s %s %s (now %s)' % (
                                    hostname, state, task or '',
                                    self.state(hostname)))

    # -- the host's side -------------------------------------------------
    def alive(self, hostname, boot=None, flags=m.I_AM_CONFIGURED,
              uptime=100, network='mgmt'):
        boot = boot or self.boots.setdefault(hostname, 'boot-1')
        self.boots[hostname] = boot
        self.engine.on_message(m.Alive(hostname, network, uptime, boot,
                                       flags), network)
        self.engine.call(lambda: None)

    def reboot(self, hostname, flags=m.I_AM_CONFIGURED):
        """The host boots again: a new boot id."""
        number = int(self.boots.get(hostname, 'boot-1').split('-')[1]) + 1
        self.alive(hostname, 'boot-%d' % number, flags, uptime=1)

    def result(self, hostname, command, status='pass', reason=''):
        ident = self.wait_command(hostname, command)
        self.engine.on_message(m.Result(hostname, command, ident, status,
                                        reason), 'mgmt')
        self.engine.call(lambda: None)

    def wait_command(self, hostname, command, timeout=10.0):
        address = self.host(hostname).mgmt_ip
        waiting.wait_for(
            lambda: command in self.transport.commands(address), timeout,
            interval=0.01, what='%s sent to %s' % (command, hostname))
        return self.transport.last(command)

    def wait(self, predicate, what, timeout=10.0):
        return waiting.wait_for(predicate, timeout, interval=0.01,
                                what=what)
