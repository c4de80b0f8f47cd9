"""CPU function assignment and memory change rules (pure functions)."""
import pytest

from sysinv import exception
from sysinv.conductor import inventory_checks as checks
from sysinv.tests.unit import inventory_fakes as fakes

LOCKED = {'hostname': 'compute-0', 'personality': 'worker',
          'subfunctions': 'worker', 'administrative': 'locked'}
UNLOCKED = dict(LOCKED, administrative='unlocked')
SYSTEM = {'capabilities': {}}


def cpus(sockets=2, cores=4, threads=2, functions=None):
    rows = fakes.cpus(sockets, cores, threads)
    for row in rows:
        row['id'] = 100 + row['cpu']
        row['allocated_function'] = (functions or {}).get(
            row['cpu'], 'Platform' if row['core'] == 0 and
            row['numa_node'] == 0 else 'Application')
    return rows


def refused(func, *args):
    with pytest.raises(exception.ClientSideError) as info:
        func(*args)
    return str(info.value)


def apply(rows, changes):
    by_id = {r['id']: r for r in rows}
    return {by_id[i]['cpu']: f for i, f in changes.items()}


def functions_after(rows, changes):
    result = {r['cpu']: r['allocated_function'] for r in rows}
    result.update(apply(rows, changes))
    return result


# -- CPUs ---------------------------------------------------------------------
def test_cpu_modify_needs_a_locked_host():
    assert refused(checks.cpu_functions, UNLOCKED, SYSTEM, cpus(),
                   [{'function': 'platform', 'sockets': [{'0': 1}]}]) == \
        'Host must be locked.'


def test_cpu_modify_needs_the_worker_subfunction():
    controller = dict(LOCKED, personality='controller',
                      subfunctions='controller')
    assert refused(checks.cpu_functions, controller, SYSTEM, cpus(),
                   [{'function': 'platform', 'sockets': [{'0': 1}]}]) == \
        'Can only modify worker node cores.'


def test_platform_needs_a_core():
    assert refused(checks.cpu_functions, LOCKED, SYSTEM, cpus(),
                   [{'function': 'platform', 'sockets': [{'0': 0}]}]) == \
        'Platform must have at least one core.'


def test_totals_must_fit_the_processor():
    assert refused(checks.cpu_functions, LOCKED, SYSTEM, cpus(),
                   [{'function': 'platform', 'sockets': [{'1': 5}]}]) == \
        'More total logical cores requested than present on Processor 1 ' \
        '(4 cores).'


def test_application_keeps_a_core():
    message = refused(checks.cpu_functions, LOCKED, SYSTEM,
                      cpus(sockets=1, cores=2),
                      [{'function': 'platform', 'sockets': [{'0': 2}]}])
    assert message == 'There must be at least one unused core for ' \
        'Application.'


def test_platform_cores_per_socket_take_both_threads():
    rows = cpus()
    changes = checks.cpu_functions(
        LOCKED, SYSTEM, rows,
        [{'function': 'platform', 'sockets': [{'0': 2}, {'1': '1'}]}])
    after = functions_after(rows, changes)
    platform = sorted(c for c, f in after.items() if f == 'Platform')
    # cores 0,1 of socket 0 (cpus 0,1 + siblings 8,9), core 0 of socket 1
    assert platform == [0, 1, 4, 8, 9, 12]
    assert set(after.values()) == {'Platform', 'Application'}
    # only changed CPUs are returned
    assert all(rows[c]['allocated_function'] != f
               for c, f in apply(rows, changes).items())


def test_isolated_and_shared_follow_platform():
    rows = cpus(sockets=1, cores=4)
    changes = checks.cpu_functions(LOCKED, SYSTEM, rows, [
        {'function': 'application-isolated', 'sockets': [{'0': 2}]},
        {'function': 'Shared', 'sockets': [{'0': 1}]}])
    after = functions_after(rows, changes)
    assert [after[c] for c in range(4)] == [
        'Platform', 'Shared', 'Application-isolated', 'Application-isolated']
    assert after[4] == 'Platform' and after[7] == 'Application-isolated'


def test_cpulist_assigns_logical_cpus():
    rows = cpus(sockets=1, cores=4, threads=1)
    changes = checks.cpu_functions(LOCKED, SYSTEM, rows, [
        {'function': 'application-isolated', 'cpulist': '2-3'}])
    assert functions_after(rows, changes) == {
        0: 'Platform', 1: 'Application', 2: 'Application-isolated',
        3: 'Application-isolated'}


@pytest.mark.parametrize('request_, message', [
    ([], 'The request must be a list'),
    ('platform', 'The request must be a list'),
    ([{'function': 'magic', 'sockets': [{'0': 1}]}], "Invalid function"),
    ([{'function': 'platform'}], 'Each entry needs sockets or a cpulist.'),
    ([{'function': 'platform', 'sockets': [{'0': 1}], 'cpulist': '1'}],
     'not both'),
    ([{'function': 'platform', 'sockets': [{'7': 1}]}],
     'Processor 7 does not exist'),
    ([{'function': 'platform', 'sockets': [{'0': 'x'}]}],
     'Invalid number of cores'),
    ([{'function': 'platform', 'sockets': [{'0': -1}]}],
     'Invalid number of cores'),
    ([{'function': 'platform', 'cpulist': '3-1'}], 'Invalid cpulist'),
    ([{'function': 'platform', 'cpulist': '0,99'}], 'does not exist'),
    ([{'function': 'vswitch', 'sockets': [{'0': 1}]}],
     'Vswitch cores can only be assigned when a vswitch'),
    ([{'function': 'shared', 'sockets': [{'0': 2}]}],
     'one core per processor'),
    ([{'function': 'application', 'sockets': [{'0': 2}]}],
     'Application cores are the cores left'),
])
def test_bad_cpu_requests(request_, message):
    assert message in refused(checks.cpu_functions, LOCKED, SYSTEM, cpus(),
                              request_)


def test_vswitch_cores_with_a_vswitch():
    rows = cpus(sockets=1, cores=4, threads=1)
    system = {'capabilities': {'vswitch_type': 'ovs-dpdk'}}
    changes = checks.cpu_functions(LOCKED, system, rows, [
        {'function': 'vswitch', 'sockets': [{'0': 1}]}])
    assert functions_after(rows, changes)[1] == 'Vswitch'


# -- memory -------------------------------------------------------------------
MEMORY = {'numa_node': 0, 'node_memtotal_mib': 10000,
          'platform_reserved_mib': 2000,
          'minimum_platform_reserved_mib': 1500, 'vm_hugepages_nr_2M': 0,
          'vm_hugepages_nr_1G': 0, 'vm_hugepages_use_1G': True,
          'vswitch_hugepages_nr': 0}


def test_memory_needs_a_locked_host():
    assert refused(checks.memory_changes, UNLOCKED, MEMORY,
                   {'vm_hugepages_nr_2M_pending': 10}) == \
        'Host must be locked.'


def test_memory_values_are_normalized():
    values = checks.memory_changes(LOCKED, MEMORY, {
        'vm_hugepages_nr_2M_pending': '100',
        'vm_hugepages_nr_1G_pending': 'None',
        'platform_reserved_mib': 3000})
    assert values == {'vm_hugepages_nr_2M_pending': 100,
                      'vm_hugepages_nr_1G_pending': None,
                      'platform_reserved_mib': 3000}


def test_2m_pages_must_fit():
    assert refused(checks.memory_changes, LOCKED, MEMORY,
                   {'vm_hugepages_nr_2M_pending': 5000}) == \
        'No available space for 2M huge page allocation, max 2M pages: 4000'


def test_1g_pages_must_fit():
    assert refused(checks.memory_changes, LOCKED, MEMORY,
                   {'vm_hugepages_nr_1G_pending': 9}) == \
        'No available space for 1G huge page allocation, max 1G pages: 7'


def test_both_sizes_must_fit_together():
    message = refused(checks.memory_changes, LOCKED, MEMORY, {
        'vm_hugepages_nr_1G_pending': 7, 'vm_hugepages_nr_2M_pending': 1000})
    assert message.startswith('No available space for new settings.')


def test_platform_reservation_counts():
    assert refused(checks.memory_changes, LOCKED, MEMORY, {
        'vm_hugepages_nr_1G_pending': 7, 'platform_reserved_mib': 4000}) \
        .startswith('No available space for 1G')


def test_platform_reservation_bounds():
    assert refused(checks.memory_changes, LOCKED, MEMORY,
                   {'platform_reserved_mib': 1000}) == \
        'Platform reserved memory for numa node 0 must be greater than ' \
        'the minimum value 1500'
    assert refused(checks.memory_changes, LOCKED, MEMORY,
                   {'platform_reserved_mib': 10001}) == \
        'Platform reserved memory for numa node 0 must be less than the ' \
        'maximum value 10000'


@pytest.mark.parametrize('changes, message', [
    ({'vm_hugepages_nr_2M_pending': 'many'}, 'must be an integer'),
    ({'vm_hugepages_nr_2M_pending': -1}, 'greater than or equal to zero'),
    ({'vm_hugepages_nr_2M_pending': True}, 'must be an integer'),
    ({'memtotal_mib': 5}, "'memtotal_mib' cannot be changed"),
    ({'vswitch_hugepages_size_mib': 4}, 'must be one of 2, 1024 MiB'),
    ({'vm_pending_as_percentage': 'maybe'}, 'must be True or False'),
    ({'platform_reserved_mib': None}, 'cannot be removed'),
])
def test_bad_memory_values(changes, message):
    assert message in refused(checks.memory_changes, LOCKED, MEMORY,
                              changes)


def test_1g_pages_need_processor_support():
    memory = dict(MEMORY, vm_hugepages_use_1G=False)
    assert refused(checks.memory_changes, LOCKED, memory,
                   {'vm_hugepages_nr_1G_pending': 1}) == \
        'Processor does not support 1G huge pages.'


def test_percentages():
    assert checks.memory_changes(LOCKED, MEMORY, {
        'vm_pending_as_percentage': 'true',
        'vm_hugepages_nr_2M_pending': 50,
        'vm_hugepages_nr_1G_pending': 50})['vm_pending_as_percentage'] == \
        'True'
    assert 'cannot exceed 100%' in refused(
        checks.memory_changes, LOCKED, MEMORY,
        {'vm_pending_as_percentage': 'True',
         'vm_hugepages_nr_2M_pending': 60,
         'vm_hugepages_nr_1G_pending': 50})


def test_vswitch_pages_take_room():
    assert refused(checks.memory_changes, LOCKED, MEMORY, {
        'vswitch_hugepages_size_mib': 1024, 'vswitch_hugepages_reqd': 4,
        'vm_hugepages_nr_1G_pending': 4}).startswith(
        'No available space for 1G')
