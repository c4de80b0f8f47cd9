"""Memory and hugepage probe against fake NUMA trees."""
from sysinv.agent.inventory import memory
from sysinv.tests.unit.agent.fake_tree import FakeTree


def test_two_nodes_with_hugepages(root):
    node0, node1 = memory.imemorys(root)
    assert node0['numa_node'] == 0 and node1['numa_node'] == 1
    assert node0['node_memtotal_mib'] == 32768
    assert node0['platform_reserved_mib'] == 2000
    assert node0['memtotal_mib'] == 32768 - 2000
    assert (node0['vm_hugepages_nr_2M'], node0['vm_hugepages_avail_2M']) \
        == (1024, 1000)
    assert (node0['vm_hugepages_nr_1G'], node0['vm_hugepages_avail_1G']) \
        == (4, 3)
    assert node0['hugepages_configured'] is True
    assert node0['vm_hugepages_use_1G'] is True
    assert node0['vm_hugepages_possible_2M'] == (32768 - 2000) // 2
    assert node0['vm_hugepages_possible_1G'] == (32768 - 2000) // 1024
    # free small pages (20 GiB) + free hugepages (1000 x 2M + 3 x 1G)
    assert node0['memavail_mib'] == 20480 + 2000 + 3072
    huge = 1024 * 2 + 4 * 1024
    assert node0['vm_hugepages_nr_4K'] == (32768 - 2000 - huge) * 256
    # node 1: no reservation by default, no hugepages
    assert node1['platform_reserved_mib'] == 0
    assert node1['memtotal_mib'] == node1['node_memtotal_mib'] == 16384
    assert node1['hugepages_configured'] is False
    assert node1['vswitch_hugepages_nr'] == 0


def test_reservation_from_worker_reserved_conf(machine, root):
    machine.write('etc/platform/worker_reserved.conf',
                  'WORKER_BASE_RESERVED=("node0:8000MB:1" '
                  '"node1:2000MB:0")\n')
    node0, node1 = memory.imemorys(root)
    assert node0['platform_reserved_mib'] == 8000
    assert node1['platform_reserved_mib'] == 2000
    assert node1['memtotal_mib'] == 16384 - 2000


def test_no_1g_pages_offered(tmp_path):
    tree = FakeTree(tmp_path)
    tree.node(0, '0', 4 * 1024 * 1024, 1024 * 1024,
              hugepages={2048: (10, 10)})
    tree.meminfo(4 * 1024 * 1024, 1024 * 1024)
    [record] = memory.imemorys(str(tmp_path))
    assert record['vm_hugepages_use_1G'] is False
    assert record['vm_hugepages_nr_1G'] == 0
    assert record['vm_hugepages_nr_2M'] == 10


def test_single_node_prefers_larger_system_figures(tmp_path):
    # a VM whose node counters lag memory hot-added at boot
    tree = FakeTree(tmp_path)
    tree.node(0, '0-1', 5 * 1024 * 1024, 4 * 1024 * 1024)
    tree.meminfo(24 * 1024 * 1024, 23 * 1024 * 1024)
    tree.write('sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages',
               '16\n')
    tree.write('sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages',
               '8\n')
    [record] = memory.imemorys(str(tmp_path))
    assert record['node_memtotal_mib'] == 24 * 1024
    assert record['vm_hugepages_nr_2M'] == 16
    assert record['vm_hugepages_avail_2M'] == 8


def test_no_node_directories_at_all(tmp_path):
    tree = FakeTree(tmp_path)
    tree.meminfo(2 * 1024 * 1024, 1024 * 1024)
    [record] = memory.imemorys(str(tmp_path))
    assert record['numa_node'] == 0
    assert record['node_memtotal_mib'] == 2048
    # the reservation never exceeds the node
    assert record['platform_reserved_mib'] == 2000
    assert record['memtotal_mib'] == 48


def test_empty_tree(tmp_path):
    [record] = memory.imemorys(str(tmp_path))
    assert record['node_memtotal_mib'] == 0
    assert record['memtotal_mib'] == 0 and record['memavail_mib'] == 0
