import pytest

from stx_lab import exception, profiles


def test_aio_sx_is_one_local_controller():
    spec = profiles.get_profile('aio-sx')
    assert not spec.namespaced
    assert [h.name for h in spec.hosts] == ['controller-0']
    assert spec.hosts[0].subfunctions == ('controller', 'worker')
    assert spec.hosts[0].networks == ()


def test_aio_dx_has_two_all_in_one_controllers():
    spec = profiles.get_profile('aio-dx')
    assert spec.namespaced
    assert [h.name for h in spec.hosts] == ['controller-0', 'controller-1']
    assert all('worker' in h.subfunctions for h in spec.hosts)


def test_standard_has_two_controllers_and_n_workers():
    spec = profiles.get_profile('standard')
    assert [h.name for h in spec.hosts] == [
        'controller-0', 'controller-1', 'worker-0', 'worker-1']
    assert spec.workers == profiles.DEFAULT_WORKERS
    assert profiles.get_profile('standard', 5).workers == 5
    assert profiles.get_profile('standard', 0).workers == 0
    controller, worker = spec.host('controller-1'), spec.host('worker-1')
    assert controller.networks == profiles.PLATFORM_NETWORKS
    assert 'oam' not in worker.networks
    assert (worker.short, worker.index) == ('w1', 1)


def test_bad_profiles_and_counts():
    with pytest.raises(exception.LabError, match='unknown profile'):
        profiles.get_profile('dc')
    with pytest.raises(exception.LabError, match='workers'):
        profiles.get_profile('standard', profiles.MAX_WORKERS + 1)
    with pytest.raises(exception.LabError, match='no workers'):
        profiles.get_profile('aio-dx', 2)
    with pytest.raises(exception.UnknownHost):
        profiles.get_profile('aio-dx').host('worker-0')
