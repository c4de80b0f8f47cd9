import pytest

from stx_common import exception, fsm

TABLE = fsm.FSMTable('door', [
    ('closed', 'open', 'opened'),
    ('opened', 'close', 'closed'),
    ('closed', 'lock', 'locked'),
    ('locked', 'unlock', 'closed'),
], initial='closed', any_state=[('break', 'broken')])


def test_next_state_follows_the_table():
    assert TABLE.next_state('closed', 'open') == 'opened'
    assert TABLE.next_state('locked', 'unlock') == 'closed'


def test_unknown_transition_is_refused_with_a_clear_message():
    with pytest.raises(exception.InvalidTransition) as err:
        TABLE.next_state('locked', 'open')
    assert 'door cannot take event "open" in state "locked"' in str(err.value)
    assert err.value.code == 409


def test_any_state_events_apply_everywhere():
    for state in ('closed', 'opened', 'locked'):
        assert TABLE.next_state(state, 'break') == 'broken'


def test_states_events_and_dot():
    assert TABLE.states == {'closed', 'opened', 'locked', 'broken'}
    assert TABLE.events_from('closed') == ['break', 'lock', 'open']
    assert TABLE.allows('opened', 'close')
    assert not TABLE.allows('opened', 'lock')
    assert '"closed" -> "opened" [label="open"];' in TABLE.to_dot()


def test_a_key_with_two_targets_is_rejected():
    with pytest.raises(ValueError):
        fsm.FSMTable('bad', [('a', 'go', 'b'), ('a', 'go', 'c')])
