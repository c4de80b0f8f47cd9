import os
import signal
import sys

import pytest

from stx_lab import procs


def _env(lab='ut01', host=None):
    env = dict(os.environ, **{procs.LAB_ENV: lab})
    if host:
        env[procs.HOST_ENV] = host
    return env


def test_spawned_process_is_detached_marked_and_stopped(tmp_path):
    log = str(tmp_path / 'p.log')
    pid, started = procs.spawn(
        [sys.executable, '-c', 'import time; print("hi", flush=True); '
         'time.sleep(60)'], log, _env(host='worker-0'))
    try:
        assert procs.alive(pid, started)
        assert procs.pgid(pid) == pid                 # its own session
        assert pid in procs.marked('ut01')
        assert pid in procs.marked('ut01', 'worker-0')
        assert pid not in procs.marked('ut01', 'worker-1')
        assert pid not in procs.marked('ut02')
        assert not procs.alive(pid, started + 1)      # recycled PID guard
    finally:
        procs.stop(pid, started, timeout=5)
    assert not procs.alive(pid)


def test_stop_escalates_to_sigkill(tmp_path):
    pid, started = procs.spawn(
        [sys.executable, '-c', 'import signal, time; '
         'signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)'],
        str(tmp_path / 'p.log'), _env())
    procs.stop(pid, started, timeout=0.5)
    assert not procs.alive(pid)


def test_spawn_reports_a_missing_program(tmp_path):
    with pytest.raises(procs.SpawnError, match='no-such-program'):
        procs.spawn(['no-such-program-x'], str(tmp_path / 'p.log'), _env())


def test_netns_argv():
    assert procs.netns_argv(None, ['true']) == ['true']
    assert procs.netns_argv('flock-ab12-worker-0', ['true']) == [
        'ip', 'netns', 'exec', 'flock-ab12-worker-0', 'true']


def test_this_process_is_never_swept(monkeypatch):
    monkeypatch.setenv(procs.LAB_ENV, 'ut03')
    assert os.getpid() not in procs.marked('ut03')
    procs.signal_pids([], signal.SIGTERM)
