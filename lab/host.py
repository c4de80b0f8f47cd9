"""A lab host: its namespace, root directory, processes and power.

A host's processes run inside its network namespace (``ip netns exec``)
as one process group led by :mod:`stx_lab.hostinit`, with ``FLOCK_HOST``,
``FLOCK_HOST_ROOT`` and ``FLOCK_LAB`` in their environment. Power
transitions of one host are serialised by a file lock, so the CLI, a test
and the BMC emulators may drive the same host concurrently:

``boot``
    bring the host's links up, start hostinit (DHCP on pxeboot, then the
    boot services), record a new boot time; waits for ``booted.json``.
``halt``
    power-off: down the host's links, SIGTERM its processes, SIGKILL
    whatever is left after a grace period.
``shutdown``
    graceful power-off (IPMI "soft"): SIGTERM first, then links down.
``crash``
    SIGKILL every process of the host and down its links, with no BMC
    involved; the power stays on (as after a kernel panic) until a reset.
``reset``
    halt, then boot.

The host-side end of each link models the NIC (down while the host is
off); the bridge-side end models the cable: ``cut_link`` downs it, and it
stays cut across reboots until ``restore_link``.
"""
import contextlib
import os
import signal
import subprocess
import sys
import time
from typing import Any

from stx_lab import exception, network, procs, state

BOOT_TIMEOUT = 60.0
HALT_GRACE = 5.0
OFF = 'off'
ON = 'on'


class Host:
    """One host of a running lab."""

    def __init__(self, paths: state.LabPaths, record: state.HostRecord):
        self.paths = paths
        self.record = record
        self.name = record.name
        self.namespace = record.namespace
        self.root = paths.host_root(record.name)

    # -- state ---------------------------------------------------------

    def _file(self, name: str) -> str:
        return self.paths.host_file(self.name, name)

    def runtime(self) -> dict[str, Any]:
        return state.read_json(self._file('runtime.json'), {
            'power': OFF, 'boot_time': None, 'boot_count': 0,
            'init': None, 'crashed': False})

    def _save_runtime(self, runtime: dict[str, Any]) -> None:
        state.write_json(self._file('runtime.json'), runtime)

    @contextlib.contextmanager
    def _locked(self):
        with state.locked(self._file('.lock')):
            yield

    def power_state(self) -> str:
        """``on`` or ``off``, as the BMC reports it."""
        return self.runtime()['power']

    @property
    def boot_time(self) -> float | None:
        return self.runtime()['boot_time']

    def uptime(self) -> float | None:
        boot_time = self.boot_time
        return None if boot_time is None else time.time() - boot_time

    def running(self) -> bool:
        """Powered on, not crashed, and its init alive."""
        runtime = self.runtime()
        init = runtime.get('init')
        return (runtime['power'] == ON and not runtime.get('crashed')
                and bool(init) and procs.alive(*init))

    def env(self) -> dict[str, str]:
        """The environment every process of the host starts with."""
        bindir = os.path.dirname(sys.executable)
        env = {
            'PATH': os.pathsep.join([bindir, '/usr/local/sbin',
                                     '/usr/local/bin', '/usr/sbin',
                                     '/usr/bin', '/sbin', '/bin']),
            'LANG': 'C.UTF-8',
            'HOME': self.root,
            'PYTHONUNBUFFERED': '1',
            procs.LAB_ENV: self.paths.lab_id,
            procs.HOST_ENV: self.name,
            procs.HOST_ROOT_ENV: self.root,
            'FLOCK_LAB_DIR': self.paths.root,
            'FLOCK_PERSONALITY': self.record.personality,
        }
        env.update(self.record.env)
        return env

    # -- boot services -------------------------------------------------

    def services(self) -> list[dict[str, Any]]:
        return state.read_json(self._file('services.json'), [])

    def set_services(self, services: list) -> None:
        """Commands started at every boot: argv lists, or dicts with
        ``argv`` and optional ``name`` and ``env``. Used from the next
        boot on."""
        normalised = []
        for item in services:
            if not isinstance(item, dict):
                item = {'argv': list(item)}
            argv = [str(a) for a in item['argv']]
            name = item.get('name') or os.path.basename(argv[0])
            normalised.append({'name': name, 'argv': argv,
                               'env': dict(item.get('env', {}))})
        names = [s['name'] for s in normalised]
        if len(set(names)) != len(names):
            raise exception.LabError('boot services of %s need distinct '
                                     'names: %s' % (self.name, names))
        state.write_json(self._file('services.json'), normalised)

    # -- power -----------------------------------------------------------

    def boot(self, timeout: float = BOOT_TIMEOUT) -> None:
        """Power on and boot; no-op when already running."""
        with self._locked():
            if self.running():
                return
            runtime = self.runtime()
            self._kill_all(signal.SIGKILL, 0)    # leftovers of a crash
            self._set_host_links(True)
            boot_id = runtime.get('boot_count', 0) + 1
            boot_time = time.time()
            argv = [sys.executable, '-m', 'stx_lab.hostinit',
                    '--base', self.paths.base, '--lab', self.paths.lab_id,
                    '--host', self.name, '--boot-id', str(boot_id),
                    '--boot-time', repr(boot_time)]
            pxe = self.record.links.get('pxeboot')
            if pxe is not None and pxe.address is None:
                argv += ['--dhcp-ifname', pxe.ifname]
            os.makedirs(self.root, exist_ok=True)
            init = procs.spawn(procs.netns_argv(self.namespace, argv),
                               self.paths.log('init', self.name), self.env(),
                               cwd=self.root)
            runtime.update(power=ON, boot_time=boot_time,
                           boot_count=boot_id, init=list(init),
                           crashed=False)
            self._save_runtime(runtime)
            self._wait_booted(boot_id, init, timeout)

    def _wait_booted(self, boot_id: int, init: tuple[int, int],
                     timeout: float) -> None:
        def booted():
            if not procs.alive(*init):
                return 'dead'
            done = state.read_json(self._file('booted.json'), {})
            return done.get('boot_id') == boot_id

        try:
            outcome = procs.wait_until(booted, timeout,
                                       'boot of %s' % self.name)
        except AssertionError as exc:
            raise exception.LabError(str(exc)) from None
        if outcome == 'dead':
            raise exception.LabError(
                'init of %s exited during boot; see %s'
                % (self.name, self.paths.log('init', self.name)))

    def halt(self, grace: float = HALT_GRACE) -> None:
        """Power off: links down, processes stopped. No-op when off."""
        with self._locked():
            runtime = self.runtime()
            if runtime['power'] == OFF:
                return
            self._set_host_links(False)
            self._kill_all(signal.SIGTERM, grace)
            self._power_off(runtime)

    def shutdown(self, grace: float = HALT_GRACE * 2) -> None:
        """Graceful power off: processes stopped first, then links."""
        with self._locked():
            runtime = self.runtime()
            if runtime['power'] == OFF:
                return
            self._kill_all(signal.SIGTERM, grace)
            self._set_host_links(False)
            self._power_off(runtime)

    def crash(self) -> None:
        """SIGKILL everything, down the links; the power stays on."""
        with self._locked():
            runtime = self.runtime()
            self._set_host_links(False)
            self._kill_all(signal.SIGKILL, 0)
            if runtime['power'] == ON:
                runtime.update(crashed=True, init=None)
                self._save_runtime(runtime)

    def reset(self, timeout: float = BOOT_TIMEOUT) -> None:
        self.halt(grace=HALT_GRACE)
        self.boot(timeout)

    def _power_off(self, runtime: dict[str, Any]) -> None:
        pxe = self.record.links.get('pxeboot')
        if pxe is not None and pxe.address is None and self.namespace:
            network.flush_addresses(pxe.ifname, self.namespace)
        runtime.update(power=OFF, boot_time=None, init=None, crashed=False)
        self._save_runtime(runtime)

    def _kill_all(self, sig: int, grace: float) -> None:
        init = self.runtime().get('init')
        if init and procs.alive(*init):
            procs.signal_group(init[0], sig)
        procs.stop_all(self.processes(), timeout=grace, sig=sig)

    # -- processes -------------------------------------------------------

    def processes(self) -> list[int]:
        """Every live process of the host."""
        return procs.marked(self.paths.lab_id, self.name)

    def find_processes(self, name: str) -> list[int]:
        """Processes of the host called ``name``: a boot service name, a
        command name, or the basename of the program (or of the script a
        Python interpreter runs)."""
        booted = state.read_json(self._file('booted.json'), {})
        found = []
        for pid in self.processes():
            argv = procs.cmdline(pid)
            names = {procs.comm(pid)}
            if argv:
                program = os.path.basename(argv[0])
                names.add(program)
                if program.startswith('python') and len(argv) > 1:
                    if argv[1] == '-m' and len(argv) > 2:
                        names.add(argv[2])
                    else:
                        names.add(os.path.basename(argv[1]))
            if booted.get('services', {}).get(name) == pid:
                names.add(name)
            if name in names:
                found.append(pid)
        return found

    def kill_process(self, name: str, sig: int = signal.SIGKILL) -> list[int]:
        """Signal every process of the host called ``name``.

        :raises LabError: when there is none.
        """
        pids = self.find_processes(name)
        if not pids:
            raise exception.LabError('no process %r on %s' % (name,
                                                             self.name))
        procs.signal_pids(pids, sig)
        return pids

    def exec(self, argv: list[str], capture: bool = True,
             timeout: float | None = None, check: bool = False,
             input: str | None = None) -> subprocess.CompletedProcess:
        """Run a command on the host (in its namespace, with its
        environment) and wait for it.

        :raises LabError: when the host is not running.
        """
        if not self.running():
            raise exception.LabError('%s is not running (power %s)'
                                     % (self.name, self.power_state()))
        return subprocess.run(
            procs.netns_argv(self.namespace, argv), env=self.env(),
            cwd=self.root, capture_output=capture, text=True,
            timeout=timeout, check=check, input=input)

    def popen(self, argv: list[str], **kwargs) -> subprocess.Popen:
        """Start a command on the host; the caller owns the process."""
        kwargs.setdefault('env', self.env())
        kwargs.setdefault('cwd', self.root)
        return subprocess.Popen(procs.netns_argv(self.namespace, argv),
                                **kwargs)

    # -- links -----------------------------------------------------------

    def _link(self, net: str) -> state.LinkRecord:
        try:
            return self.record.links[net]
        except KeyError:
            raise exception.LabError('%s has no link on %s (links: %s)' % (
                self.name, net, ', '.join(self.record.links))) from None

    def _set_host_links(self, up: bool) -> None:
        if not self.namespace:
            return
        for link in self.record.links.values():
            network.set_link(link.ifname, up, self.namespace)
        if up:
            for dst, gateway in self.record.routes:
                with contextlib.suppress(Exception):
                    network.replace_route(self.namespace, dst, gateway)

    def cut_link(self, net: str) -> None:
        """Unplug the cable: down the bridge side of the link."""
        network.set_link(self._link(net).peer, False)

    def restore_link(self, net: str) -> None:
        network.set_link(self._link(net).peer, True)

    def links(self) -> dict[str, dict[str, Any]]:
        """Per network: interface, address, MAC and ``up`` / ``down``
        (host side down: powered off) / ``cut`` (bridge side down)."""
        result = {}
        for net, link in self.record.links.items():
            inner = network.link_state(link.ifname, self.namespace)
            outer = network.link_state(link.peer)
            if outer.get('admin') != 'up':
                status = 'cut'
            elif inner.get('admin') != 'up':
                status = 'down'
            else:
                status = 'up'
            address = link.address
            if address is None:
                found = network.addresses(link.ifname, self.namespace)
                address = found[0].split('/')[0] if found else None
            result[net] = {'ifname': link.ifname, 'address': address,
                           'mac': link.mac, 'state': status}
        return result

    def status(self) -> dict[str, Any]:
        runtime = self.runtime()
        power = runtime['power']
        if power == ON and runtime.get('crashed'):
            condition = 'crashed'
        elif power == ON:
            condition = 'running' if self.running() else 'init-dead'
        else:
            condition = 'off'
        return {'name': self.name, 'personality': self.record.personality,
                'power': power, 'state': condition,
                'boot_time': runtime['boot_time'], 'uptime': self.uptime(),
                'boot_count': runtime.get('boot_count', 0),
                'links': self.links(), 'bmc': self.record.bmc.url}
