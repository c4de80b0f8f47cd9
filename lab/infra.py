"""The site infrastructure of a lab, in the root namespace.

* **forwarder**: one :mod:`stx_lab.forwarder` process relaying the mgmt
  gateway address (``.1``) to RabbitMQ and PostgreSQL on 127.0.0.1;
* **dnsmasq**: DHCP on the pxeboot bridge (:mod:`stx_lab.dhcp`);
* **BMCs**: one :mod:`stx_lab.bmc.ipmi` process for all IPMI BMCs, one
  :mod:`stx_lab.bmc.redfish` emulator per Redfish BMC;
* **broker** control: ``stop_broker``/``start_broker`` run ``rabbitmqctl
  stop_app`` / ``start_app`` on the lab's broker. On the site broker (the
  default) that stops AMQP for *every* user of the machine's RabbitMQ
  (other labs and test runs included) until ``start_app``: connections are
  dropped and clients must reconnect. A lab built with
  ``broker='private'`` runs a RabbitMQ node of its own
  (:class:`stx_common.testing.rabbit.PrivateBroker`, on free loopback
  ports, removed by ``down``), and only that node stops.

Each process is started detached with ``FLOCK_LAB`` in its environment,
recorded as ``[pid, start time]`` under ``processes`` in ``lab.json``,
and waited for with a readiness check under a deadline.
"""
from collections.abc import Callable
import os
import socket
import subprocess
import sys
from typing import Any
import urllib.error
import urllib.request

from stx_common.testing import ports, rabbit
from stx_lab import addressing, dhcp, exception, procs, state
from stx_lab.bmc import client

READY_TIMEOUT = 60.0


def infra_env(lab_id: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith('FLOCK_')}
    env[procs.LAB_ENV] = lab_id
    env['PYTHONUNBUFFERED'] = '1'
    return env


def start(paths: state.LabPaths, record: state.LabRecord, name: str,
          argv: list[str], ready: Callable[[], bool],
          timeout: float = READY_TIMEOUT) -> None:
    """Start an infrastructure process, record it, wait until ready.

    :raises LabError: when it exits or is not ready in time.
    """
    log = paths.log(name)
    try:
        pid, started = procs.spawn(argv, log, infra_env(paths.lab_id),
                                   cwd=paths.root)
    except procs.SpawnError as exc:
        raise exception.LabError('%s did not start: %s' % (name, exc)) \
            from exc
    record.processes[name] = [pid, started]
    paths.save(record)

    def check():
        if not procs.alive(pid, started):
            return 'dead'
        return ready()

    try:
        outcome = procs.wait_until(check, timeout, '%s ready' % name,
                                   interval=0.05)
    except AssertionError:
        raise exception.LabError('%s not ready within %.0fs; see %s'
                                 % (name, timeout, log)) from None
    if outcome == 'dead':
        raise exception.LabError('%s exited; see %s:\n%s'
                                 % (name, log, _tail(log)))


def stop_recorded(record: state.LabRecord, timeout: float = 5.0) -> None:
    for pid, started in list(record.processes.values()):
        procs.stop(pid, started, timeout=timeout)


def _tail(path: str, lines: int = 15) -> str:
    try:
        with open(path, errors='replace') as handle:
            return ''.join(handle.readlines()[-lines:])
    except OSError:
        return ''


def _log_has(path: str, text: str) -> bool:
    try:
        with open(path, errors='replace') as handle:
            return text in handle.read()
    except OSError:
        return False


# -- ports ---------------------------------------------------------------

def port_free(address: str, port: int, kind: int) -> bool:
    with socket.socket(socket.AF_INET, kind) as sock:
        try:
            sock.bind((address, port))
            return True
        except OSError:
            return False


def pick_port(address: str, preferred: int, kind: int) -> int:
    """``preferred`` if it can be bound on ``address``, else a free one."""
    if port_free(address, preferred, kind):
        return preferred
    return ports.free_port(kind, address)


# -- the processes -------------------------------------------------------

def start_forwarder(paths: state.LabPaths, record: state.LabRecord) -> None:
    if not record.forwards:
        return
    specs = ['%s:%d=%s:%d' % tuple(f) for f in record.forwards]

    def ready():
        return all(ports.is_listening(f[0], f[1]) for f in record.forwards)

    start(paths, record, 'forwarder',
          [sys.executable, '-m', 'stx_lab.forwarder'] + specs, ready)


def start_dnsmasq(paths: state.LabPaths, record: state.LabRecord) -> None:
    subnet = addressing.ipaddress.ip_network(record.subnets['pxeboot'])
    fixed = {}
    for spec_name, host in record.hosts.items():
        link = host.links.get('pxeboot')
        if link is not None:
            fixed[link.mac] = str(addressing.nth(
                subnet, int(record_host_number(record, spec_name))))
    bridge = next(h.links['pxeboot'].bridge for h in record.hosts.values()
                  if 'pxeboot' in h.links)
    argv = dhcp.dnsmasq_argv(paths, bridge, subnet, fixed)
    log = paths.log('dnsmasq')
    start(paths, record, 'dnsmasq', argv,
          lambda: _log_has(log, 'DHCP, IP range'))


def record_host_number(record: state.LabRecord, name: str) -> int:
    """The host part of ``name``'s addresses (from its mgmt address)."""
    host = record.hosts[name]
    mgmt = host.links['mgmt']
    return int(mgmt.address.rsplit('.', 1)[1])


def start_ipmi(paths: state.LabPaths, record: state.LabRecord) -> None:
    """One emulator process per IPMI BMC: pyghmi keeps its sessions in
    process-wide tables keyed by the client's address and the server's
    port, so BMCs sharing port 623 in one process mix up the sessions of
    a client talking to several of them (maintenance, hwmond)."""
    credentials = paths.credentials()
    for host in [h for h in record.hosts.values() if h.bmc.type == 'ipmi']:
        def ready(host=host):
            try:
                client.ipmitool(host.bmc, credentials[host.name]['password'],
                                'power', 'status')
            except exception.BmcError:
                return False
            return True

        start(paths, record, 'bmc-ipmi-%s' % host.name,
              [sys.executable, '-m', 'stx_lab.bmc.ipmi', '--base',
               paths.base, '--lab', paths.lab_id, '--host', host.name],
              ready)


def start_redfish(paths: state.LabPaths, record: state.LabRecord,
                  host: state.HostRecord) -> None:
    url = host.bmc.url + '/redfish/v1/'

    def ready():
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    start(paths, record, 'bmc-redfish-%s' % host.name,
          [sys.executable, '-m', 'stx_lab.bmc.redfish', '--base',
           paths.base, '--lab', paths.lab_id, '--host', host.name], ready)


# -- broker --------------------------------------------------------------

def new_private_broker() -> tuple[rabbit.PrivateBroker, dict[str, Any]]:
    """A RabbitMQ node of the lab's own (not started) and its record."""
    broker = rabbit.PrivateBroker()
    return broker, {'host': '127.0.0.1', 'port': broker.port,
                    'user': rabbit.USER, 'password': rabbit.PASSWORD,
                    'node': broker.node,
                    'private': {'dir': broker.dir,
                                'dist_port': broker.dist_port}}


def private_broker(record: dict[str, Any]) -> rabbit.PrivateBroker:
    """The lab's private broker, rebuilt from its record."""
    broker = rabbit.PrivateBroker.__new__(rabbit.PrivateBroker)
    broker.port = record['port']
    broker.node = record['node']
    broker.dir = record['private']['dir']
    broker.dist_port = record['private']['dist_port']
    return broker


def remove_private_broker(record: dict[str, Any]) -> None:
    """Shut the lab's private broker down and remove its files; sweep up
    its Erlang processes (``rabbitmqctl shutdown`` can leave a node that
    was ``stop_app``-ed running)."""
    if not record.get('private'):
        return
    if os.path.isdir(record['private']['dir']):
        private_broker(record).destroy()
    node = [pid for pid in procs.all_pids()
            if procs.environ(pid).get('RABBITMQ_NODENAME') == record['node']]
    procs.stop_all(node, timeout=10.0)


def _rabbitmqctl(broker: dict, action: str) -> None:
    argv = ['rabbitmqctl', '-q']
    env = None
    if broker.get('private'):
        env = private_broker(broker)._env()
    if broker.get('node'):
        argv += ['-n', broker['node']]
    try:
        result = subprocess.run(argv + [action], capture_output=True,
                                text=True, timeout=120, check=False,
                                env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise exception.LabError('rabbitmqctl %s: %s' % (action, exc)) \
            from exc
    if result.returncode != 0:
        raise exception.LabError('rabbitmqctl %s failed: %s' % (
            action, (result.stderr or result.stdout).strip()))


def stop_broker(broker: dict, timeout: float = 60.0) -> None:
    """``rabbitmqctl stop_app``: the broker stops serving AMQP."""
    _rabbitmqctl(broker, 'stop_app')
    procs.wait_until(
        lambda: not ports.is_listening(broker['host'], broker['port']),
        timeout, 'broker stopped')


def start_broker(broker: dict, timeout: float = 120.0) -> None:
    """``rabbitmqctl start_app``, then wait for the AMQP port."""
    _rabbitmqctl(broker, 'start_app')
    procs.wait_until(
        lambda: ports.is_listening(broker['host'], broker['port']),
        timeout, 'broker started', interval=0.2)
