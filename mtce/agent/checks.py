"""Whether maintenance accepts a request of sysinv: pure functions.

Each returns None (accepted) or the ``(reason, action)`` of the
:class:`~stx_common.contracts.host.MtceAnswer` that refuses it, with
StarlingX's texts where mtcAgent has them.
"""
from mtce.common import states as s

LOCKED_ONLY = (s.ACTION_REBOOT, s.ACTION_RESET, s.ACTION_REINSTALL,
               s.ACTION_POWER_ON, s.ACTION_POWER_OFF)


def check_action(action, host, active_hostname, bmc_usable,
                 simplex=False):
    """:param host: the :class:`~mtce.agent.host.Host` (None: unknown).
    :param bmc_usable: the host has a BMC with its credentials.
    :param simplex: the site has one controller (its lock is allowed:
        there is nowhere to swact to).
    """
    if action not in s.REQUESTED_ACTIONS:
        return ("'%s' is not a maintenance action" % action, '')
    if host is None:
        return ('Unknown host', 'Add the host first')
    name = host.hostname or host.uuid
    if action in (s.ACTION_SWACT, s.ACTION_FORCE_SWACT):
        return (s.SWACT_NO_SM_REASON, s.SWACT_NO_SM_ACTION)
    if action in (s.ACTION_LOCK, s.ACTION_FORCE_LOCK):
        if host.hostname == active_hostname and not simplex:
            return ('Controller is Active', 'Swact Controller and then Lock')
        return None
    if action == s.ACTION_UNLOCK:
        if not host.provisioned:
            return ('%s is not provisioned (hostname, personality and '
                    'management address needed)' % name, '')
        return None
    if action in LOCKED_ONLY and not host.locked:
        return ("Can not '%s' an 'unlocked' host %s; Please 'Lock' first"
                % (action, name), 'Lock the host first')
    if action in s.BMC_ACTIONS and not bmc_usable:
        return ('Board Management Controller not provisioned for %s '
                '(bm_type, bm_ip, bm_username and bm_password needed)'
                % name, 'Provision the host\'s BMC first')
    if action == s.ACTION_REBOOT and not host.provisioned:
        return ('%s has no management address' % name, '')
    return None


def check_delete(host, active_hostname):
    if host is None:
        return None                 # nothing to forget
    if host.hostname == active_hostname:
        return ('Can not delete an active controller', '')
    if not host.locked:
        return ('Host must be locked before it is deleted',
                'Lock the host first')
    return None
