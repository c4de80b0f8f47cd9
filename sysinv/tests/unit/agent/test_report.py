"""The bundled report, fingerprints and deltas."""
import copy

from sysinv.agent.inventory import cpu, report


def test_collect_has_every_category(root):
    result = report.collect(root)
    assert result['schema_version'] == report.SCHEMA_VERSION
    assert result['errors'] == {}
    for name in report.CATEGORIES:
        assert name in result, name
    assert set(result['fingerprints']) == set(report.CATEGORIES)
    assert len(result['icpus']) == 8 and len(result['inodes']) == 2
    assert [p['name'] for p in result['ports']] == ['enp59s0f0',
                                                    'enp59s0f1']
    assert len(result['partitions']) == 3


def test_include_virtual_reaches_ports_and_macs(root):
    result = report.collect(root, include_virtual=True)
    assert result['ports'][-1]['name'] == 'mgmt0'
    assert '52:54:00:12:34:56' in result['host']['macs']


def test_fingerprint_is_stable_and_ignores_uptime(root):
    first = report.collect(root)
    second = report.collect(root)
    assert first['fingerprints'] == second['fingerprints']
    facts = dict(first['host'], uptime=99999999)
    assert report.fingerprint('host', facts) == \
        first['fingerprints']['host']
    # key order does not matter, values do
    cpus = [dict(reversed(list(r.items()))) for r in first['icpus']]
    assert report.fingerprint('icpus', cpus) == \
        first['fingerprints']['icpus']
    cpus[0]['cpu_model'] = 'other'
    assert report.fingerprint('icpus', cpus) != \
        first['fingerprints']['icpus']


def test_first_delta_is_everything(root):
    current = report.collect(root)
    sent = report.delta(None, current)
    for name in report.CATEGORIES:
        assert sent[name] == current[name]
    assert sent['fingerprints'] == current['fingerprints']


def test_delta_of_an_unchanged_machine_is_empty(machine, root):
    previous = report.collect(root)
    machine.write('proc/uptime', '99999.0 1.0\n')
    current = report.collect(root)
    assert report.delta(previous, current) == {
        'schema_version': report.SCHEMA_VERSION,
        'collected_at': current['collected_at']}
    assert report.changed(previous, current) == []


def test_delta_holds_only_changed_categories(machine, root):
    previous = report.collect(root)
    hp = 'sys/devices/system/node/node1/hugepages/hugepages-2048kB/'
    machine.write(hp + 'nr_hugepages', '512\n')
    machine.write(hp + 'free_hugepages', '512\n')
    machine.write('sys/devices/pci0000:00/0000:3b:00.1/net/enp59s0f1/speed',
                  '25000\n')
    current = report.collect(root)
    sent = report.delta(previous, current)
    assert set(sent) == {'schema_version', 'collected_at', 'imemorys',
                         'ports', 'fingerprints'}
    assert sent['imemorys'][1]['vm_hugepages_nr_2M'] == 512
    assert sent['ports'][1]['speed'] == 25000
    assert set(sent['fingerprints']) == {'imemorys', 'ports'}


def test_disk_removal_is_a_delta(machine, root):
    previous = report.collect(root)
    machine.path('sys/block/sda').unlink()
    current = report.collect(root)
    assert report.changed(previous, current) == ['idisks']
    assert [d['device_node'] for d in report.delta(
        previous, current)['idisks']] == ['/dev/nvme0n1', '/dev/sdb']


def test_schema_change_resends_everything(root):
    previous = report.collect(root)
    current = copy.deepcopy(previous)
    previous['schema_version'] = 0
    assert report.changed(previous, current) == list(report.CATEGORIES)


def test_delta_without_stored_fingerprints(root):
    previous = report.collect(root)
    current = copy.deepcopy(previous)
    del previous['fingerprints'], current['fingerprints']
    current['icpus'] = current['icpus'][:4]
    assert report.changed(previous, current) == ['icpus']


def test_failing_probe_is_left_out(monkeypatch, root):
    def broken(_root):
        raise OSError('boom')

    monkeypatch.setattr(cpu, 'icpus', broken)
    result = report.collect(root)
    assert 'icpus' not in result and 'icpus' not in result['fingerprints']
    assert result['errors'] == {'icpus': 'OSError: boom'}
    # an unknown category is never sent as a change
    previous = report.collect(root)
    previous['fingerprints']['icpus'] = 'x'
    assert 'icpus' not in report.changed(previous, result)
