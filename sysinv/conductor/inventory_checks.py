"""Semantic checks of CPU function assignment and memory changes: pure
functions with StarlingX's refusal texts.

:func:`cpu_functions` turns a ``host_cpus_modify`` request (StarlingX's
body: ``[{"function": "platform", "sockets": [{"0": 1}]}, {"function":
"application-isolated", "cpulist": "3-5"}]``) into the new function of
each CPU, after checking it; :func:`memory_changes` checks a memory
PATCH and returns the column values to store. Both raise
:class:`sysinv.exception.ClientSideError` (400).
"""
from sysinv import exception
from sysinv.common import constants, states

PLATFORM = 'Platform'
VSWITCH = 'Vswitch'
SHARED = 'Shared'
APPLICATION = 'Application'
ISOLATED = 'Application-isolated'
# Order in which a socket's cores are given out.
ASSIGN_ORDER = (PLATFORM, VSWITCH, SHARED, ISOLATED)
FUNCTIONS = {f.lower(): f for f in ASSIGN_ORDER + (APPLICATION,)}
MAX_SOCKETS = 4

MEMORY_FIELDS = ('platform_reserved_mib', 'vm_hugepages_nr_2M_pending',
                 'vm_hugepages_nr_1G_pending', 'vswitch_hugepages_reqd',
                 'vswitch_hugepages_size_mib', 'vm_pending_as_percentage')
VSWITCH_PAGE_SIZES_MIB = (2, 1024)


def refuse(message):
    raise exception.ClientSideError(reason=message)


def _name(host):
    return host.get('hostname') or host.get('uuid')


def has_worker(host):
    subs = (host.get('subfunctions') or host.get('personality') or '')
    return constants.WORKER in [s.strip() for s in subs.split(',')]


def check_locked(host):
    """CPU and memory changes wait for a lock (applied on unlock)."""
    if host.get('administrative') != states.ADMIN_LOCKED:
        refuse('Host must be locked.')


# -- CPUs ---------------------------------------------------------------------
def parse_cpulist(text):
    """``'0-3,8'`` -> [0, 1, 2, 3, 8]; ClientSideError when malformed."""
    cpus = []
    try:
        for part in str(text).split(','):
            part = part.strip()
            if not part:
                continue
            if '-' in part:
                low, high = (int(x) for x in part.split('-', 1))
                if low > high:
                    raise ValueError(part)
                cpus.extend(range(low, high + 1))
            else:
                cpus.append(int(part))
    except ValueError:
        refuse('Invalid cpulist: %s' % text)
    if not cpus or min(cpus) < 0:
        refuse('Invalid cpulist: %s' % text)
    return sorted(set(cpus))


def _function(value):
    function = FUNCTIONS.get(str(value or '').strip().lower())
    if function is None:
        refuse("Invalid function '%s': it must be one of %s"
               % (value, ', '.join(f.lower() for f in FUNCTIONS.values())))
    return function


def _count(value, socket):
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if number < 0:
        refuse('Invalid number of cores (%s) on processor %s: it must be a '
               'whole number of cores.' % (value, socket))
    return number


def topology(cpus):
    """{numa_node: [core keys in order]} and {core key: [cpu rows]}."""
    cores = {}
    for cpu in sorted(cpus, key=lambda c: c['cpu']):
        key = (cpu.get('numa_node') or 0, cpu['core'])
        cores.setdefault(key, []).append(cpu)
    sockets = {}
    for key in sorted(cores, key=lambda k: (k[0], cores[k][0]['cpu'])):
        sockets.setdefault(key[0], []).append(key)
    return sockets, cores


def _current_counts(sockets, cores):
    counts = {}
    for socket, keys in sockets.items():
        per = counts.setdefault(socket, dict.fromkeys(ASSIGN_ORDER, 0))
        for key in keys:
            function = cores[key][0].get('allocated_function')
            if function in per:
                per[function] += 1
    return counts


def _requested(requests, sockets):
    """(counts per socket after the request, [(function, cpus)])."""
    if not isinstance(requests, list) or not requests:
        refuse('The request must be a list of {function, sockets} or '
               '{function, cpulist} entries.')
    counts = {}
    lists = []
    for item in requests:
        if not isinstance(item, dict):
            refuse('Each entry needs a function and sockets or a cpulist.')
        function = _function(item.get('function'))
        has_sockets = item.get('sockets') not in (None, [], '')
        has_list = item.get('cpulist') not in (None, '')
        if has_sockets == has_list:
            refuse('Each entry needs either sockets or a cpulist, not '
                   'both.' if has_list else
                   'Each entry needs sockets or a cpulist.')
        if has_list:
            lists.append((function, parse_cpulist(item['cpulist'])))
            continue
        if function == APPLICATION:
            refuse('Application cores are the cores left once the other '
                   'functions are assigned; assign them with a cpulist.')
        for entry in item['sockets']:
            if not isinstance(entry, dict):
                refuse('Invalid sockets entry %s' % (entry,))
            for socket, value in entry.items():
                try:
                    number = int(socket)
                except (TypeError, ValueError):
                    number = -1
                if number not in sockets:
                    refuse('Processor %s does not exist on this host.'
                           % socket)
                counts.setdefault(number, {})[function] = _count(
                    value, number)
    return counts, lists


def _check_counts(host, system, counts, sockets):
    for socket, per in sorted(counts.items()):
        total = sum(per.values())
        if total > len(sockets[socket]):
            refuse('More total logical cores requested than present on '
                   'Processor %s (%s cores).' % (socket,
                                                 len(sockets[socket])))
        if per[SHARED] > 1:
            refuse('%s function can only be assigned one core per '
                   'processor.' % SHARED)
    if sum(per[PLATFORM] for per in counts.values()) < 1:
        refuse('%s must have at least one core.' % PLATFORM)
    vswitch = ((system or {}).get('capabilities') or {}).get(
        'vswitch_type') or constants.VSWITCH_TYPE_NONE
    if vswitch == constants.VSWITCH_TYPE_NONE and \
            sum(per[VSWITCH] for per in counts.values()):
        refuse('%s cores can only be assigned when a vswitch is '
               'configured (vswitch_type is none).' % VSWITCH)


def cpu_functions(host, system, cpus, requests):
    """The new ``allocated_function`` of every CPU a request changes.

    :param cpus: the host's CPU rows (``cpu``, ``core``, ``numa_node``,
        ``allocated_function``, ``id``).
    :returns: {cpu id: function} for the CPUs whose function changes.
    """
    check_locked(host)
    if not has_worker(host):
        refuse('Can only modify worker node cores.')
    if not cpus:
        refuse('Host %s has no inventoried CPUs yet.' % _name(host))
    sockets, cores = topology(cpus)
    counts = _current_counts(sockets, cores)
    wanted, lists = _requested(requests, sockets)
    for socket, per in wanted.items():
        counts[socket].update(per)
    _check_counts(host, system, counts, sockets)
    functions = {}
    for socket, keys in sockets.items():
        queue = list(keys)
        for function in ASSIGN_ORDER:
            for _ in range(counts[socket][function]):
                for cpu in cores[queue.pop(0)]:
                    functions[cpu['cpu']] = function
        for key in queue:
            for cpu in cores[key]:
                functions[cpu['cpu']] = APPLICATION
    by_number = {c['cpu']: c for c in cpus}
    for function, numbers in lists:
        unknown = [n for n in numbers if n not in by_number]
        if unknown:
            refuse('Invalid cpulist: CPU %s does not exist on this host.'
                   % ','.join(str(n) for n in unknown))
        for number in numbers:
            functions[number] = function
    if not any(f == PLATFORM for f in functions.values()):
        refuse('%s must have at least one core.' % PLATFORM)
    if len({c['core'] for c in cpus}) > 1 and not any(
            f in (APPLICATION, ISOLATED) for f in functions.values()):
        refuse('There must be at least one unused core for %s.'
               % APPLICATION)
    return {by_number[n]['id']: f for n, f in functions.items()
            if by_number[n].get('allocated_function') != f}


# -- memory -------------------------------------------------------------------
def _int_value(field, value):
    if value is None or (isinstance(value, str) and
                         value.strip().lower() in ('', 'none')):
        return None
    if isinstance(value, bool):
        refuse('%s must be an integer, not %s' % (field, value))
    try:
        number = int(str(value).strip())
    except ValueError:
        refuse('%s must be an integer, not %s' % (field, value))
    if number < 0:
        refuse('%s must be greater than or equal to zero' % field)
    return number


def _bool_text(field, value):
    text = str(value).strip().lower()
    if text in ('true', '1', 'yes'):
        return 'True'
    if text in ('false', '0', 'no'):
        return 'False'
    refuse('%s must be True or False, not %s' % (field, value))


def _normalize(changes):
    values = {}
    for field, value in changes.items():
        if field not in MEMORY_FIELDS:
            refuse("'%s' cannot be changed" % field)
        if field == 'vm_pending_as_percentage':
            values[field] = _bool_text(field, value)
        else:
            values[field] = _int_value(field, value)
    return values


def _check_reserved(memory, reserved):
    node = memory.get('numa_node')
    minimum = memory.get('minimum_platform_reserved_mib') or 0
    maximum = memory.get('node_memtotal_mib') or 0
    if reserved < minimum:
        refuse('Platform reserved memory for numa node %s must be greater '
               'than the minimum value %s' % (node, minimum))
    if reserved > maximum:
        refuse('Platform reserved memory for numa node %s must be less '
               'than the maximum value %s' % (node, maximum))


def _merged(memory, values, field, fallback=None):
    value = values[field] if field in values else memory.get(field)
    return fallback if value is None else value


def _check_pages(memory, values):
    as_percentage = _merged(memory, values,
                            'vm_pending_as_percentage') == 'True'
    pages_2m = _merged(memory, values, 'vm_hugepages_nr_2M_pending',
                       memory.get('vm_hugepages_nr_2M') or 0)
    pages_1g = _merged(memory, values, 'vm_hugepages_nr_1G_pending',
                       memory.get('vm_hugepages_nr_1G') or 0)
    if pages_1g and not memory.get('vm_hugepages_use_1G') and \
            'vm_hugepages_nr_1G_pending' in values:
        refuse('Processor does not support 1G huge pages.')
    if as_percentage:
        if pages_2m + pages_1g > 100:
            refuse('Huge page percentages (2M %s%%, 1G %s%%) cannot exceed '
                   '100%% together.' % (pages_2m, pages_1g))
        return
    reserved = _merged(memory, values, 'platform_reserved_mib', 0)
    vs_size = _merged(memory, values, 'vswitch_hugepages_size_mib', 0)
    vs_count = _merged(memory, values, 'vswitch_hugepages_reqd',
                       memory.get('vswitch_hugepages_nr') or 0)
    room = ((memory.get('node_memtotal_mib') or 0) - reserved -
            vs_size * vs_count)
    if pages_2m * 2 + pages_1g * 1024 <= room:
        return
    max_2m = max(0, (room - pages_1g * 1024) // 2)
    max_1g = max(0, (room - pages_2m * 2) // 1024)
    changed_2m = 'vm_hugepages_nr_2M_pending' in values
    changed_1g = 'vm_hugepages_nr_1G_pending' in values
    if changed_2m and not changed_1g:
        refuse('No available space for 2M huge page allocation, max 2M '
               'pages: %d' % max_2m)
    if changed_1g and not changed_2m:
        refuse('No available space for 1G huge page allocation, max 1G '
               'pages: %d' % max_1g)
    refuse('No available space for new settings.Max 1G pages is %s when 2M '
           'is %s, or Max 2M pages is %s when 1G is %s.'
           % (max_1g, pages_2m, max_2m, pages_1g))


def memory_changes(host, memory, changes):
    """The column values a memory PATCH stores, after checking them.

    :param memory: the memory row (one NUMA node of the host).
    :param changes: {field: value} of the PATCH (values may be text, as
        the ``system`` CLI sends them).
    """
    check_locked(host)
    values = _normalize(changes)
    if values.get('platform_reserved_mib') is not None:
        _check_reserved(memory, values['platform_reserved_mib'])
    elif 'platform_reserved_mib' in values:
        refuse('platform_reserved_mib cannot be removed')
    size = values.get('vswitch_hugepages_size_mib')
    if size is not None and size not in VSWITCH_PAGE_SIZES_MIB:
        refuse('vswitch_hugepages_size_mib must be one of %s MiB'
               % ', '.join(str(s) for s in VSWITCH_PAGE_SIZES_MIB))
    if values.get('vswitch_hugepages_reqd') and not has_worker(host):
        refuse('Vswitch huge pages can only be set on a host with the '
               'worker subfunction.')
    _check_pages(memory, values)
    return values
