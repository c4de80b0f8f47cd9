"""The conductor's inventory flows: absorbing agents' reports, CPU
function assignment and memory changes.

A report (:func:`sysinv.agent.inventory.report.collect`, or a delta of
it) is reconciled category by category (:mod:`inventory_plan`) and
written in one transaction. Once a report held every category the host's
``inv_state`` becomes ``inventoried``; until then the answer asks the
agent for full reports. The host's first report assigns StarlingX's
default CPU functions; the operator's choices (CPU functions, hugepage
requests, platform memory, PCI device enabling) are kept across reports.
The boot port (MAC == ``mgmt_mac``) gets the interface ``mgmt0``.

Reports and changes of one host are serialized by a per-host lock.
"""
import threading
import time

from oslo_log import log

from sysinv.common import states
from sysinv.conductor import inventory_checks as checks
from sysinv.conductor import inventory_plan

LOG = log.getLogger(__name__)


class HostLocks:
    """One lock per host uuid."""

    def __init__(self):
        self._guard = threading.Lock()
        self._locks = {}

    def __call__(self, host_uuid):
        with self._guard:
            return self._locks.setdefault(host_uuid, threading.Lock())


class InventoryFlows:

    def __init__(self, dbapi, locks=None):
        self.dbapi = dbapi
        self.locks = locks or HostLocks()

    # -- reports --------------------------------------------------------------
    def absorb(self, context, host_uuid, report):
        """Reconcile the host's rows with ``report``.

        :returns: {'host_uuid', 'inv_state', 'full_needed', 'accepted':
            [categories], 'counts': {category: {added, updated,
            removed}}, 'seconds'}.
        :raises HostNotFound:
        """
        started = time.monotonic()
        report = report or {}
        host = self.dbapi.get_host(host_uuid)
        with self.locks(host['uuid']):
            host = self.dbapi.get_host(host['uuid'])
            categories = [c for c in inventory_plan.CATEGORIES
                          if report.get(c) is not None]
            current = self.dbapi.get_inventory(host['id'], categories) \
                if categories else {}
            system = self.dbapi.find_system()
            planned = inventory_plan.plan(host, report, current, system)
            values = inventory_plan.host_values(host, report.get('host'))
            complete = inventory_plan.is_complete(report)
            inventoried = (host.get('inv_state') ==
                           states.INV_STATE_INITIAL_INVENTORIED)
            if complete and not inventoried:
                values['inv_state'] = states.INV_STATE_INITIAL_INVENTORIED
                inventoried = True
            mgmt_mac = host.get('mgmt_mac') if 'ports' in planned else None
            counts = {}
            if planned or values or mgmt_mac:
                counts = self.dbapi.apply_inventory(
                    host['id'], planned, values, mgmt_mac)
        errors = report.get('errors') or {}
        if errors:
            LOG.warning('Host %s could not report %s', host['hostname'],
                        ', '.join('%s (%s)' % kv for kv in errors.items()))
        changed = {c: n for c, n in counts.items() if any(n.values())}
        if changed or 'inv_state' in values:
            LOG.info('Inventory of %s: %s%s', host['hostname'], changed,
                     ' (inventoried)' if 'inv_state' in values else '')
        return {'host_uuid': host['uuid'],
                'inv_state': (states.INV_STATE_INITIAL_INVENTORIED
                              if inventoried else host.get('inv_state')),
                'full_needed': not inventoried,
                'accepted': categories,
                'counts': changed,
                'seconds': round(time.monotonic() - started, 4)}

    # -- operator changes -----------------------------------------------------
    def modify_cpus(self, context, host_uuid, requests):
        """``PUT /v1/ihosts/<uuid>/state/host_cpus_modify``: the host's
        CPUs after the change.

        :raises ClientSideError: a refused request (StarlingX's texts).
        """
        host = self.dbapi.get_host(host_uuid)
        with self.locks(host['uuid']):
            host = self.dbapi.get_host(host['uuid'])
            cpus = self.dbapi.list_inventory('icpus', host['id'])
            functions = checks.cpu_functions(
                host, self.dbapi.find_system(), cpus, requests)
            if functions:
                self.dbapi.update_icpu_functions(host['id'], functions)
                LOG.info('CPU functions of %s changed: %d CPUs',
                         host['hostname'], len(functions))
            return self.dbapi.list_inventory('icpus', host['id'])

    def modify_memory(self, context, memory_uuid, changes):
        """``PATCH /v1/imemorys/<uuid>``: the memory row after the
        change.

        :raises ClientSideError:, NotFound:
        """
        memory = self.dbapi.get_inventory_item('imemorys', memory_uuid)
        host = self.dbapi.get_host(memory['forihostid'])
        with self.locks(host['uuid']):
            host = self.dbapi.get_host(host['uuid'])
            memory = self.dbapi.get_inventory_item('imemorys', memory['id'])
            values = checks.memory_changes(host, memory, changes)
            updated = self.dbapi.update_imemory(memory['id'], values)
            LOG.info('Memory of %s node %s changed: %s', host['hostname'],
                     memory.get('numa_node'), values)
            return updated
