"""Checks of host-add and of host attribute updates: pure functions,
StarlingX's messages (hostname and personality rules, automatic controller
and storage names, fields frozen once provisioned, board management).

They return the values the request leads to (normalized MAC, automatic
hostname, subfunctions, board management type) and raise
:class:`sysinv.exception.ClientSideError` on a refusal.
"""
import netaddr

from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.conductor import host_checks as checks
from sysinv.conductor.host_checks import refuse

BM_TYPES = (c.BM_TYPE_NONE, c.BM_TYPE_DYNAMIC, c.BM_TYPE_IPMI,
            c.BM_TYPE_REDFISH)
VALID_SUBFUNCTIONS = {
    c.WORKER: (c.WORKER, c.LOWLATENCY),
    c.CONTROLLER: (c.CONTROLLER, c.WORKER, c.LOWLATENCY),
    c.STORAGE: (c.STORAGE,),
    c.EDGEWORKER: (c.EDGEWORKER,),
}
PROTECTED_CAPABILITIES = (c.CAPABILITY_PERSONALITY,
                          c.CAPABILITY_STOR_FUNCTION)


def default_subfunctions(personality, system):
    """A controller of an All-in-one system also runs the worker
    subfunction; other hosts run their personality."""
    if personality == c.CONTROLLER and checks.is_aio(system):
        return '%s,%s' % (c.CONTROLLER, c.WORKER)
    return personality


def update_subfunctions(personality, subfunctions, system):
    """Subfunctions with the personality first (StarlingX adds it)."""
    if not personality:
        return subfunctions
    if not subfunctions:
        return default_subfunctions(personality, system)
    names = [n for n in subfunctions.split(',') if n]
    if personality not in names:
        names.insert(0, personality)
    return ','.join(names)


def validate_hostname(hostname, personality):
    if personality in (c.WORKER, c.EDGEWORKER):
        if not checks._WORKER_NAME.match(hostname):
            refuse('Error: Name may only contain letters, numbers, '
                   'underscores, periods and hyphens.')
        if len(hostname) > 255:
            refuse('Error: Name restricted to at most 255 characters.')
        if (hostname in c.CONTROLLER_HOSTNAMES or
                hostname.startswith(c.STORAGE_HOSTNAME)):
            refuse('%s Reject attempt to configure invalid hostname for '
                   'personality %s.' % (hostname, personality))
    elif personality == c.CONTROLLER:
        if hostname not in c.CONTROLLER_HOSTNAMES:
            refuse('Host with personality=%s can only have a hostname from '
                   '%s' % (personality, list(c.CONTROLLER_HOSTNAMES)))
    elif personality == c.STORAGE:
        if not checks._STORAGE_NAME.match(hostname):
            refuse('Host with personality=%s can only have a hostname '
                   'starting with %s-(number)' % (personality,
                                                  c.STORAGE_HOSTNAME))
    else:
        refuse('%s: Reject attempt to configure with invalid '
               'personality=%s ' % (hostname, personality))


def check_personality(personality, system):
    """The personality must suit the system type (AIO-DX takes
    workers)."""
    if personality is None:
        return
    if personality not in c.PERSONALITIES:
        refuse("Invalid personality '%s': it must be one of %s"
               % (personality, ', '.join(c.PERSONALITIES)))
    if personality == c.CONTROLLER or not checks.is_aio(system):
        return
    if personality == c.WORKER and system.get('system_mode') in (
            c.SYSTEM_MODE_DUPLEX, c.SYSTEM_MODE_DUPLEX_DIRECT):
        return
    refuse('Personality [%s] for host is not compatible with installed '
           'software. ' % personality)


def check_subfunctions(personality, subfunctions, name):
    allowed = VALID_SUBFUNCTIONS.get(personality, (personality,))
    requested = set((subfunctions or '').split(',')) - {''}
    if not requested.issubset(allowed):
        refuse('%s subfunctions %s contains unsupported values.  '
               'Allowable: %s.' % (name, sorted(requested), list(allowed)))


def controller_name(hosts, requested=None):
    """The name a new controller gets: the one of the pair not taken."""
    taken = {h.get('hostname') for h in hosts
             if h.get('personality') == c.CONTROLLER}
    free = [n for n in c.CONTROLLER_HOSTNAMES if n not in taken]
    if not free:
        refuse('Two controller nodes have already been configured. This '
               'host can not be configured as a controller.')
    if requested and requested in free:
        return requested
    return free[0]


def storage_name(hosts, requested=None):
    """The lowest free storage-N; a requested other name is refused."""
    taken = {h.get('hostname') for h in hosts
             if h.get('personality') == c.STORAGE}
    index = 0
    while '%s-%d' % (c.STORAGE_HOSTNAME, index) in taken:
        index += 1
    expected = '%s-%d' % (c.STORAGE_HOSTNAME, index)
    if requested and requested != expected:
        refuse('Storage name %s not allowed.  Expected %s. Storage nodes '
               'can be one of: storage-#.' % (requested, expected))
    return expected


def _text(value):
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def check_board_management(old, new, changed, hosts):
    """Board management fields of a host after a request.

    :param old: the host before ({} for a new host).
    :param new: the requested values of every bm field.
    :param changed: names of the bm fields the request sets.
    :returns: {bm_type, bm_ip, bm_username} to store.
    """
    name = new.get('hostname') or old.get('hostname') or old.get('uuid')
    bm_type = (_text(new.get('bm_type')) or '').lower() or None
    if bm_type == 'none':
        bm_type = c.BM_TYPE_NONE
    if bm_type is not None and bm_type not in BM_TYPES:
        refuse("%s: Rejected: '%s' is not a supported board management "
               'type. Must be one of %s' % (name, new.get('bm_type'),
                                            list(BM_TYPES)))
    bm_ip, bm_username = _text(new.get('bm_ip')), _text(
        new.get('bm_username'))
    if bm_type in (None, c.BM_TYPE_NONE):
        if 'bm_type' in changed or not (bm_ip or bm_username):
            return {'bm_type': None, 'bm_ip': None, 'bm_username': None}
        bm_type = c.BM_TYPE_DYNAMIC
    if not bm_username:
        refuse('%s: Rejected: Board Management controller username is not '
               'configured.' % name)
    if bm_ip is not None:
        try:
            netaddr.IPAddress(bm_ip)
        except (netaddr.AddrFormatError, ValueError):
            refuse('%s: Rejected: Board Management controller IP Address '
                   'is not valid.' % name)
        if any(h.get('bm_ip') == bm_ip and h.get('uuid') != old.get('uuid')
               for h in hosts):
            refuse('Host-add Rejected: bm_ip %s already exists' % bm_ip)
    if (old.get('bm_username') and bm_username != old.get('bm_username')
            and 'bm_password' not in changed):
        refuse('%s Rejected: username change attempt from %s to %s without '
               'corresponding password.' % (name, old.get('bm_username'),
                                            bm_username))
    return {'bm_type': bm_type, 'bm_ip': bm_ip, 'bm_username': bm_username}


def check_new_host(values, system, hosts):
    """host-add: every check, and the host's values.

    :param values: the request (hostname, personality, mgmt_mac, ...).
    :param hosts: every host of the site.
    :returns: (values to store, the discovered placeholder with this MAC
        or None).
    """
    values = dict(values)
    controllers = [h for h in hosts if h.get('personality') == c.CONTROLLER]
    values['mgmt_mac'] = checks.normalize_mac(values.get('mgmt_mac'))
    if controllers:
        if checks.is_simplex(system):
            refuse('Host-add Rejected: Adding a host on a simplex system is '
                   'not allowed.')
        if not any(h.get('administrative') == s.ADMIN_UNLOCKED and
                   h.get('operational') == s.OPERATIONAL_ENABLED
                   for h in controllers):
            refuse("Provisioning request for new host '%s' is not "
                   'permitted while there is no unlocked-enabled '
                   'controller. Unlock controller-0, wait for it to enable '
                   'and then retry.' % values['mgmt_mac'])
    personality = values.get('personality')
    hostname = _text(values.get('hostname'))
    if personality is None:
        refuse('Host-add Rejected: personality is a required field')
    check_personality(personality, system)
    if personality == c.CONTROLLER:
        hostname = controller_name(hosts, hostname)
    elif personality == c.STORAGE:
        hostname = storage_name(hosts, hostname)
    elif not hostname:
        refuse('Host-add Rejected. Must provide a hostname for a node of '
               'personality %s' % personality)
    validate_hostname(hostname, personality)
    if any(h.get('hostname') == hostname for h in hosts):
        refuse('Host-add Rejected: Hostname already exists')
    existing = next((h for h in hosts
                     if h.get('mgmt_mac') == values['mgmt_mac']), None)
    if existing is not None and (existing.get('hostname') or
                                 existing.get('personality')):
        refuse('Host-add Rejected: Host with mgmt_mac %s already exists'
               % values['mgmt_mac'])
    values['hostname'] = hostname
    values['subfunctions'] = update_subfunctions(
        personality, _text(values.get('subfunctions')), system)
    check_subfunctions(personality, values['subfunctions'], hostname)
    changed = {k for k in checks.BM_FIELDS if k in values}
    values.update(check_board_management({}, values, changed, hosts))
    values.pop('bm_password', None)
    return values, existing


def check_capabilities(old, new):
    """Read-only capabilities stay as they are."""
    if not isinstance(new, dict):
        refuse('Changing capabilities type is not allowed: old_value=%s, '
               'new_value=%s' % (old, new))
    for name in PROTECTED_CAPABILITIES:
        if name == c.CAPABILITY_PERSONALITY:
            allowed = name not in new
        else:
            allowed = old.get(name) == new.get(name)
        if allowed:
            continue
        if name in old:
            refuse('Changing capability not allowed: name=%s, old_value=%s, '
                   'new_value=%s. ' % (name, old.get(name), new.get(name)))
        refuse('Setting capability not allowed: name=%s, value=%s. '
               % (name, new.get(name)))


def _check_frozen(host, delta):
    name = host.get('hostname')
    if host.get('invprovision') in (s.PROVISIONED, s.PROVISIONING) and any(
            k in delta for k in checks.FROZEN_WHEN_PROVISIONED):
        refuse('The following fields can not be modified because this host '
               '%s has been configured: hostname, personality, subfunctions'
               % name)
    if any(k in delta for k in checks.INSTALL_PARAMETERS) and (
            host.get('administrative') != s.ADMIN_LOCKED):
        refuse('Host must be locked before updating installation '
               'parameters.')
    if 'personality' in delta and host.get('personality'):
        refuse('Can not change personality after it has been set. Host %s '
               'must be deleted and re-added in order to change the '
               'personality.' % name)
    if 'subfunctions' in delta and host.get('subfunctions'):
        refuse('Can not change subfunctions after it has been set. Host %s '
               'must be deleted and re-added in order to change the '
               'subfunctions.' % name)
    if 'hostname' in delta and host.get('hostname'):
        refuse('The hostname field can not be modified because the '
               'hostname %s has already been configured. If changing '
               'hostname is required, please delete this host, then readd.'
               % name)


def _provision(host, updates, system, hosts):
    """Setting the personality of a discovered host: names and
    subfunctions as host-add would give them."""
    personality = updates['personality']
    check_personality(personality, system)
    if personality == c.CONTROLLER:
        updates['hostname'] = controller_name(hosts, updates.get('hostname'))
    elif personality == c.STORAGE:
        updates['hostname'] = storage_name(hosts, updates.get('hostname'))
    else:
        hostname = updates.get('hostname') or host.get('hostname')
        if not hostname:
            refuse('Host %s of personality %s, must be provisioned with a '
                   'hostname.' % (host.get('uuid'), personality))
        if hostname in c.CONTROLLER_HOSTNAMES or \
                checks._STORAGE_NAME.match(hostname):
            refuse("Hostname %s is not allowed for personality 'worker'. "
                   'Please check hostname and personality.' % hostname)
    updates['subfunctions'] = update_subfunctions(
        personality, updates.get('subfunctions'), system)


def check_update(host, delta, system, hosts):
    """A user's (or maintenance's) attribute changes of ``host``.

    :param delta: {field: new value} of the fields that change.
    :returns: (updates to store, True when the host becomes provisioned
        with a personality, so its addresses and maintenance's record
        must be set up).
    """
    _check_frozen(host, delta)
    updates = dict(delta)
    provisioned = False
    others = [h for h in hosts if h['id'] != host['id']]
    if 'personality' in delta:
        _provision(host, updates, system, others)
        provisioned = True
    personality = updates.get('personality') or host.get('personality')
    hostname = updates.get('hostname') or host.get('hostname')
    if 'subfunctions' in updates:
        check_subfunctions(personality, updates['subfunctions'],
                           hostname or host.get('uuid'))
    if ('personality' in updates or 'hostname' in updates) and \
            personality and hostname:
        validate_hostname(hostname, personality)
        if any(h.get('hostname') == hostname for h in others):
            refuse('Host-add Rejected: Hostname already exists')
    if 'capabilities' in delta:
        check_capabilities(host.get('capabilities') or {},
                           delta['capabilities'])
    if 'location' in delta and not isinstance(delta['location'], dict):
        refuse('location must be a dictionary, such as {"locn": "..."}')
    if 'clock_synchronization' in delta and (
            delta['clock_synchronization'] not in c.CLOCK_SYNCHRONIZATIONS):
        refuse('clock_synchronization must be one of %s'
               % ', '.join(c.CLOCK_SYNCHRONIZATIONS))
    if 'ttys_dcd' in delta:
        updates['ttys_dcd'] = str(delta['ttys_dcd']).lower() in (
            'true', '1', 'yes')
    changed_bm = set(delta) & checks.BM_FIELDS
    if changed_bm:
        new = {k: delta.get(k, host.get(k)) for k in checks.BM_FIELDS}
        new['hostname'] = hostname
        updates.update(check_board_management(host, new, changed_bm, others))
        updates.pop('bm_password', None)
    return updates, provisioned
