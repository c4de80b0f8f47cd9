"""The first process of a booted lab host (its "init").

``Host.boot`` starts ``python -m stx_lab.hostinit`` inside the host's
namespace, in a session of its own: its PID is the host's process group.
It then

1. runs a DHCP client (busybox ``udhcpc``) on the pxeboot link, as a
   PXE-booting server would, so that dnsmasq hands out a lease and calls
   its lease hook with the link's MAC;
2. starts the host's boot services (``services.json``) as its children,
   in its own process group, each logging to ``logs/<host>/<name>.log``;
3. writes ``booted.json`` (boot id, time, service PIDs, DHCP address),
   which ``Host.boot`` waits for;
4. reaps children until SIGTERM, when it terminates its process group.

The boot services get ``FLOCK_BOOT_ID`` (unique per boot) and
``FLOCK_BOOT_TIME`` (seconds since the epoch) in their environment: a
host's processes share the machine's kernel, whose boot id and uptime
are not the host's.

It does not restart services that exit: that is process monitoring's job.
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid

from stx_lab import state

STOP_GRACE = 5.0
BOOT_ID_ENV = 'FLOCK_BOOT_ID'
BOOT_TIME_ENV = 'FLOCK_BOOT_TIME'
DHCP_TIMEOUT = 20


def _log(message: str) -> None:
    sys.stdout.write('%s hostinit: %s\n' % (
        time.strftime('%Y-%m-%d %H:%M:%S'), message))
    sys.stdout.flush()


def _terminate(signum, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _log('stopping (signal %d)' % signum)
    try:
        os.killpg(os.getpgrp(), signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + STOP_GRACE
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.02)
    os._exit(0)


def run_dhcp(paths: state.LabPaths, ifname: str, host: str) -> str | None:
    """Get a lease on ``ifname``; return the address, or None."""
    busybox = shutil.which('busybox')
    if busybox is None:
        _log('no busybox: no DHCP client, pxeboot link left unconfigured')
        return None
    result_file = paths.host_file(host, 'dhcp-address')
    try:
        os.unlink(result_file)
    except FileNotFoundError:
        pass
    argv = [busybox, 'udhcpc', '-i', ifname, '-f', '-q', '-n',
            '-t', '5', '-T', '1', '-A', '1',
            '-s', paths.dhcp('udhcpc-script')]
    env = dict(os.environ, FLOCK_DHCP_RESULT=result_file)
    try:
        done = subprocess.run(argv, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True,
                              timeout=DHCP_TIMEOUT, check=False)
        _log('udhcpc on %s exited %d: %s' % (
            ifname, done.returncode, done.stdout.strip().replace('\n', '; ')))
    except subprocess.TimeoutExpired:
        _log('udhcpc on %s timed out' % ifname)
    try:
        with open(result_file) as handle:
            return handle.read().strip() or None
    except FileNotFoundError:
        return None


def start_services(paths: state.LabPaths, host: str) -> dict[str, int]:
    services = state.read_json(paths.host_file(host, 'services.json'), [])
    root = paths.host_root(host)
    started = {}
    for service in services:
        name = service['name']
        env = dict(os.environ, **service.get('env', {}))
        log = open(paths.log(name, host), 'ab')  # noqa: SIM115
        try:
            proc = subprocess.Popen(service['argv'], stdout=log,
                                    stderr=subprocess.STDOUT, env=env,
                                    cwd=root, stdin=subprocess.DEVNULL)
        except OSError as exc:
            _log('service %s did not start: %s' % (name, exc))
            continue
        finally:
            log.close()
        started[name] = proc.pid
        _log('started %s (pid %d): %s' % (name, proc.pid,
                                          ' '.join(service['argv'])))
    return started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='stx_lab.hostinit')
    parser.add_argument('--base', required=True)
    parser.add_argument('--lab', required=True)
    parser.add_argument('--host', required=True)
    parser.add_argument('--boot-id', type=int, required=True)
    parser.add_argument('--dhcp-ifname')
    parser.add_argument('--boot-time', type=float, default=None)
    args = parser.parse_args(argv)
    os.environ[BOOT_ID_ENV] = str(uuid.uuid4())
    os.environ[BOOT_TIME_ENV] = repr(args.boot_time or time.time())
    signal.signal(signal.SIGTERM, _terminate)
    paths = state.LabPaths(args.lab, args.base)
    _log('booting %s (boot %d)' % (args.host, args.boot_id))
    address = None
    if args.dhcp_ifname:
        address = run_dhcp(paths, args.dhcp_ifname, args.host)
    pids = start_services(paths, args.host)
    state.write_json(paths.host_file(args.host, 'booted.json'), {
        'boot_id': args.boot_id, 'time': time.time(), 'pid': os.getpid(),
        'services': pids, 'dhcp_address': address})
    _log('booted')
    while True:
        try:
            pid, status = os.wait()
            _log('process %d exited (status %d)' % (pid, status))
        except ChildProcessError:
            signal.pause()


if __name__ == '__main__':
    sys.exit(main())
