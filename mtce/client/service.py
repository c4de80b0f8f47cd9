"""mtce-client's maintenance part (the mtcClient role).

* At start, once per boot: the configuration scripts (``[client]
  config_dir``) run and set the configured flag, or the configuration
  failure flag (the Flock's stand-in for StarlingX's boot-time
  configuration, which writes ``.config_pass`` / ``.config_fail``).
* Every ``mtcalive_period`` seconds, and whenever mtce-agent asks, an
  mtcAlive goes to mtce-agent on mgmt (and cluster-host when
  ``controller_clstr_address`` is set) with the uptime, the boot id and
  the flags of this boot.
* Commands of mtce-agent are carried out and answered: ``reboot`` (ack,
  then ``[client] reboot_command``), ``lazy-reboot`` (the same after
  ``lazy_reboot_delay``), ``wipedisk``, ``req-goenabled`` (the goenabled
  scripts: pass or fail), ``start-services`` / ``stop-services`` (the
  host services scripts of the host's personality with ``start`` /
  ``stop``), ``locked`` / ``unlocked`` (the locked flag).

Commands that run scripts run in a thread of their own; the same command
asked again while it runs is answered once it ends. Everything is sealed
with the site's maintenance key; forged, replayed and malformed datagrams
are dropped and counted.
"""
import os
import socket
import subprocess
import threading
import time

from oslo_log import log

from mtce.agent import transport as agent_transport
from mtce.client import hostinfo, scripts
from mtce.common import messages as m
from mtce.heartbeat import sockets
from stx_common import datagram, udp

LOG = log.getLogger(__name__)

LOCKED_FLAG = 'var/run/.node_locked'
GOENABLED_FLAG = 'var/run/goenabled'
GOENABLE_FAIL_FLAG = 'var/run/.goenabled_failed'
SERVICES_FAIL_FLAG = 'var/run/.services_failed'
REBOOT_DELAY = 0.3          # lets the acknowledgement leave first
PERSONALITY_ENV = 'FLOCK_PERSONALITY'


class MtcClient:
    """A start/stop/wait part."""

    def __init__(self, conf, environ=None, runner=None):
        self.conf = conf
        self.environ = dict(os.environ if environ is None else environ)
        self.hostname = conf.host
        self.personality = self.environ.get(PERSONALITY_ENV, '')
        self.root = hostinfo.host_root(conf.client.host_root, self.environ)
        self.boot = hostinfo.boot_id(self.environ)
        self.flags = hostinfo.Flags(self.root, self.boot)
        key = agent_transport.load_key(conf)
        self.sealer = datagram.Sealer(key, self.hostname)
        self.opener = datagram.Opener(key)
        self.ports = agent_transport.ports(conf)
        self.endpoints = sockets.local_endpoints(conf)
        self.controllers = {'mgmt': conf.client.controller_mgmt_address}
        if conf.client.controller_clstr_address and \
                'cluster-host' in self.endpoints:
            self.controllers['cluster-host'] = \
                conf.client.controller_clstr_address
        self.runner = runner or self._run_command
        self.stats = {'alive_sent': 0, 'commands': 0, 'send_errors': 0,
                      'invalid': 0}
        self._reader = udp.ReaderThread(self._loop, 'mtce-client')
        self._udp = self._reader.selector
        self._lock = threading.Lock()
        self._running = {}          # command -> [(ident, network, addr)]
        self._rebooting = False
        self._resolved = {}

    # -- flags -------------------------------------------------------------
    def current_flags(self):
        flags = 0
        client = self.conf.client
        if self.flags.is_set(client.config_pass_file):
            flags |= m.I_AM_CONFIGURED | m.I_AM_HEALTHY
        if self.flags.is_set(client.config_fail_file):
            flags |= m.CONFIG_FAIL | m.I_AM_NOT_HEALTHY
        if os.path.exists(hostinfo.path(self.root, LOCKED_FLAG)):
            flags |= m.I_AM_LOCKED
        if self.flags.is_set(GOENABLED_FLAG):
            flags |= m.MAIN_GOENABLED
        if self.flags.is_set(GOENABLE_FAIL_FLAG):
            flags |= m.MAIN_GOENABLE_FAIL
        if self.flags.is_set(SERVICES_FAIL_FLAG):
            flags |= m.MAIN_SERVICES_FAIL
        return flags

    def configure(self):
        """The configuration scripts, once per boot."""
        client = self.conf.client
        if self.flags.is_set(client.config_pass_file) or \
                self.flags.is_set(client.config_fail_file):
            return
        ok, reason = scripts.run_all(
            hostinfo.path(self.root, client.config_dir),
            timeout=client.script_timeout, env=self.environ, cwd=self.root)
        if ok:
            self.flags.clear(client.config_fail_file)
            self.flags.set(client.config_pass_file)
            LOG.info('Host configured')
        else:
            self.flags.clear(client.config_pass_file)
            self.flags.set(client.config_fail_file, reason)
            LOG.error('Host configuration failed: %s', reason)
        self.send_alive()

    # -- start / stop ----------------------------------------------------
    def start(self):
        for network in self.endpoints:
            self._udp.register(network,
                               udp.bound_socket(self.ports[network][1]))
        self._reader.start()
        threading.Thread(target=self.configure, daemon=True,
                         name='mtce-client-config').start()
        LOG.info('mtce-client %s (boot %s, uptime %ds): mtcAlive to %s',
                 self.hostname, self.boot, hostinfo.uptime(self.environ),
                 ', '.join('%s %s' % i for i in self.controllers.items()))

    def stop(self):
        self._reader.stop()

    def wait(self):
        self._reader.wait()

    # -- mtcAlive ------------------------------------------------------------
    def _controller(self, network):
        name = self.controllers[network]
        try:
            address = socket.gethostbyname(name)
        except OSError as exc:
            if self._resolved.get(network) != 'error':
                LOG.warning('Cannot resolve %s: %s', name, exc)
            self._resolved[network] = 'error'
            return None
        self._resolved[network] = address
        return address

    def send_alive(self):
        flags = self.current_flags()
        uptime = hostinfo.uptime(self.environ)
        for network in self.controllers:
            sock = self._udp.get(network)
            address = self._controller(network)
            if sock is None or address is None:
                continue
            data = m.seal_alive(self.sealer, network, uptime, self.boot,
                                flags, self.personality)
            try:
                sock.sendto(data, (address, self.ports[network][0]))
                self.stats['alive_sent'] += 1
            except OSError as exc:
                self.stats['send_errors'] += 1
                LOG.debug('mtcAlive on %s failed: %s', network, exc)

    def _loop(self):
        period = self.conf.client.mtcalive_period
        next_alive = time.monotonic()
        while not self._reader.stopping.is_set():
            now = time.monotonic()
            if now >= next_alive:
                self.send_alive()
                next_alive = now + period
            timeout = max(0.0, next_alive - time.monotonic())
            for network, sock in self._udp.ready(timeout):
                for data, address in sockets.drain(sock):
                    self._receive(data, network, address)

    # -- commands ----------------------------------------------------------
    def _receive(self, data, network, address):
        try:
            message = m.decode(self.opener.open(data))
        except datagram.Rejected as exc:
            if isinstance(exc, m.MessageError):
                self.stats['invalid'] += 1
            LOG.debug('Dropped a datagram on %s: %s', network, exc)
            return
        if not isinstance(message, m.Command):
            self.stats['invalid'] += 1
            return
        self.stats['commands'] += 1
        self.handle(message, network, address)

    def reply(self, network, address, command, ident, status, reason=''):
        sock = self._udp.get(network)
        if sock is None:
            return
        try:
            sock.sendto(m.seal_result(self.sealer, command, ident, status,
                                      reason), address)
        except OSError as exc:
            self.stats['send_errors'] += 1
            LOG.debug('Result of %s to %s failed: %s', command, address,
                      exc)

    def handle(self, cmd, network, address):
        LOG.debug('Command %s (%d) from %s on %s', cmd.command, cmd.ident,
                  cmd.sender, network)
        if cmd.command == m.CMD_REQ_MTCALIVE:
            self.send_alive()
        elif cmd.command in (m.CMD_REBOOT, m.CMD_LAZY_REBOOT):
            self.reply(network, address, cmd.command, cmd.ident,
                       m.STATUS_ACK)
            delay = self.conf.client.lazy_reboot_delay \
                if cmd.command == m.CMD_LAZY_REBOOT else REBOOT_DELAY
            self._reboot(delay)
        elif cmd.command == m.CMD_WIPEDISK:
            command = self.conf.client.wipedisk_command
            if command:
                self.runner(list(command))
            self.reply(network, address, cmd.command, cmd.ident,
                       m.STATUS_ACK)
        elif cmd.command in (m.CMD_LOCKED, m.CMD_UNLOCKED):
            flag = hostinfo.path(self.root, LOCKED_FLAG)
            if cmd.command == m.CMD_LOCKED:
                os.makedirs(os.path.dirname(flag), exist_ok=True)
                open(flag, 'w').close()
            elif os.path.exists(flag):
                os.unlink(flag)
            self.reply(network, address, cmd.command, cmd.ident,
                       m.STATUS_ACK)
        elif cmd.command in (m.CMD_REQ_GOENABLED, m.CMD_START_SERVICES,
                             m.CMD_STOP_SERVICES):
            self._in_thread(cmd, network, address)

    def _in_thread(self, cmd, network, address):
        with self._lock:
            waiting = self._running.get(cmd.command)
            if waiting is not None:
                waiting.append((cmd.ident, network, address))
                return
            self._running[cmd.command] = [(cmd.ident, network, address)]
        self.reply(network, address, cmd.command, cmd.ident, m.STATUS_ACK)
        threading.Thread(target=self._work, args=(cmd,), daemon=True,
                         name='mtce-client-%s' % cmd.command).start()

    def _work(self, cmd):
        try:
            ok, reason = self._execute(cmd)
        except Exception as exc:  # noqa: BLE001 - answered as a failure
            LOG.exception('%s failed', cmd.command)
            ok, reason = False, str(exc)
        with self._lock:
            waiting = self._running.pop(cmd.command, [])
        status = m.STATUS_PASS if ok else m.STATUS_FAIL
        for ident, network, address in waiting:
            self.reply(network, address, cmd.command, ident, status,
                       reason)
        self.send_alive()

    def _execute(self, cmd):
        client = self.conf.client
        if cmd.command == m.CMD_REQ_GOENABLED:
            self.flags.clear(GOENABLED_FLAG)
            self.flags.clear(GOENABLE_FAIL_FLAG)
            ok, reason = scripts.run_all(
                hostinfo.path(self.root, client.goenabled_dir),
                timeout=client.script_timeout, env=self.environ,
                cwd=self.root)
            self.flags.set(GOENABLED_FLAG if ok else GOENABLE_FAIL_FLAG,
                           reason)
            LOG.info('goenabled tests %s%s', 'passed' if ok else 'failed',
                     ': ' + reason if reason else '')
            return ok, reason
        action = 'start' if cmd.command == m.CMD_START_SERVICES else 'stop'
        personality = cmd.args.get('personality') or self.personality
        directory = os.path.join(client.services_dir, personality or '')
        ok, reason = scripts.run_all(
            hostinfo.path(self.root, directory), args=(action,),
            timeout=client.script_timeout, env=self.environ, cwd=self.root)
        if action == 'start':
            if ok:
                self.flags.clear(SERVICES_FAIL_FLAG)
            else:
                self.flags.set(SERVICES_FAIL_FLAG, reason)
        LOG.info('host services %s: %s%s', action,
                 'passed' if ok else 'failed',
                 ': ' + reason if reason else '')
        return ok, reason

    # -- reboot ------------------------------------------------------------
    def _reboot(self, delay):
        with self._lock:
            if self._rebooting:
                return
            self._rebooting = True
        LOG.warning('Rebooting in %gs (maintenance request): %s', delay,
                    ' '.join(self.conf.client.reboot_command))

        def later():
            time.sleep(delay)
            self.runner(list(self.conf.client.reboot_command))

        threading.Thread(target=later, daemon=True,
                         name='mtce-client-reboot').start()

    def _run_command(self, argv):
        try:
            subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                             start_new_session=True, env=self.environ,
                             cwd=self.root)
        except OSError as exc:
            LOG.error('Cannot run %s: %s', ' '.join(argv), exc)
            with self._lock:
                self._rebooting = False
