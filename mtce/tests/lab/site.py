"""A standard lab with the Flock running in it, for scenario tests.

::

    from mtce.tests.lab import site

    flock = site.flock_lab(hold=('worker-1',))

    @pytest.mark.lab
    @pytest.mark.root
    def test_something(flock):
        site.system(flock, 'host-lock', 'worker-0')

The lab (:func:`stx_lab.flock.up`) is built once per module and removed
afterwards; see :mod:`stx_lab.flock` for what runs where. Helpers run the
``system`` and ``fm`` CLIs against it, read FM's alarms and events, and
record the sequence of states sysinv shows for a host.
"""
import os
import subprocess
import sys
import threading
import time

import pytest
import requests

from stx_common.testing import waiting
from stx_lab import flock as flockmod
from stx_lab import site as sitemod
from stx_lab import testing

BIN = os.path.dirname(sys.executable)


def flock_lab(scope='module', name='flock', workers=2, unlock='all',
              hold=(), mtce=None, **up_kwargs):
    """A fixture yielding the :class:`~stx_lab.flock.Flock` of a running
    standard lab."""

    @pytest.fixture(scope=scope, name=name)
    def _flock():
        testing.require_root()
        lab = sitemod.Site()
        deployment = flockmod.up(lab, workers=workers, unlock=unlock,
                                 hold=hold, mtce=mtce, **up_kwargs)
        try:
            yield deployment
        finally:
            lab.down()

    return _flock


def cli(deployment, program, *args, check=True, timeout=60):
    """Run ``system`` or ``fm`` against the lab; its CompletedProcess."""
    env = dict(os.environ, COLUMNS='200', **deployment.cli_env())
    done = subprocess.run([os.path.join(BIN, program), *args], env=env,
                          capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError('%s %s failed (%d): %s' % (
            program, ' '.join(args), done.returncode,
            done.stderr or done.stdout))
    return done


def system(deployment, *args, **kwargs):
    return cli(deployment, 'system', *args, **kwargs)


def fm(deployment, *args, **kwargs):
    return cli(deployment, 'fm', *args, **kwargs)


def alarms(deployment):
    """FM's active alarms: {(alarm id, entity): severity}."""
    response = requests.get(deployment.fm_url + '/v1/alarms',
                            headers={'X-Auth-Token': 'noauth'}, timeout=30)
    response.raise_for_status()
    return {(a['alarm_id'], a['entity_instance_id']): a['severity']
            for a in response.json()['alarms']}


def events(deployment, limit=200):
    """FM's event log, newest first: (id, state, entity) triples."""
    response = requests.get(deployment.fm_url + '/v1/event_log',
                            params={'limit': limit},
                            headers={'X-Auth-Token': 'noauth'}, timeout=30)
    response.raise_for_status()
    return [(e['event_log_id'], e['state'], e['entity_instance_id'])
            for e in response.json()['event_log']]


def wait(predicate, what, timeout=120.0, interval=0.25):
    return waiting.wait_for(predicate, timeout, interval=interval,
                            what=what)


def states(host):
    return (host['administrative'], host['operational'],
            host['availability'])


class Recorder:
    """The distinct (admin, oper, avail, task) sysinv shows for a host,
    polled every 50 ms in a thread (``with Recorder(flock, 'worker-0') as
    seen: ...``)."""

    def __init__(self, deployment, hostname, period=0.05):
        self.deployment = deployment
        self.hostname = hostname
        self.period = period
        self.seen = []
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(10)

    def _run(self):
        session = requests.Session()
        url = '%s/v1/ihosts/%s' % (self.deployment.sysinv_url, self.hostname)
        while not self._stop.is_set():
            try:
                host = session.get(url, headers={'X-Auth-Token': 'noauth'},
                                   timeout=10).json()
            except (requests.RequestException, ValueError):
                time.sleep(self.period)
                continue
            entry = states(host) + (host.get('task') or '',)
            if not self.seen or self.seen[-1] != entry:
                self.seen.append(entry)
            time.sleep(self.period)

    def availabilities(self):
        return [entry[2] for entry in self.seen]

    def tasks(self):
        return [entry[3] for entry in self.seen]
