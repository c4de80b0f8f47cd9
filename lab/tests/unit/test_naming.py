import pytest

from stx_lab import exception, naming, profiles


def test_new_lab_ids_are_valid_and_differ():
    ids = {naming.new_lab_id() for _ in range(50)}
    assert len(ids) > 40
    for lab_id in ids:
        assert naming.check_lab_id(lab_id) == lab_id
        assert lab_id[0].isalpha()


@pytest.mark.parametrize('bad', ['', 'abc', 'abcde', 'AB12', 'ab-1', None])
def test_bad_lab_ids_are_refused(bad):
    with pytest.raises(exception.InvalidName):
        naming.check_lab_id(bad)


def test_host_short_names():
    assert naming.host_short('controller-0') == 'c0'
    assert naming.host_short('worker-12') == 'w12'
    assert naming.host_short('storage-3') == 's3'
    with pytest.raises(exception.InvalidName):
        naming.host_short('compute-0')


def test_every_interface_name_fits_ifnamsiz():
    spec = profiles.get_profile('standard', profiles.MAX_WORKERS)
    names = set()
    for lab_id in ('zzzz', '0a9b'):
        for net in profiles.ALL_NETWORKS:
            names.add(naming.bridge(lab_id, net))
        for host in spec.hosts:
            for net in host.networks:
                names.add(naming.veth_bridge_side(lab_id, host.name, net))
                assert len(naming.host_ifname(net)) <= naming.IFNAMSIZ
    assert max(len(n) for n in names) <= naming.IFNAMSIZ
    # distinct names: two labs, every host and network
    expected = 2 * (len(profiles.ALL_NETWORKS) + sum(
        len(h.networks) for h in spec.hosts))
    assert len(names) == expected
    assert naming.veth_bridge_side('ab12', 'worker-999', 'mgmt') == \
        'flab12w999-mgmt'


def test_names_carry_the_lab_id():
    assert naming.namespace('ab12', 'worker-0') == 'flock-ab12-worker-0'
    assert naming.namespace('ab12', 'worker-0').startswith(
        naming.namespace_prefix('ab12'))
    assert naming.bridge('ab12', 'cluster-host') == 'flab12-clh'
    assert naming.bridge('ab12', 'pxeboot').startswith(
        naming.iface_prefix('ab12'))
