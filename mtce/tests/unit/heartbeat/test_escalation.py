"""Escalation of one host on one network: every rule of the table."""
import pytest

from mtce.heartbeat import escalation as esc

T = esc.Thresholds()                     # StarlingX's 4 / 6 / 10 / 10
FAIL = esc.Policy(T, esc.FAIL)


def _miss(count, policy=FAIL, state=None, hold=False):
    state = state or esc.NetState()
    seen = []
    for _ in range(count):
        state, outcome = esc.missed(state, policy, hold)
        seen.append(outcome)
    return state, seen


def _answer(count, state, policy=FAIL):
    seen = []
    for _ in range(count):
        state, outcome = esc.answered(state, policy)
        seen.append(outcome)
    return state, seen


def _at(seen):
    """{miss number: (events, alarm)} of the outcomes that did something."""
    return {i + 1: (o.events, o.alarm) for i, o in enumerate(seen)
            if o.events or o.alarm}


def test_defaults_are_starlingx_thresholds():
    assert (T.minor, T.degrade, T.failure, T.recovery) == (4, 6, 10, 10)


def test_fail_action_minor_degrade_loss_at_4_6_10():
    state, seen = _miss(12)
    assert _at(seen) == {4: (('minor',), None),
                         6: (('degrade',), 'major'),
                         10: (('loss',), 'critical')}
    assert state == esc.NetState(12, 0, esc.FAILED, True)


def test_loss_is_reported_once_while_it_lasts():
    state, _ = _miss(10)
    state, seen = _miss(500, state=state)
    assert _at(seen) == {}


def test_one_answer_clears_minor():
    state, _ = _miss(4)
    state, seen = _answer(1, state)
    assert _at(seen) == {1: (('minor_clear',), None)}
    assert state.level == esc.OK and state.misses == 0


def test_one_answer_clears_degrade_and_its_alarm():
    state, _ = _miss(7)
    state, seen = _answer(1, state)
    assert _at(seen) == {1: (('degrade_clear', 'minor_clear'), 'clear')}
    assert state.level == esc.OK


def test_a_failed_network_needs_10_back_to_back_answers():
    state, _ = _miss(10)
    state, seen = _answer(9, state)
    assert _at(seen) == {} and state.level == esc.FAILED
    assert state.misses == 0 and state.good == 9
    state, seen = _answer(1, state)
    assert _at(seen) == {1: (('recovered', 'degrade_clear', 'minor_clear'),
                             'clear')}
    assert state == esc.NetState(0, 10, esc.OK, False)


def test_a_miss_restarts_the_10_answer_count_without_new_events():
    state, _ = _miss(10)
    state, _ = _answer(9, state)
    state, seen = _miss(1, state=state)
    assert _at(seen) == {} and state.good == 0 and state.misses == 1
    state, seen = _answer(9, state)
    assert _at(seen) == {}
    state, seen = _answer(1, state)
    assert 'recovered' in seen[0].events


def test_misses_below_minor_are_silent_and_reset_by_an_answer():
    state, seen = _miss(3)
    assert _at(seen) == {}
    state, seen = _answer(1, state)
    assert _at(seen) == {} and state.misses == 0


@pytest.mark.parametrize('minor, degrade, failure, expected', [
    (8, 6, 10, (6, 6, 10)),              # minor forced <= degrade
    (4, 20, 10, (4, 10, 10)),            # degrade forced <= failure
    (4, 6, 20, (4, 6, 20)),
])
def test_thresholds_are_normalised(minor, degrade, failure, expected):
    t = esc.Thresholds.normalised(minor, degrade, failure)
    assert (t.minor, t.degrade, t.failure) == expected


def test_configured_thresholds_move_the_events():
    policy = esc.Policy(esc.Thresholds.normalised(5, 8, 20), esc.FAIL)
    _, seen = _miss(20, policy)
    assert _at(seen) == {5: (('minor',), None), 8: (('degrade',), 'major'),
                         20: (('loss',), 'critical')}


def test_equal_thresholds_report_everything_on_the_same_pulse():
    policy = esc.Policy(esc.Thresholds.normalised(10, 10, 10), esc.FAIL)
    _, seen = _miss(10, policy)
    assert _at(seen) == {10: (('minor', 'degrade', 'loss'), 'critical')}


def test_degrade_action_never_reports_a_loss():
    policy = esc.Policy(T, esc.DEGRADE)
    state, seen = _miss(12, policy)
    assert _at(seen) == {4: (('minor',), None), 6: (('degrade',), 'major'),
                         10: ((), 'critical')}
    assert state.level == esc.FAILED and not state.loss_reported
    state, seen = _answer(10, state, policy)
    assert _at(seen) == {10: (('degrade_clear', 'minor_clear'), 'clear')}


def test_alarm_action_raises_alarms_only():
    policy = esc.Policy(T, esc.ALARM)
    state, seen = _miss(10, policy)
    assert _at(seen) == {6: ((), 'major'), 10: ((), 'critical')}
    _, seen = _answer(10, state, policy)
    assert _at(seen) == {10: ((), 'clear')}


def test_none_action_reports_nothing():
    policy = esc.Policy(T, esc.NONE)
    state, seen = _miss(12, policy)
    assert _at(seen) == {}
    assert not policy.events and not policy.alarms


def test_unknown_action_is_refused():
    with pytest.raises(ValueError):
        esc.Policy(T, 'reboot')


@pytest.mark.parametrize('personality, network, system, debug, fails', [
    ('controller', 'cluster-host', 'standard', False, False),
    ('controller', 'cluster-host', 'all-in-one', False, True),
    ('controller', 'mgmt', 'standard', False, True),
    ('worker', 'cluster-host', 'standard', False, True),
    ('worker', 'cluster-host', 'standard', True, False),
    ('worker', 'mgmt', 'standard', True, True),
])
def test_which_losses_fail_the_host(personality, network, system, debug,
                                    fails):
    assert esc.loss_fails(personality, network, system, debug) is fails


def test_a_degrade_only_loss_raises_critical_without_a_loss_event():
    policy = esc.Policy(T, esc.FAIL, loss_fails=False)
    state, seen = _miss(10, policy)
    assert _at(seen)[10] == ((), 'critical')
    assert state.level == esc.FAILED and not state.loss_reported
    _, seen = _answer(10, state, policy)
    assert _at(seen) == {10: (('degrade_clear', 'minor_clear'), 'clear')}


def test_a_held_loss_is_reported_once_the_hold_ends():
    state, seen = _miss(12, hold=True)
    assert _at(seen)[10] == ((), 'critical')
    assert not state.loss_reported
    state, seen = _miss(1, state=state)
    assert _at(seen) == {1: (('loss',), None)}


def test_fail_now_declares_the_loss_from_any_level():
    state, _ = _miss(4)
    state, outcome = esc.fail_now(state, FAIL)
    assert outcome.events == ('degrade', 'loss')
    assert outcome.alarm == 'critical'
    assert state.level == esc.FAILED and state.loss_reported
    _, outcome = esc.fail_now(state, FAIL)
    assert outcome == esc.NOTHING
