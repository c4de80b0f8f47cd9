"""Semantic checks of host requests: pure functions, StarlingX's messages.

Each check takes plain dicts (the host as stored, the system row, every
host of the site) and raises :class:`sysinv.exception.ClientSideError`
(400) with StarlingX's refusal text, or returns what the request leads to.
The conductor's flows (:mod:`sysinv.conductor.hosts`) call them before
recording anything.
"""
import re

from sysinv import exception
from sysinv.common import constants as c
from sysinv.common import host_fsm
from sysinv.common import states as s

# -- who may change which field -----------------------------------------------
# Never patchable (StarlingX's list, plus what sysinv computes itself).
RESTRICTED = frozenset((
    'uuid', 'id', 'created_at', 'updated_at', 'cstatus', 'mgmt_mac',
    'mgmt_ip', 'invprovision', 'recordtype', 'ihost_action', 'action_state',
    'inv_state', 'iconfig_applied', 'iconfig_target', 'isystem_uuid',
    'forisystemid', 'peer_id', 'peers', 'config_status', 'config_applied',
    'config_target', 'install_state', 'install_state_info', 'sw_version',
    'kernel_running', 'kernel_config_status', 'apparmor_config_status',
    'reboot_needed', 'cstates_available', 'min_cpu_mhz_allowed',
    'max_cpu_mhz_allowed'))
# Only maintenance reports these.
MTCE_ONLY = frozenset((
    'administrative', 'availability', 'operational', 'subfunction_oper',
    'subfunction_avail', 'reserved', 'mtce_info', 'task', 'uptime'))
# Only the VIM reports this.
VIM_ONLY = frozenset(('vim_progress_status',))
# A state report of maintenance (the contract's fields).
MTCE_STATE_FIELDS = frozenset((
    'administrative', 'availability', 'operational', 'subfunction_oper',
    'subfunction_avail', 'mtce_info', 'task', 'uptime'))

INSTALL_PARAMETERS = ('boot_device', 'rootfs_device', 'install_output',
                      'console', 'tboot')
FROZEN_WHEN_PROVISIONED = ('hostname', 'personality', 'subfunctions')
BM_FIELDS = frozenset(('bm_type', 'bm_ip', 'bm_username', 'bm_password'))
# Fields maintenance is told about when they change.
MTCE_IGNORED = frozenset((
    'administrative', 'availability', 'operational', 'task', 'uptime',
    'capabilities', 'ihost_action', 'subfunction_oper', 'subfunction_avail',
    'vim_progress_status', 'location', 'serialid', 'invprovision',
    'config_status', 'clock_synchronization', 'apparmor', 'ttys_dcd'))

_WORKER_NAME = re.compile(r'^[\w.\-]+$')
_STORAGE_NAME = re.compile(r'^%s-[0-9]+$' % c.STORAGE_HOSTNAME)
_MAC = re.compile(r'^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$')


def refuse(message):
    raise exception.ClientSideError(reason=message)


def displayid(host):
    return host.get('hostname') or host.get('uuid')


def is_simplex(system):
    return (system or {}).get('system_mode') == c.SYSTEM_MODE_SIMPLEX


def is_aio(system):
    return (system or {}).get('system_type') == c.TIS_AIO_BUILD


def is_active_controller(host, active_hostname):
    return (host.get('personality') == c.CONTROLLER and
            host.get('hostname') == active_hostname)


def normalize_mac(mac):
    """Lower-case colon form of a MAC; ClientSideError if it is none."""
    text = (mac or '').strip().lower().replace('-', ':')
    if not _MAC.match(text):
        refuse('Expected a MAC address but received %s.' % mac)
    return text


# -- restricted fields --------------------------------------------------------
def check_restricted(delta, origin):
    """Refuse changes of fields the caller may not change.

    :param delta: names of the fields the request changes.
    :param origin: 'mtce', 'vim' or None (a user).
    """
    restricted = set(RESTRICTED)
    if origin != c.ORIGIN_MTCE:
        restricted |= MTCE_ONLY
    if origin != c.ORIGIN_VIM:
        restricted |= VIM_ONLY
    hit = set(delta) & restricted
    if hit:
        refuse('Change %s contains restricted %s.'
               % (sorted(delta), sorted(hit)))


# -- actions ------------------------------------------------------------------
def check_supported_action(action):
    if action not in s.SUPPORTED_ACTIONS:
        refuse("'%s' is not a supported maintenance action" % action)


def _admin_refusal(action, host):
    """StarlingX's text for an action the administrative state refuses."""
    name = displayid(host)
    if action in (s.UNLOCK_ACTION, s.FORCE_UNLOCK_ACTION):
        in_progress = host.get('ihost_action') or ''
        if in_progress.startswith((s.LOCK_ACTION, s.FORCE_LOCK_ACTION)):
            return ('Host unlock rejected due to in progress action %s'
                    % in_progress.strip('-'))
        return ("Avoiding 'unlock' action on already 'unlocked' host %s"
                % host.get('hostname'))
    if action in s.LOCK_ACTIONS:
        return ("Avoiding %s action on already 'locked' host %s"
                % (action, host.get('hostname')))
    if action in (s.SWACT_ACTION, s.FORCE_SWACT_ACTION):
        return 'Controller is Locked ; No services to Swact'
    if action == s.POWERON_ACTION:
        return ("Can not 'Power-On' an already Powered-on and 'unlocked' "
                "host %s" % name)
    verb = {s.REBOOT_ACTION: 'Reboot', s.RESET_ACTION: 'Reset',
            s.REINSTALL_ACTION: 'Reinstall',
            s.POWEROFF_ACTION: 'Power-Off'}.get(action, action)
    return ("Can not '%s' an 'unlocked' host %s; Please 'Lock' first"
            % (verb, name))


def _check_admin(action, host):
    if not host_fsm.ACTIONS.allows(host.get('administrative'), action):
        refuse(_admin_refusal(action, host))


def check_lock(action, host, system, active_hostname):
    """lock, force-lock, force-unsafe-lock."""
    _check_admin(action, host)
    if (host.get('personality') == c.CONTROLLER and not is_simplex(system)
            and is_active_controller(host, active_hostname)):
        refuse('%s : Rejected: Can not lock an active controller.'
               % host.get('hostname'))


def check_unlock(action, host):
    """unlock, force-unlock (force skips the online, reinstall and
    inventory checks)."""
    force = action == s.FORCE_UNLOCK_ACTION
    name = displayid(host)
    if host.get('install_state') == s.INSTALL_STATE_FAILED:
        refuse('Cannot unlock host %s due to installation failure' % name)
    _check_admin(action, host)
    if host.get('availability') == s.AVAILABILITY_POWEROFF:
        refuse("Can not 'Unlock a Powered-Off' host %s; Power-on, wait for "
               "'online' status and then 'unlock'" % name)
    if not force and host.get('availability') != s.AVAILABILITY_ONLINE:
        refuse("Host %s is not online. Wait for 'online' availability "
               "status and then 'unlock'" % name)
    if not all(host.get(k) for k in ('mgmt_mac', 'mgmt_ip', 'hostname',
                                     'personality', 'subfunctions')):
        refuse("Can not unlock an unprovisioned host %s. Please perform "
               "'Edit Host' to provision host." % name)
    if host.get('action_state') == s.HAS_REINSTALLING and not force:
        refuse('Can not unlock host %s undergoing reinstall. Please ensure '
               'host has completed reinstall prior to unlock.' % name)
    if not force and (host.get('inv_state') !=
                      s.INV_STATE_INITIAL_INVENTORIED):
        refuse('Can not unlock host %s that has not yet been inventoried. '
               'Please wait for host to complete initial inventory prior '
               'to unlock.' % name)


def _check_standby(host, peer):
    """The other controller must be able to take over."""
    if peer.get('operational') != s.OPERATIONAL_ENABLED:
        refuse('%s is not enabled and has operational state %s.Standby '
               'controller must be  operationally enabled.'
               % (peer['hostname'], peer.get('operational')))
    if peer.get('availability') == s.AVAILABILITY_DEGRADED:
        refuse('%s has degraded availability status.  Standby controller '
               'must be in available status.' % peer['hostname'])
    subfunctions = (peer.get('subfunctions') or '').split(',')
    if c.WORKER in subfunctions and (peer.get('subfunction_oper') !=
                                     s.OPERATIONAL_ENABLED):
        refuse('%s subfunction is not enabled and has operational state '
               '%s.Standby controller subfunctions %s must all be '
               'operationally enabled.' % (peer['hostname'],
                                           peer.get('subfunction_oper'),
                                           peer.get('subfunctions')))
    task = peer.get('task') or ''
    if task.startswith((s.TASK_LOCKING, s.TASK_FORCE_LOCKING,
                        s.TASK_UNSAFE_FORCE_LOCKING)):
        refuse('%s is being locked (%s). Standby controller must be '
               'unlocked and enabled.' % (peer['hostname'], task))
    if peer.get('config_target') != peer.get('config_applied'):
        refuse('%s target Config %s not yet applied. Apply target Config '
               'via Lock/Unlock prior to Swact'
               % (peer['hostname'], peer.get('config_target')))


def check_swact(action, host, system, hosts):
    """swact (force-swact skips the standby controller's checks)."""
    if host.get('personality') != c.CONTROLLER:
        refuse('Swact action not allowed for non controller host %s.'
               % host.get('hostname'))
    _check_admin(action, host)
    if is_simplex(system):
        refuse('Swact action not allowed for a simplex system.')
    if action == s.FORCE_SWACT_ACTION:
        return
    peers = [h for h in hosts if h.get('personality') == c.CONTROLLER and
             h['id'] != host['id']]
    if not peers:
        refuse('Swact action not allowed: %s has no standby controller.'
               % host.get('hostname'))
    for peer in peers:
        _check_standby(host, peer)


def check_maintenance_action(action, host, system):
    """reboot, reset, reinstall, power-on, power-off (StarlingX's order
    of checks for each)."""
    name = displayid(host)
    simplex = is_simplex(system)
    if action == s.RESET_ACTION and simplex:
        refuse("Can not 'Reset' a simplex system")
    if action == s.POWEROFF_ACTION and simplex:
        refuse("Can not 'Power-Off' a simplex system via system commands")
    if action == s.REINSTALL_ACTION and simplex:
        refuse('Reinstalling a simplex system is not allowed.')
    _check_admin(action, host)
    if action == s.REBOOT_ACTION and simplex:
        refuse('Rebooting a simplex system is not allowed.')
    if action == s.POWERON_ACTION and simplex:
        refuse("Can not 'Power-On' an already Powered-on simplex system")
    if (action == s.REINSTALL_ACTION and
            host.get('availability') != s.AVAILABILITY_ONLINE and
            not host.get('bm_type')):
        refuse("Can not 'Reinstall' %s while it is 'offline' and a board "
               'management controller is not provisioned. Please provision '
               "a board management controller or wait for this host's "
               "availability state to be 'online' and then re-issue the "
               'reinstall command.' % name)


def check_subfunction_config(host):
    subfunctions = host.get('subfunctions')
    if not subfunctions or subfunctions == host.get('personality'):
        refuse('This host is not configured with a subfunction.')


def check_vim_callback(action, origin):
    if origin != c.ORIGIN_VIM:
        refuse("'%s' is reported by the VIM only" % action)


def check_action(action, host, system, hosts, active_hostname, origin):
    """Every check of ``action`` on ``host``; returns its Progress (None
    for a VIM callback or a config action)."""
    check_supported_action(action)
    if action in s.VIM_CALLBACKS:
        check_vim_callback(action, origin)
        return None
    if action in s.LOCK_ACTIONS:
        check_lock(action, host, system, active_hostname)
    elif action in (s.UNLOCK_ACTION, s.FORCE_UNLOCK_ACTION):
        check_unlock(action, host)
    elif action in (s.SWACT_ACTION, s.FORCE_SWACT_ACTION):
        check_swact(action, host, system, hosts)
    elif action == s.SUBFUNCTION_CONFIG_ACTION:
        check_subfunction_config(host)
        return None
    else:
        check_maintenance_action(action, host, system)
    return host_fsm.PROGRESS[action]


def check_delete(host, system, active_hostname):
    if is_simplex(system) and host.get('personality') == c.CONTROLLER:
        refuse('Deleting a host on a simplex system is not allowed.')
    if is_active_controller(host, active_hostname):
        refuse('%s : Rejected: Can not delete an active controller.'
               % host.get('hostname'))
    if not host_fsm.ACTIONS.allows(host.get('administrative'),
                                   s.DELETE_ACTION):
        raise exception.HostLocked(action=s.DELETE_ACTION,
                                   host=displayid(host))
