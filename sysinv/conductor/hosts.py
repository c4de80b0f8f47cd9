"""Host flows of the conductor: host-add, updates and actions, delete, the
state reports of maintenance and the VIM's callbacks.

Each flow reads the host, runs the pure checks
(:mod:`sysinv.conductor.host_checks`,
:mod:`sysinv.conductor.provisioning_checks`), asks maintenance (or the
VIM) when the request concerns them, and records the result. Writes of
one host are serialized: users' requests on one lock, maintenance's and
the VIM's reports on another (as StarlingX does, so a report sent while
maintenance handles a request never waits for that request).
"""
import contextlib
import threading

from oslo_config import cfg
from oslo_log import log

from stx_common.contracts import host as contract
from sysinv import exception
from sysinv.common import constants as c
from sysinv.common import host_fsm
from sysinv.common import states as s
from sysinv.conductor import host_checks as checks
from sysinv.conductor import provisioning_checks as provisioning

CONF = cfg.CONF
LOG = log.getLogger(__name__)

# Networks whose address a host gets when it is provisioned.
HOST_NETWORKS = (c.NETWORK_TYPE_MGMT, c.NETWORK_TYPE_CLUSTER_HOST)
MTCE_REJECTED = ('Mtce rejected %s request.Please retry and if problem '
                 'persists then contact your system administrator.')
VIM_REJECTED_DELETE = ('System rejected delete request.  Please retry and '
                       'if problem persists then contact your system '
                       'administrator.')
# ihost_action gains a dash per audit pass in StarlingX; strip them.
AUDIT_MARK = '-'


class HostLocks:
    """Per-host locks of one family ('user' or 'sys') and the add lock."""

    def __init__(self):
        self._guard = threading.Lock()
        self._locks = {}
        self.adding = threading.Lock()

    @contextlib.contextmanager
    def hold(self, family, uuid):
        with self._guard:
            lock = self._locks.setdefault((family, uuid), threading.RLock())
        with lock:
            yield


def _family(origin):
    return 'sys' if origin in c.ORIGINS else 'user'


def _in_progress(host):
    return (host.get('ihost_action') or '').strip(AUDIT_MARK)


class HostFlows:

    def __init__(self, dbapi, maintenance):
        self.dbapi = dbapi
        self.maintenance = maintenance
        self.locks = HostLocks()

    # -- host-add -------------------------------------------------------------
    def create(self, context, values):
        """host-add; returns the new host.

        :raises ClientSideError: refused (StarlingX's message).
        """
        values = dict(values)
        power_on = values.pop('power_on', None)
        password = values.get('bm_password')  # maintenance keeps it
        with self.locks.adding:
            system = self.dbapi.get_system()
            hosts = self.dbapi.list_hosts()
            values, existing = provisioning.check_new_host(values, system,
                                                           hosts)
            values.update(forisystemid=system['id'],
                          sw_version=system.get('software_version'),
                          action_state=s.HAS_REINSTALLING)
            if existing is not None:
                host = self.dbapi.update_host(existing['uuid'], values)
            else:
                host = self.dbapi.create_host(values)
            host = self._configure(host)
        answer = self.maintenance.add(
            context, dict(host, bm_password=password) if password else host)
        if answer is not None and not answer.passed:
            self._undo_add(host, existing)
            raise exception.ClientSideError(reason=MTCE_REJECTED % 'add')
        if power_on and host.get('bm_type'):
            self.maintenance.modify(context, host, s.POWERON_ACTION)
        if self.maintenance.vim_enabled():
            self.maintenance.vim_add(context, host)
        LOG.info('Host %s (%s) added as %s', host['hostname'],
                 host['mgmt_mac'], host['personality'])
        return host

    def _undo_add(self, host, existing):
        self._release(host)
        if existing is None:
            self.dbapi.destroy_host(host['uuid'])
        else:
            self.dbapi.update_host(host['uuid'], {
                k: existing.get(k) for k in ('hostname', 'personality',
                                             'subfunctions', 'bm_type',
                                             'bm_ip', 'bm_username')})

    def _configure(self, host):
        """The host's own addresses on the platform networks."""
        if not (host.get('hostname') and host.get('personality')):
            return host
        for network_type in HOST_NETWORKS:
            self.dbapi.allocate_host_address(host['hostname'], network_type)
        return self.dbapi.get_host(host['uuid'])

    def _release(self, host):
        if host.get('hostname') and host.get('personality') != c.CONTROLLER:
            self.dbapi.release_host_addresses(host['hostname'])

    # -- updates and actions --------------------------------------------------
    def update(self, context, ident, changes, action=None, origin=None):
        """Attribute changes and/or an action; returns the host.

        :param changes: {field: value} the request sets.
        :param action: the ``/action`` value, or None.
        :param origin: 'mtce', 'vim' or None (a user).
        """
        host = self.dbapi.get_host(ident)
        with self.locks.hold(_family(origin), host['uuid']):
            host = self.dbapi.get_host(host['uuid'])
            changes = dict(changes or {})
            delta = {k: v for k, v in changes.items() if host.get(k) != v}
            if 'bm_password' in changes:  # write-only, never stored
                delta['bm_password'] = changes['bm_password']
            checks.check_restricted(delta, origin)
            if origin == c.ORIGIN_MTCE:
                state = {k: delta.pop(k) for k in checks.MTCE_STATE_FIELDS
                         if k in delta}
                if state:
                    host = self.update_state(context, host['uuid'], state)
            if action in (None, '', s.NONE_ACTION):
                action = None
            else:
                checks.check_supported_action(action)
            if action in s.VIM_CALLBACKS:
                checks.check_vim_callback(action, origin)
                return self._vim_callback(context, host, action, delta)
            if not delta and action is None:
                return host
            return self._update(context, host, delta, action, origin)

    def _update(self, context, host, delta, action, origin):
        system = self.dbapi.get_system()
        hosts = self.dbapi.list_hosts()
        updates, provisioned = {}, False
        if delta:
            updates, provisioned = provisioning.check_update(
                host, delta, system, hosts)
        progress = None
        if action is not None:
            progress = checks.check_action(action, dict(host, **updates),
                                           system, hosts, CONF.host, origin)
        if progress is not None:
            if progress.ihost_action is not None:
                updates['ihost_action'] = progress.ihost_action
            updates['task'] = progress.task
            if action == s.REINSTALL_ACTION:
                updates.update(action_state=s.HAS_REINSTALLING,
                               inv_state=s.INV_STATE_REINSTALLING)
        target = dict(host, **updates)
        if provisioned:
            self.dbapi.update_host(host['uuid'], updates)
            target = self._configure(target)
        answer = None
        if origin != c.ORIGIN_MTCE:
            answer = self._notify(context, host, target, delta, action,
                                  progress, provisioned)
        if answer is not None and not answer.passed:
            if provisioned:
                self._release(target)
                self.dbapi.update_host(host['uuid'], {
                    k: host.get(k) for k in updates})
            raise exception.MaintenanceRejected(reason=answer.reason,
                                                action=answer.action)
        saved = self.dbapi.update_host(host['uuid'], updates)
        if provisioned and self.maintenance.vim_enabled():
            self.maintenance.vim_add(context, saved)
        LOG.info('Host %s: %s%s', checks.displayid(saved),
                 'action %s, ' % action if action else '',
                 ', '.join(sorted(updates)) or 'no change')
        return saved

    def _notify(self, context, host, target, delta, action, progress,
                provisioned):
        """Tell the VIM or maintenance; their answer (None: none)."""
        if progress is not None:
            if progress.vim and self.maintenance.vim_enabled():
                answer = self.maintenance.vim_action(context, target, action)
                if answer is not None:
                    return answer
                if action == s.LOCK_ACTION:
                    raise exception.VimRejected(action=action)
            return self.maintenance.modify(context, target,
                                           progress.mtce_action)
        if 'bm_password' in delta:
            # never stored here: maintenance keeps it (encrypted)
            target = dict(target, bm_password=delta['bm_password'])
        if provisioned:
            return self.maintenance.add(context, target)
        if set(delta) - checks.MTCE_IGNORED:
            return self.maintenance.modify(context, target)
        return None

    # -- the VIM's callbacks --------------------------------------------------
    def _vim_callback(self, context, host, action, delta):
        """services-enabled / -disabled / -disable-failed /
        -disable-extend / -delete-failed, reported by the VIM."""
        reason = delta.get('vim_progress_status') or action
        in_progress = _in_progress(host)
        locking = in_progress in s.LOCK_ACTIONS and (
            host.get('administrative') != s.ADMIN_LOCKED)
        updates, mtce_action = {}, None
        if action == s.VIM_SERVICES_ENABLED:
            if not (host.get('vim_progress_status') or '').startswith(
                    s.VIM_SERVICES_ENABLED):
                updates['vim_progress_status'] = s.VIM_SERVICES_ENABLED
        elif action == s.VIM_SERVICES_DISABLED and locking:
            updates['vim_progress_status'] = s.VIM_SERVICES_DISABLED
            mtce_action = host_fsm.PROGRESS[in_progress].mtce_action
        elif action == s.VIM_SERVICES_DISABLE_FAILED and locking:
            updates['vim_progress_status'] = reason
            if in_progress == s.LOCK_ACTION:
                updates.update(ihost_action=s.IHOST_ACTION_NONE,
                               task=s.TASK_NONE)
            else:
                mtce_action = s.FORCE_LOCK_ACTION
        elif action == s.VIM_SERVICES_DISABLE_EXTEND and locking:
            updates['ihost_action'] = in_progress
        elif action == s.VIM_SERVICES_DELETE_FAILED and (
                host.get('administrative') == s.ADMIN_LOCKED):
            updates.update(ihost_action=s.IHOST_ACTION_NONE,
                           task=s.TASK_NONE, vim_progress_status=reason)
        else:
            LOG.warning('%s: %s ignored (action in progress: %r, %s)',
                        checks.displayid(host), action, in_progress,
                        host.get('administrative'))
            return host
        if mtce_action is not None:
            answer = self.maintenance.modify(context, dict(host, **updates),
                                             mtce_action)
            if answer is not None and not answer.passed:
                raise exception.MaintenanceRejected(reason=answer.reason,
                                                    action=answer.action)
        LOG.info('%s: VIM reports %s', checks.displayid(host), action)
        return self.dbapi.update_host(host['uuid'], updates)

    # -- maintenance's state reports ------------------------------------------
    def update_state(self, context, ident, values):
        """Record a state report of maintenance; returns the host.

        :param ident: hostname or uuid (or id).
        :param values: :class:`stx_common.contracts.host.HostStateUpdate`
            fields.
        """
        reported = contract.HostStateUpdate.from_dict(values).values()
        host = self.dbapi.get_host(ident)
        with self.locks.hold('sys', host['uuid']):
            host = self.dbapi.get_host(host['uuid'])
            for field, table in host_fsm.REPORTS.items():
                if field in reported:
                    table.next_state(host.get(field) or table.initial,
                                     reported[field])
            updates = {k: v for k, v in reported.items()
                       if host.get(k) != v}
            updates.update(self._state_consequences(host, reported,
                                                    updates))
            if not updates:
                return host
            if set(updates) - {'uptime'}:
                LOG.info('%s: maintenance reports %s',
                         checks.displayid(host), updates)
            return self.dbapi.update_host(host['uuid'], updates)

    @staticmethod
    def _state_consequences(host, reported, updates):
        """What a state change implies: the admin action is over, the
        first unlock provisions, the first enable completes it, a host
        back online after an install is no longer reinstalling."""
        implied = {}
        provisioning_state = host.get('invprovision')
        if 'administrative' in updates:
            if host.get('ihost_action'):
                implied['ihost_action'] = s.IHOST_ACTION_NONE
            if 'task' not in reported:
                implied['task'] = s.TASK_NONE
            if updates['administrative'] == s.ADMIN_UNLOCKED:
                new = host_fsm.provisioning_after(provisioning_state,
                                                  host_fsm.EVENT_UNLOCKED)
                if new is not None:
                    implied['invprovision'] = provisioning_state = new
        if updates.get('operational') == s.OPERATIONAL_ENABLED:
            new = host_fsm.provisioning_after(provisioning_state,
                                              host_fsm.EVENT_ENABLED)
            if new is not None:
                implied['invprovision'] = new
        if host.get('action_state') == s.HAS_REINSTALLING and \
                reported.get('availability') in (s.AVAILABILITY_ONLINE,
                                                 s.AVAILABILITY_AVAILABLE):
            implied['action_state'] = s.HAS_REINSTALLED
        return implied

    # -- maintenance's inventory ----------------------------------------------
    def mtce_hosts(self, uuids=None):
        """The hosts (all, or those of ``uuids``) as maintenance's
        records (:class:`stx_common.contracts.host.MtceHost` dicts), each
        with its cluster-host address."""
        wanted = set(uuids or ())
        records = []
        for host in self.dbapi.list_hosts():
            if wanted and host['uuid'] not in wanted:
                continue
            record = contract.MtceHost.from_host(host)
            if host.get('hostname'):
                address = self.dbapi.get_address_by_name('%s-%s' % (
                    host['hostname'], c.NETWORK_TYPE_CLUSTER_HOST))
                if address is not None:
                    record.cluster_host_ip = address['address']
            records.append(record.to_dict())
        return records

    # -- delete ---------------------------------------------------------------
    def delete(self, context, ident, origin=None):
        """Delete a locked host (maintenance and the VIM are told)."""
        host = self.dbapi.get_host(ident)
        with self.locks.hold(_family(origin), host['uuid']):
            host = self.dbapi.get_host(host['uuid'])
            checks.check_delete(host, self.dbapi.find_system(), CONF.host)
            if self.maintenance.vim_enabled() and origin != c.ORIGIN_VIM:
                answer = self.maintenance.vim_delete(context, host)
                if answer is None or not answer.passed:
                    raise exception.ClientSideError(
                        reason=VIM_REJECTED_DELETE)
            answer = self.maintenance.delete(context, host)
            if answer is not None and not answer.passed:
                raise exception.ClientSideError(
                    reason=MTCE_REJECTED % s.DELETE_ACTION)
            self._release(host)
            self.dbapi.destroy_host(host['uuid'])
        LOG.info('Host %s deleted', checks.displayid(host))
