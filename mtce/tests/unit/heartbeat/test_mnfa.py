"""Multi-node failure avoidance: the state machine alone."""
from mtce.heartbeat import mnfa

NETS = ('mgmt', 'cluster-host')


def _troubled(mgmt=(), clh=()):
    return {'mgmt': set(mgmt), 'cluster-host': set(clh)}


def _kinds(decisions):
    return [(d.kind, sorted(d.hosts)) for d in decisions]


def test_one_troubled_host_is_not_mnfa():
    m = mnfa.Mnfa(threshold=2)
    assert m.evaluate(_troubled(['w0']), [], 0) == []
    assert m.state == mnfa.IDLE and not m.backoff and not m.holds('w0')


def test_threshold_hosts_on_the_same_network_enter():
    m = mnfa.Mnfa(threshold=2)
    decisions = m.evaluate(_troubled(['w0', 'w1']), [], 0)
    assert _kinds(decisions) == [('mnfa_enter', ['w0', 'w1'])]
    assert m.state == mnfa.ACTIVE and m.backoff
    assert m.holds('w0') and m.holds('w1') and not m.holds('w2')


def test_hosts_troubled_on_different_networks_do_not_enter():
    m = mnfa.Mnfa(threshold=2)
    assert m.evaluate(_troubled(['w0'], ['w1']), [], 0) == []


def test_the_threshold_is_configurable():
    m = mnfa.Mnfa(threshold=3)
    assert m.evaluate(_troubled(['w0', 'w1']), [], 0) == []
    assert m.evaluate(_troubled(['w0', 'w1', 'w2']), [], 1)


def test_hosts_failing_during_mnfa_join_the_pool():
    m = mnfa.Mnfa(threshold=2)
    m.evaluate(_troubled(['w0', 'w1']), [], 0)
    assert m.evaluate(_troubled(['w0', 'w1'], ['w2']), [], 1) == []
    assert m.pool == {'w0', 'w1', 'w2'}


def test_exit_when_the_pool_drops_below_threshold_then_release():
    m = mnfa.Mnfa(threshold=2, recovery_delay=3.0)
    m.evaluate(_troubled(['w0', 'w1', 'w2']), [], 0)
    assert m.evaluate(_troubled(['w1', 'w2']), ['w0'], 1) == []
    decisions = m.evaluate(_troubled(['w2']), ['w1'], 2)
    assert _kinds(decisions) == [('mnfa_exit', ['w2'])]
    assert m.state == mnfa.RECOVERING and m.backoff and m.holds('w2')
    assert m.evaluate(_troubled(['w2']), [], 4.9) == []
    decisions = m.evaluate(_troubled(['w2']), [], 5.0)
    assert _kinds(decisions) == [('mnfa_release', ['w2'])]
    assert m.state == mnfa.IDLE and not m.backoff and not m.holds('w2')


def test_all_hosts_back_exits_with_an_empty_pool():
    m = mnfa.Mnfa(threshold=2)
    m.evaluate(_troubled(['w0', 'w1']), [], 0)
    decisions = m.evaluate(_troubled(), ['w0', 'w1'], 1)
    assert _kinds(decisions) == [('mnfa_exit', [])]


def test_timeout_fails_the_pool_and_ends_mnfa():
    m = mnfa.Mnfa(threshold=2, timeout=100)
    m.evaluate(_troubled(['w0', 'w1']), [], 0)
    assert m.evaluate(_troubled(['w0', 'w1']), [], 99.9) == []
    decisions = m.evaluate(_troubled(['w0', 'w1']), [], 100)
    assert _kinds(decisions) == [('mnfa_timeout', ['w0', 'w1']),
                                 ('mnfa_exit', [])]
    assert m.state == mnfa.IDLE and not m.holds('w0')


def test_no_timeout_means_mnfa_lasts():
    m = mnfa.Mnfa(threshold=2, timeout=0)
    m.evaluate(_troubled(['w0', 'w1']), [], 0)
    assert m.evaluate(_troubled(['w0', 'w1']), [], 10 ** 6) == []
    assert m.state == mnfa.ACTIVE


def test_crowd_again_while_recovering_reenters():
    m = mnfa.Mnfa(threshold=2)
    m.evaluate(_troubled(['w0', 'w1']), [], 0)
    m.evaluate(_troubled(['w1']), ['w0'], 1)
    assert m.state == mnfa.RECOVERING
    decisions = m.evaluate(_troubled(['w1', 'w3']), [], 2)
    assert _kinds(decisions) == [('mnfa_enter', ['w1', 'w3'])]
    assert m.state == mnfa.ACTIVE


def test_forgotten_hosts_leave_the_pool():
    m = mnfa.Mnfa(threshold=2)
    m.evaluate(_troubled(['w0', 'w1']), [], 0)
    m.forget('w0')
    assert _kinds(m.evaluate(_troubled(['w1']), [], 1)) == [
        ('mnfa_exit', ['w1'])]
