"""The sysinv agent of one host: finds its host record, then reports the
host's inventory to the conductor.

Life of an agent:

1. **Find the host.** Every ``[agent] host_lookup_interval`` seconds it
   asks the conductor for the host whose ``mgmt_mac`` is one of its NIC
   MACs (``get_ihost_by_macs``), else the host named as this machine is
   (``[DEFAULT] host``, or ``FLOCK_HOST`` on a lab host). A host without a
   personality is not provisioned yet: the agent waits. When the
   conductor answers "no such host" for ``host_lookup_timeout`` seconds,
   the agent gives up (its supervisor restarts it); while the conductor
   does not answer at all it keeps trying.
2. **Serve RPC** on ``Target(topic='sysinv.agent', server=<hostname>)``
   (and fanout) with :data:`sysinv.agent.endpoints.ENDPOINTS`.
3. **Report.** The first report holds every category
   (:func:`sysinv.agent.inventory.report.collect`); the conductor answers
   whether it still needs full reports (``full_needed``, until the host is
   inventoried). Then, every ``inventory_audit_interval`` seconds, only
   the categories whose fingerprint changed (:func:`report.delta`), plus
   memory when a node's free memory moved by more than
   ``memavail_report_mib``. A report the conductor did not take is sent
   again after ``report_retry_interval`` seconds; a host that disappeared
   is looked up again.
"""
import os
import threading
import time

from oslo_log import log

from stx_common import context as ctx
from stx_common.rpc import server as rpc_server
from sysinv import exception
from sysinv.agent import endpoints, rpcapi
from sysinv.agent.inventory import host as host_probe
from sysinv.agent.inventory import report as inventory_report

LOG = log.getLogger(__name__)

HOST_ENV = 'FLOCK_HOST'
HOST_ROOT_ENV = 'FLOCK_HOST_ROOT'


class GaveUp(Exception):
    """The host record was not found in time."""


class Agent:
    """A start/stop service part (see :func:`stx_common.service.run`)."""

    def __init__(self, conductor, hostname=None, root='/',
                 include_virtual=False, audit_interval=60,
                 lookup_interval=30, lookup_timeout=600,
                 retry_interval=10, memavail_mib=256, serve_rpc=True):
        self.conductor = conductor
        self.hostname = hostname
        self.root = root
        self.include_virtual = include_virtual
        self.audit_interval = audit_interval
        self.lookup_interval = lookup_interval
        self.lookup_timeout = lookup_timeout
        self.retry_interval = retry_interval
        self.memavail_mib = memavail_mib
        self.serve_rpc = serve_rpc
        self.host = None
        self.gave_up = False
        self.audits = 0
        self.last_summary = None
        self._last_report = None
        self._sent_memavail = {}
        self._full_needed = True
        self._full_requested = False
        self._audit_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = None
        self._rpc = None
        self._not_found_since = None

    # -- service part ---------------------------------------------------------
    def start(self):
        self._thread = threading.Thread(target=self._loop,
                                        name='sysinv-agent', daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._wake.set()
        if self._rpc is not None:
            self._rpc.stop()

    def wait(self):
        if self._thread is not None:
            self._thread.join()
        if self._rpc is not None:
            self._rpc.wait()
            self._rpc = None

    def request_audit(self, full=False):
        """Audit now instead of at the next interval."""
        if full:
            self._full_requested = True
        self._wake.set()

    # -- the loop -------------------------------------------------------------
    def _sleep(self, seconds):
        self._wake.wait(seconds)
        self._wake.clear()

    def _loop(self):
        while not self._stop.is_set():
            try:
                delay = self.step()
            except GaveUp as exc:
                LOG.error('%s', exc)
                self.gave_up = True
                return
            except Exception:  # noqa: BLE001 - the agent must go on
                LOG.exception('Inventory audit failed')
                delay = self.retry_interval
            if not self._stop.is_set():
                self._sleep(delay)

    def step(self):
        """One round: find the host, or audit. Seconds until the next."""
        if self.host is None:
            if not self._find_host():
                return self.lookup_interval
        try:
            self.audit()
        except exception.HostNotFound:
            LOG.warning('Host %s is gone; looking for it again',
                        self.host.get('hostname'))
            self.host = None
            self._full_needed = True
            return self.lookup_interval
        except Exception as exc:  # noqa: BLE001 - conductor away
            LOG.warning('The conductor did not take the inventory report '
                        '(%s: %s); retrying in %ss', type(exc).__name__,
                        exc, self.retry_interval)
            return self.retry_interval
        return self.audit_interval

    # -- finding the host -----------------------------------------------------
    def lookup(self):
        """The host record of this machine, or None (RPC errors raise)."""
        context = ctx.get_admin_context()
        facts = host_probe.facts(self.root, self.include_virtual)
        host = self.conductor.get_ihost_by_macs(context, facts['macs'])
        name = self.hostname or facts.get('hostname')
        if host is None and name:
            host = self.conductor.get_ihost_by_hostname(context, name)
        return host

    def _find_host(self):
        try:
            host = self.lookup()
        except Exception as exc:  # noqa: BLE001 - conductor away
            LOG.warning('Cannot reach the conductor to find this host '
                        '(%s: %s); retrying', type(exc).__name__, exc)
            return False
        if host is None or not host.get('personality') or \
                not host.get('hostname'):
            now = time.monotonic()
            if self._not_found_since is None:
                self._not_found_since = now
            waited = now - self._not_found_since
            LOG.info('No provisioned host record for this machine yet '
                     '(hostname %s); waited %ds', self.hostname, waited)
            if waited >= self.lookup_timeout:
                raise GaveUp('No host record for this machine after %ds; '
                             'giving up' % waited)
            return False
        self._not_found_since = None
        self.host = host
        LOG.info('This machine is host %s (%s, %s)', host['hostname'],
                 host['uuid'], host.get('personality'))
        if self.serve_rpc and self._rpc is None:
            self._rpc = rpc_server.RPCService(
                rpcapi.TOPIC, [cls(self) for cls in endpoints.ENDPOINTS],
                host=host['hostname'])
            self._rpc.start()
        return True

    # -- reports --------------------------------------------------------------
    def _memavail_moved(self, current):
        for record in current.get('imemorys') or ():
            before = self._sent_memavail.get(record.get('numa_node'))
            now = record.get('memavail_mib')
            if before is None or now is None:
                continue
            if abs(now - before) > self.memavail_mib:
                return True
        return False

    def _payload(self, current, full):
        if full or self._full_needed or self._last_report is None:
            return dict(current), 'full'
        payload = inventory_report.delta(self._last_report, current)
        if 'imemorys' not in payload and current.get('imemorys') is not None \
                and self._memavail_moved(current):
            payload['imemorys'] = current['imemorys']
        sent = [c for c in inventory_report.CATEGORIES if c in payload]
        return payload, ('delta of %s' % ', '.join(sent) if sent
                         else 'no change')

    def audit(self, full=False):
        """Collect and send one report; a summary of what was sent.

        :raises HostNotFound: the host record is gone.
        """
        if self.host is None:
            raise exception.HostNotFound(host=self.hostname)
        with self._audit_lock:
            full = full or self._full_requested
            self._full_requested = False
            current = inventory_report.collect(self.root,
                                               self.include_virtual)
            payload, kind = self._payload(current, full)
            sent = [c for c in inventory_report.CATEGORIES if c in payload]
            answer = None
            if sent or kind == 'full':
                answer = self.conductor.report_inventory(
                    ctx.get_admin_context(), self.host['uuid'], payload)
                self._full_needed = bool(answer.get('full_needed'))
            self._last_report = current
            if 'imemorys' in payload:
                self._sent_memavail = {
                    r.get('numa_node'): r.get('memavail_mib')
                    for r in payload['imemorys'] or ()}
            self.audits += 1
            summary = {'host_uuid': self.host['uuid'], 'kind': kind,
                       'sent': sent, 'answer': answer,
                       'errors': current.get('errors') or {}}
            self.last_summary = summary
        LOG.info('Inventory report %d of %s: %s%s', self.audits,
                 self.host['hostname'], kind,
                 ' -> %s' % answer.get('counts') if answer else '')
        return summary


def host_root(conf_root):
    """The directory to inventory: ``FLOCK_HOST_ROOT`` if set, else the
    option."""
    return os.environ.get(HOST_ROOT_ENV) or conf_root or '/'


def hostname(conf_host):
    """The name to look the host up by: ``FLOCK_HOST`` if set, else
    ``[DEFAULT] host``."""
    return os.environ.get(HOST_ENV) or conf_host
