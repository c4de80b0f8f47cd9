"""The agent's host table: answers, periods, arming, MNFA, alarms."""
import pytest

from mtce.heartbeat import escalation as esc
from mtce.heartbeat import monitor as monmod
from mtce.heartbeat import protocol

BOTH = ('mgmt', 'cluster-host')


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _monitor(**settings):
    settings.setdefault('arm_timeout', 0.0)
    clock = Clock()
    mon = monmod.Monitor(monmod.Settings(**settings), clock=clock, run=7)
    mon.clock_ = clock
    return mon


def _add(mon, *hosts, personality='worker', networks=BOTH):
    for i, host in enumerate(hosts):
        mon.add_host(host, {n: '10.0.%d.%d' % (j, i + 10)
                            for j, n in enumerate(networks)},
                     personality, monitored=True)


def _period(mon, answering=(), silent_on=(), flags=0, step=0.05):
    """One period: each host of ``answering`` answers on its networks
    except those in ``silent_on`` ((host, network) pairs)."""
    mon.clock_.now += step
    seq = mon.next_pulse()
    for host in answering:
        for network in mon.hosts_state()[host]['networks']:
            if (host, network) not in silent_on:
                mon.answer(protocol.Response(host, network, seq, mon.run,
                                             flags), network)
    return mon.close_pulse()


def _events(out):
    return [(e.hostname, e.network, e.kind) for e in out
            if isinstance(e, monmod.HeartbeatEvent)]


def _alarms(out):
    return [(a.hostname, a.network, a.change) for a in out
            if isinstance(a, monmod.AlarmChange)]


def _run(mon, periods, **kwargs):
    out = []
    for _ in range(periods):
        out += _period(mon, **kwargs)
    return out


def test_answering_hosts_stay_ok():
    mon = _monitor()
    _add(mon, 'w0', 'w1')
    assert _run(mon, 20, answering=['w0', 'w1']) == []
    state = mon.hosts_state()['w0']['networks']['mgmt']
    assert state['level'] == 'ok' and state['good'] == 20
    assert mon.views == {'mgmt': (2, 2), 'cluster-host': (2, 2)}


def test_a_silent_host_is_lost_on_each_network_at_the_10th_miss():
    mon = _monitor()
    _add(mon, 'w0', 'w1')
    _run(mon, 3, answering=['w0', 'w1'])
    out = []
    for number in range(1, 11):
        new = _period(mon, answering=['w1'])
        if number < 10:
            assert ('w0', 'mgmt', 'loss') not in _events(new)
        out += new
    assert _events(out) == [
        ('w0', 'mgmt', 'minor'), ('w0', 'cluster-host', 'minor'),
        ('w0', 'mgmt', 'degrade'), ('w0', 'cluster-host', 'degrade'),
        ('w0', 'mgmt', 'loss'), ('w0', 'cluster-host', 'loss')]
    assert _alarms(out) == [
        ('w0', 'mgmt', 'major'), ('w0', 'cluster-host', 'major'),
        ('w0', 'mgmt', 'critical'), ('w0', 'cluster-host', 'critical')]
    assert mon.views == {'mgmt': (2, 1), 'cluster-host': (2, 1)}


def test_one_network_only():
    mon = _monitor()
    _add(mon, 'w0')
    out = _run(mon, 10, answering=['w0'],
               silent_on=[('w0', 'cluster-host')])
    assert {n for _, n, _ in _events(out)} == {'cluster-host'}
    assert ('w0', 'cluster-host', 'loss') in _events(out)
    out = _run(mon, 9, answering=['w0'])
    assert _events(out) == []
    out = _period(mon, answering=['w0'])
    assert _events(out) == [('w0', 'cluster-host', 'recovered'),
                            ('w0', 'cluster-host', 'degrade_clear'),
                            ('w0', 'cluster-host', 'minor_clear')]
    assert _alarms(out) == [('w0', 'cluster-host', 'clear')]


def test_a_controller_cluster_host_loss_only_degrades_in_standard():
    mon = _monitor()
    _add(mon, 'controller-1', personality='controller')
    out = _run(mon, 12, answering=['controller-1'],
               silent_on=[('controller-1', 'cluster-host')])
    assert ('controller-1', 'cluster-host', 'degrade') in _events(out)
    assert not [e for e in _events(out) if e[2] == 'loss']
    assert ('controller-1', 'cluster-host', 'critical') in _alarms(out)
    out = _run(mon, 10, answering=['controller-1'],
               silent_on=[('controller-1', 'mgmt')])
    assert ('controller-1', 'mgmt', 'loss') in _events(out)


def test_in_all_in_one_a_controller_cluster_host_loss_fails():
    mon = _monitor(system_type='all-in-one')
    _add(mon, 'controller-1', personality='controller')
    out = _run(mon, 10, answering=['controller-1'],
               silent_on=[('controller-1', 'cluster-host')])
    assert ('controller-1', 'cluster-host', 'loss') in _events(out)


def test_a_late_answer_still_counts():
    mon = _monitor()
    _add(mon, 'w0', networks=('mgmt',))
    for _ in range(30):
        mon.clock_.now += 0.05
        seq = mon.next_pulse()
        out = mon.close_pulse()          # the answer comes after the close
        mon.answer(protocol.Response('w0', 'mgmt', seq, mon.run), 'mgmt')
        assert _events(out) == []
    assert mon.hosts_state()['w0']['networks']['mgmt']['misses'] == 0


def test_answers_to_old_pulses_or_another_run_are_stale():
    mon = _monitor()
    _add(mon, 'w0', networks=('mgmt',))
    old = mon.next_pulse()
    mon.next_pulse()
    mon.next_pulse()
    for response in (protocol.Response('w0', 'mgmt', old, mon.run),
                     protocol.Response('w0', 'mgmt', mon.seq, 8)):
        assert mon.answer(response, 'mgmt') == 'stale'
    assert mon.answer(protocol.Response('w0', 'mgmt', mon.seq, 7),
                      'cluster-host') == 'misdirected'
    assert mon.answer(protocol.Response('w9', 'mgmt', mon.seq, 7),
                      'mgmt') == 'unknown_host'
    assert mon.stats == {'answers': 0, 'stale': 2, 'unknown_host': 1,
                         'misdirected': 1, 'invalid': 0}


def test_a_network_is_counted_from_its_first_answer_or_arm_timeout():
    mon = _monitor(arm_timeout=1.0)
    _add(mon, 'w0')
    out = _run(mon, 19, answering=['w0'], silent_on=[('w0', 'cluster-host')])
    assert _events(out) == []
    networks = mon.hosts_state()['w0']['networks']
    assert networks['mgmt']['armed'] and not networks['cluster-host']['armed']
    out = _run(mon, 14, answering=['w0'], silent_on=[('w0', 'cluster-host')])
    assert ('w0', 'cluster-host', 'loss') in _events(out)


def test_unmonitored_hosts_are_not_counted_and_alarms_are_reset():
    mon = _monitor()
    _add(mon, 'w0')
    _run(mon, 7)
    assert mon.set_monitored('w0', False) == [
        monmod.AlarmChange('w0', 'mgmt', 'reset'),
        monmod.AlarmChange('w0', 'cluster-host', 'reset')]
    assert _run(mon, 20) == []
    assert mon.targets('mgmt') == []
    changes = mon.set_monitored('w0', True)
    assert {c.change for c in changes} == {'reset'}
    assert mon.hosts_state()['w0']['networks']['mgmt']['misses'] == 0
    assert mon.targets('mgmt') == [('w0', '10.0.0.10')]


def test_removed_hosts_are_forgotten():
    mon = _monitor()
    _add(mon, 'w0')
    assert len(mon.remove_host('w0')) == 2
    assert mon.hosts_state() == {} and mon.remove_host('w0') == []
    with pytest.raises(KeyError):
        mon.set_monitored('w0', True)


def test_a_host_needs_mgmt_and_known_networks():
    mon = _monitor()
    with pytest.raises(ValueError):
        mon.add_host('w0', {'cluster-host': '1.1.1.1'}, 'worker')
    with pytest.raises(ValueError):
        mon.add_host('w0', {'mgmt': '1.1.1.1', 'oam': '2.2.2.2'}, 'worker')


def test_networks_the_agent_does_not_monitor_are_ignored():
    mon = _monitor(networks=('mgmt',))
    _add(mon, 'w0')
    assert list(mon.hosts_state()['w0']['networks']) == ['mgmt']


def test_pmond_flag_missing_is_counted():
    mon = _monitor()
    _add(mon, 'w0')
    _run(mon, 5, answering=['w0'])
    assert mon.hosts_state()['w0']['pmond_missing'] == 5
    _period(mon, answering=['w0'], flags=protocol.FLAG_PMOND_ALIVE)
    assert mon.hosts_state()['w0']['pmond_missing'] == 0


def test_peer_views_are_kept():
    mon = _monitor()
    _add(mon, 'w0', networks=('mgmt',))
    seq = mon.next_pulse()
    mon.answer(protocol.Response('w0', 'mgmt', seq, mon.run, 0,
                                 {'controller-1': {'mgmt': (3, 2)}}), 'mgmt')
    assert mon.peer_views == {'controller-1': {'mgmt': (3, 2)}}


# -- failure actions through the table -----------------------------------
def test_alarm_action_gives_alarms_without_events_or_mnfa():
    mon = _monitor(action=esc.ALARM)
    _add(mon, 'w0', 'w1', 'w2')
    out = _run(mon, 10)
    assert _events(out) == []
    assert len(_alarms(out)) == 12 and mon.mnfa.state == 'idle'


def test_degrade_action_has_no_loss():
    mon = _monitor(action=esc.DEGRADE, mnfa_threshold=5)
    _add(mon, 'w0')
    out = _run(mon, 12)
    assert 'loss' not in {k for _, _, k in _events(out)}
    assert ('w0', 'mgmt', 'degrade') in _events(out)


# -- MNFA through the table ------------------------------------------------
def test_mnfa_holds_losses_and_backs_off():
    mon = _monitor()
    _add(mon, 'w0', 'w1', 'w2')
    _run(mon, 3, answering=['w0', 'w1', 'w2'])
    out = _run(mon, 4, answering=['w2'])
    assert ('', None, 'mnfa_enter') in _events(out)
    enter = [e for e in out if getattr(e, 'kind', '') == 'mnfa_enter'][0]
    assert enter.hosts == ('w0', 'w1')
    assert mon.period_factor == 4
    out = _run(mon, 30, answering=['w2'])
    assert 'loss' not in {k for _, _, k in _events(out)}
    assert ('w0', 'mgmt', 'critical') in _alarms(out)
    assert mon.hosts_state()['w0']['mnfa_held']


def test_mnfa_exit_then_release_gives_a_full_threshold_before_loss():
    mon = _monitor(mnfa_recovery_delay=1.0)
    _add(mon, 'w0', 'w1')
    _run(mon, 2, answering=['w0', 'w1'])
    _run(mon, 12)
    assert mon.mnfa.state == 'active'
    out = _period(mon, answering=['w1'])
    assert _events(out)[0] == ('', None, 'mnfa_exit')
    assert out[0].hosts == ('w0',)
    out = _run(mon, 10, answering=['w1'], step=0.2)   # 2 s: released
    assert mon.mnfa.state == 'idle' and mon.period_factor == 1
    assert 'loss' not in {k for _, _, k in _events(out)}
    misses = mon.hosts_state()['w0']['networks']['mgmt']['misses']
    assert misses < 10
    out = _run(mon, 10 - misses, answering=['w1'])
    assert ('w0', 'mgmt', 'loss') in _events(out)


def test_mnfa_timeout_fails_the_pooled_hosts():
    mon = _monitor(mnfa_timeout=100)
    _add(mon, 'w0', 'w1')
    _run(mon, 5)
    assert mon.mnfa.state == 'active'
    mon.clock_.now += 100
    out = _period(mon)
    kinds = _events(out)
    assert ('w0', 'mgmt', 'loss') in kinds and ('w1', 'mgmt', 'loss') in kinds
    assert kinds[-1] == ('', None, 'mnfa_exit')
    assert mon.mnfa.state == 'idle'
    assert _run(mon, 5) == []             # lost hosts do not re-enter


def test_hosts_lost_before_do_not_count_for_mnfa():
    mon = _monitor()
    _add(mon, 'w0', 'w1')
    _run(mon, 1, answering=['w0', 'w1'])
    _run(mon, 12, answering=['w1'])       # w0 lost alone
    out = _run(mon, 12)                   # now w1 goes too
    assert ('', None, 'mnfa_enter') not in _events(out)
    assert ('w1', 'mgmt', 'loss') in _events(out)
