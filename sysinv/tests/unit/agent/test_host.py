"""Host facts against a fake machine."""
from sysinv.agent.inventory import host


def test_facts(root):
    assert host.facts(root) == {
        'hostname': 'controller-0',
        'macs': ['3c:fd:fe:b5:72:fd', '3c:fd:fe:b5:72:fe'],
        'kernel_running': '6.6.0-1-amd64',
        'boot_time': 1700000000,
        'uptime': 12345,
        'machine_id': '0123456789abcdef0123456789abcdef',
        'cstates_available': 'POLL,C1,C6',
        'min_cpu_mhz_allowed': 800,
        'max_cpu_mhz_allowed': 3900,
        'iscsi_initiator_name': 'iqn.2018-05.io.starlingx:c0',
        'nvme_host_id': None,
        'nvme_host_nqn': 'nqn.2014-08.org.nvmexpress:uuid:1',
    }


def test_virtual_macs_when_asked(root):
    assert host.facts(root, include_virtual=True)['macs'][-1] == \
        '52:54:00:12:34:56'


def test_hostname_falls_back_to_etc(machine, root):
    machine.write('proc/sys/kernel/hostname', '')
    machine.write('etc/hostname', 'worker-1\n')
    assert host.hostname(root) == 'worker-1'


def test_empty_tree(tmp_path):
    facts = host.facts(str(tmp_path))
    assert facts['macs'] == []
    assert all(value in (None, []) for value in facts.values())
