"""Processes of a lab: started detached, found again, stopped by PID.

Every process a lab starts is *detached*: a short-lived trampoline forks
it into a session of its own and exits, so the process is re-parented to
init and outlives the ``stx-lab`` command (or test) that started it. The
lab records ``(pid, start time)``; the start time guards against killing a
recycled PID. Every such process also carries ``FLOCK_LAB=<id>`` (and host
processes ``FLOCK_HOST=<name>``) in its environment, which lets ``down``
and ``crash`` sweep up processes nobody recorded (a daemon that
double-forked, a command run with ``stx-lab exec``).
"""
from collections.abc import Iterable, Iterator
import contextlib
import os
import signal
import subprocess
import sys

from stx_common.testing import waiting

LAB_ENV = 'FLOCK_LAB'
HOST_ENV = 'FLOCK_HOST'
HOST_ROOT_ENV = 'FLOCK_HOST_ROOT'

# Forks the command into its own session, redirects its output to the log
# and prints its PID; a close-on-exec pipe reports a failed exec.
_TRAMPOLINE = r'''
import os, sys
log, cwd, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    try:
        os.setsid()
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.chdir(cwd)
        os.execvp(argv[0], argv)
    except OSError as exc:
        os.write(w, ('%s: %s' % (argv[0], exc)).encode())
    os._exit(127)
os.close(w)
error = os.read(r, 4096)
if error:
    sys.exit(error.decode())
print(pid)
'''


class SpawnError(RuntimeError):
    pass


def netns_argv(namespace: str | None, argv: Iterable[str]) -> list[str]:
    """``argv`` run inside ``namespace`` (``ip netns exec`` also remounts
    ``/sys``, so the process sees the namespace's own NICs)."""
    argv = list(argv)
    if namespace is None:
        return argv
    return ['ip', 'netns', 'exec', namespace] + argv


def spawn(argv: list[str], log_path: str, env: dict[str, str],
          cwd: str = '/') -> tuple[int, int]:
    """Start ``argv`` detached; return ``(pid, start time)``.

    :raises SpawnError: when the command cannot be executed.
    """
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    result = subprocess.run(
        [sys.executable, '-S', '-c', _TRAMPOLINE, log_path, cwd] + argv,
        env=env, capture_output=True, text=True, timeout=60, check=False)
    if result.returncode != 0:
        raise SpawnError(result.stderr.strip() or 'spawn failed')
    pid = int(result.stdout.strip())
    return pid, start_time(pid) or 0


def _stat(pid: int) -> list[str] | None:
    try:
        with open('/proc/%d/stat' % pid) as handle:
            data = handle.read()
    except OSError:
        return None
    # the command name may hold spaces and parentheses: split after it.
    return data[data.rindex(')') + 2:].split()


def start_time(pid: int) -> int | None:
    fields = _stat(pid)
    return int(fields[19]) if fields else None


def alive(pid: int | None, started: int | None = None) -> bool:
    """True while ``pid`` runs (zombies are dead) and, if ``started`` is
    given, is still the process that started then."""
    if not pid:
        return False
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)      # reap it if it is our child
    fields = _stat(pid)
    if not fields or fields[0] in ('Z', 'X'):
        return False
    return not started or int(fields[19]) == started


def pgid(pid: int) -> int | None:
    fields = _stat(pid)
    return int(fields[2]) if fields else None


def environ(pid: int) -> dict[str, str]:
    try:
        with open('/proc/%d/environ' % pid, 'rb') as handle:
            raw = handle.read()
    except OSError:
        return {}
    env = {}
    for item in raw.split(b'\0'):
        key, sep, value = item.partition(b'=')
        if sep:
            env[key.decode(errors='replace')] = value.decode(
                errors='replace')
    return env


def cmdline(pid: int) -> list[str]:
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as handle:
            raw = handle.read()
    except OSError:
        return []
    return [part.decode(errors='replace') for part in raw.split(b'\0')
            if part]


def comm(pid: int) -> str:
    try:
        with open('/proc/%d/comm' % pid) as handle:
            return handle.read().strip()
    except OSError:
        return ''


def all_pids() -> Iterator[int]:
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            yield int(entry)


def _protected() -> set[int]:
    """This process and its ancestors: never swept."""
    pids, pid = set(), os.getpid()
    while pid > 1:
        pids.add(pid)
        fields = _stat(pid)
        if not fields:
            break
        pid = int(fields[1])
    return pids


def marked(lab_id: str, host: str | None = None) -> list[int]:
    """Live processes whose environment marks them as the lab's (and, if
    given, the host's)."""
    protected = _protected()
    found = []
    for pid in all_pids():
        if pid in protected:
            continue
        env = environ(pid)
        if env.get(LAB_ENV) != lab_id:
            continue
        if host is not None and env.get(HOST_ENV) != host:
            continue
        if alive(pid):
            found.append(pid)
    return found


def signal_pids(pids: Iterable[int], sig: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)


def signal_group(leader: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(leader, sig)


def wait_gone(pids: Iterable[int], timeout: float) -> bool:
    pids = list(pids)
    try:
        waiting.wait_for(lambda: not any(alive(p) for p in pids), timeout,
                         interval=0.02, what='processes %s gone' % pids)
        return True
    except waiting.Timeout:
        return False


def stop(pid: int, started: int | None = None, timeout: float = 10.0,
         group: bool = True, sig: int = signal.SIGTERM) -> None:
    """Stop a process (and its process group): ``sig``, then SIGKILL
    after ``timeout``. A PID that now belongs to another process is left
    alone."""
    if not alive(pid, started):
        return
    leader = group and pgid(pid) == pid
    send = signal_group if leader else (lambda p, s: signal_pids([p], s))
    send(pid, sig)
    if sig != signal.SIGKILL and wait_gone([pid], timeout):
        return
    send(pid, signal.SIGKILL)
    wait_gone([pid], 10.0)


def stop_all(pids: Iterable[int], timeout: float = 5.0,
             sig: int = signal.SIGTERM) -> None:
    """Signal every PID, wait, then SIGKILL the ones left."""
    pids = [p for p in pids if alive(p)]
    if not pids:
        return
    signal_pids(pids, sig)
    if sig != signal.SIGKILL and wait_gone(pids, timeout):
        return
    signal_pids([p for p in pids if alive(p)], signal.SIGKILL)
    wait_gone(pids, 10.0)


def wait_until(predicate, timeout: float, what: str, interval: float = 0.05):
    """Poll ``predicate`` until truthy (deadline-bound, no fixed sleeps)."""
    return waiting.wait_for(predicate, timeout, interval=interval, what=what)
