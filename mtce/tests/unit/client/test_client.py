"""mtce-client against mtce-agent's transport over loopback UDP: the
configuration step, mtcAlive, commands and their results, forged
datagrams."""
import os
import queue
import socket
import stat

import pytest

from mtce.agent import transport as agent_transport
from mtce.client import hostinfo, scripts
from mtce.client import service as client_service
from mtce.common import messages as m
from mtce.tests.unit.agent.harness import make_conf
from stx_common import datagram
from stx_common.testing import waiting


def _script(path, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as handle:
        handle.write('#!/bin/sh\n' + body + '\n')
    os.chmod(path, stat.S_IRWXU)


@pytest.fixture
def site(tmp_path):
    """An agent transport and a client on ports the kernel chose (no
    clash with anything else running on this machine)."""
    ports = dict(agent=dict(mtc_rx_mgmnt_port=0),
                 client=dict(mtc_rx_mgmnt_port=0,
                             controller_mgmt_address='127.0.0.1',
                             mtcalive_period=0.2,
                             host_root=str(tmp_path),
                             reboot_command=['reboot-now']))
    agent_conf = make_conf('controller-0', **ports)
    client_conf = make_conf('worker-0', **ports)
    received = queue.Queue()
    agent = agent_transport.AgentTransport(
        agent_conf, lambda message, net: received.put(message))
    agent.start()
    agent_port = agent._udp.get('mgmt').getsockname()[1]
    client_conf.set_override('mtc_rx_mgmnt_port', agent_port, 'agent')
    ran = []
    env = {'FLOCK_BOOT_ID': 'boot-7', 'FLOCK_BOOT_TIME': '0',
           'FLOCK_PERSONALITY': 'worker', 'PATH': os.environ['PATH']}
    client = client_service.MtcClient(client_conf, environ=env,
                                      runner=ran.append)
    real_start = client.start

    def start():
        real_start()
        port = client._udp.get('mgmt').getsockname()[1]
        agent.ports['mgmt'] = (agent_port, port)
        client.ports['mgmt'] = (agent_port, port)

    client.start = start
    yield agent, client, received, ran, tmp_path
    client.stop()
    client.wait()
    agent.stop()
    agent.wait()


def _next(received, kind, predicate=lambda msg: True, timeout=10.0):
    deadline = waiting.time.monotonic() + timeout
    while waiting.time.monotonic() < deadline:
        try:
            message = received.get(timeout=0.2)
        except queue.Empty:
            continue
        if isinstance(message, kind) and predicate(message):
            return message
    raise AssertionError('no %s' % kind.__name__)


def test_configured_host_sends_mtcalive(site):
    agent, client, received, _, root = site
    _script(str(root / 'etc/config.d/10-ok'), 'exit 0')
    client.start()
    alive = _next(received, m.Alive,
                  lambda a: a.has(m.I_AM_CONFIGURED))
    assert (alive.hostname, alive.boot_id, alive.personality) == (
        'worker-0', 'boot-7', 'worker')
    assert alive.uptime > 1000
    assert not alive.has(m.CONFIG_FAIL)


def test_configuration_failure_flag(site):
    agent, client, received, _, root = site
    _script(str(root / 'etc/config.d/10-bad'), 'echo broken >&2; exit 3')
    client.start()
    alive = _next(received, m.Alive, lambda a: a.has(m.CONFIG_FAIL))
    assert not alive.has(m.I_AM_CONFIGURED)
    with open(root / 'var/run/.config_fail') as handle:
        assert 'broken' in handle.read()


def test_flags_of_an_earlier_boot_do_not_count(tmp_path):
    old = hostinfo.Flags(str(tmp_path), 'boot-1')
    old.set('var/run/.config_pass')
    assert not hostinfo.Flags(str(tmp_path), 'boot-2').is_set(
        'var/run/.config_pass')


def test_goenabled_and_services_commands(site):
    agent, client, received, _, root = site
    _script(str(root / 'etc/goenabled.d/10-pass'), 'exit 0')
    _script(str(root / 'etc/services.d/worker/10-svc'),
            'echo "$1" >> %s' % (root / 'services.log'))
    client.start()
    addresses = {'mgmt': '127.0.0.1'}
    ident = agent.send(addresses, m.CMD_REQ_GOENABLED)
    result = _next(received, m.Result,
                   lambda r: r.ident == ident and r.status != 'ack')
    assert result.status == 'pass'
    ident = agent.send(addresses, m.CMD_START_SERVICES,
                       {'personality': 'worker'})
    assert _next(received, m.Result, lambda r: r.ident == ident and
                 r.status != 'ack').status == 'pass'
    ident = agent.send(addresses, m.CMD_STOP_SERVICES)
    assert _next(received, m.Result, lambda r: r.ident == ident and
                 r.status != 'ack').status == 'pass'
    with open(root / 'services.log') as handle:
        assert handle.read().split() == ['start', 'stop']
    _next(received, m.Alive, lambda a: a.has(m.MAIN_GOENABLED))


def test_goenabled_failure(site):
    agent, client, received, _, root = site
    _script(str(root / 'etc/goenabled.d/10-fail'), 'echo nope; exit 1')
    client.start()
    ident = agent.send({'mgmt': '127.0.0.1'}, m.CMD_REQ_GOENABLED)
    result = _next(received, m.Result,
                   lambda r: r.ident == ident and r.status != 'ack')
    assert result.status == 'fail' and '10-fail exited 1' in result.reason


def test_reboot_is_acknowledged_then_carried_out(site):
    agent, client, received, ran, _ = site
    client.start()
    ident = agent.send({'mgmt': '127.0.0.1'}, m.CMD_REBOOT)
    assert _next(received, m.Result,
                 lambda r: r.ident == ident).status == 'ack'
    waiting.wait_for(lambda: ran == [['reboot-now']], 5,
                     what='reboot command')
    agent.send({'mgmt': '127.0.0.1'}, m.CMD_REBOOT)      # only once
    waiting.time.sleep(0.5)
    assert ran == [['reboot-now']]


def test_locked_flag_and_mtcalive_request(site):
    agent, client, received, _, root = site
    client.start()
    agent.send({'mgmt': '127.0.0.1'}, m.CMD_LOCKED)
    _next(received, m.Alive, lambda a: a.has(m.I_AM_LOCKED))
    agent.send({'mgmt': '127.0.0.1'}, m.CMD_UNLOCKED)
    _next(received, m.Alive, lambda a: not a.has(m.I_AM_LOCKED))


def test_forged_and_replayed_datagrams_are_dropped(site):
    agent, client, received, ran, _ = site
    client.start()
    port = client.ports['mgmt'][1]
    forger = datagram.Sealer(b'not-the-key', 'controller-0')
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.sendto(m.seal_command(forger, m.CMD_REBOOT, 1),
                    ('127.0.0.1', port))
        good = m.seal_command(agent.sealer, m.CMD_LOCKED, 99)
        sock.sendto(good, ('127.0.0.1', port))
        sock.sendto(good, ('127.0.0.1', port))        # replayed
    waiting.wait_for(lambda: client.opener.counters.forged == 1 and
                     client.opener.counters.replayed == 1, 5,
                     what='drop counters')
    assert ran == []


def test_scripts_in_name_order(tmp_path):
    _script(str(tmp_path / '20-b'), 'echo b >> %s' % (tmp_path / 'log'))
    _script(str(tmp_path / '10-a'), 'echo a >> %s' % (tmp_path / 'log'))
    (tmp_path / '05-not-executable').write_text('exit 1')
    assert scripts.run_all(str(tmp_path)) == (True, '')
    assert (tmp_path / 'log').read_text().split() == ['a', 'b']
    assert scripts.run_all(str(tmp_path / 'missing')) == (True, '')
    _script(str(tmp_path / '30-slow'), 'sleep 5')
    ok, reason = scripts.run_all(str(tmp_path), timeout=0.2)
    assert not ok and 'timed out' in reason
