"""CPU and NUMA probes against a fake two-socket machine."""
import shutil

from sysinv.agent.inventory import cpu
from sysinv.tests.unit.agent import conftest
from sysinv.tests.unit.agent.fake_tree import FakeTree


def test_inodes_lists_every_numa_node(root):
    assert cpu.inodes(root) == [{'numa_node': 0, 'capabilities': {}},
                                {'numa_node': 1, 'capabilities': {}}]


def test_icpus_topology(root):
    records = cpu.icpus(root)
    assert [r['cpu'] for r in records] == list(range(8))
    by_cpu = {r['cpu']: r for r in records}
    assert by_cpu[0] == {
        'cpu': 0, 'core': 0, 'thread': 0, 'numa_node': 0,
        'cpu_family': '6', 'cpu_model': conftest.XEON, 'capabilities': {}}
    # cpu 4 is the second hyperthread of cpu 0's core
    assert (by_cpu[4]['core'], by_cpu[4]['thread']) == (0, 1)
    assert by_cpu[3]['numa_node'] == 1 and by_cpu[7]['thread'] == 1
    assert 'allocated_function' not in by_cpu[0]


def test_offline_cpus_are_not_reported(machine, root):
    machine.cpus_online('0-3')
    assert [r['cpu'] for r in cpu.icpus(root)] == [0, 1, 2, 3]


def test_missing_node_and_cpuinfo(tmp_path):
    tree = FakeTree(tmp_path)
    tree.cpu(0, 0, 0, '0', node=0)
    shutil.rmtree(tree.path('sys/devices/system/node'))
    assert cpu.inodes(str(tmp_path)) == [{'numa_node': 0,
                                          'capabilities': {}}]
    [record] = cpu.icpus(str(tmp_path))
    assert record['numa_node'] == 0
    assert record['cpu_model'] is None and record['cpu_family'] is None


def test_arm_cpuinfo_without_model_name(tmp_path):
    tree = FakeTree(tmp_path)
    tree.cpu(0, 0, 0, '0', node=0)
    tree.cpuinfo([{'processor': '0', 'CPU implementer': '0x41',
                   'CPU architecture': '8', 'CPU part': '0xd0c'}])
    [record] = cpu.icpus(str(tmp_path))
    assert record['cpu_family'] == '8'
    assert record['cpu_model'] == 'implementer 0x41 part 0xd0c'


def _functions(records):
    return {r['cpu']: r['allocated_function'] for r in records}


def test_default_functions_controller_keeps_all_for_platform(root):
    functions = _functions(cpu.default_functions(cpu.icpus(root),
                                                 'controller'))
    assert set(functions.values()) == {cpu.PLATFORM}


def test_default_functions_worker(root):
    functions = _functions(cpu.default_functions(cpu.icpus(root),
                                                 'worker'))
    # one platform core on node 0: cpu 0 and its sibling cpu 4
    assert {c for c, f in functions.items() if f == cpu.PLATFORM} == {0, 4}
    assert functions[1] == functions[2] == cpu.APPLICATION


def test_default_functions_all_in_one_with_vswitch(root):
    records = cpu.default_functions(cpu.icpus(root), 'controller',
                                    subfunctions='controller,worker',
                                    vswitch_cores=1)
    functions = _functions(records)
    assert {c for c, f in functions.items() if f == cpu.PLATFORM} == {
        0, 4, 1, 5}
    assert {c for c, f in functions.items() if f == cpu.VSWITCH} == {2, 6}
    assert functions[3] == functions[7] == cpu.APPLICATION


def test_default_functions_leave_a_core_to_applications():
    two = [{'cpu': n, 'core': n, 'thread': 0, 'numa_node': 0}
           for n in range(2)]
    functions = _functions(cpu.default_functions(
        two, 'controller', subfunctions='controller,worker'))
    assert functions == {0: cpu.PLATFORM, 1: cpu.APPLICATION}
