"""sysinv's state vocabulary and the maintenance contract's agree."""
from stx_common.contracts import host as contract
from sysinv.common import host_fsm
from sysinv.common import states as s


def test_reported_vocabularies_match_the_contract():
    assert set(s.ADMINISTRATIVE_STATES) == set(
        contract.ADMINISTRATIVE_STATES)
    assert set(s.OPERATIONAL_STATES) == set(contract.OPERATIONAL_STATES)
    assert set(s.AVAILABILITY_STATES) == set(contract.AVAILABILITY_STATES)
    assert set(host_fsm.REPORTS) <= set(contract.STATE_FIELDS)


def test_maintenance_is_asked_only_for_its_actions():
    for progress in host_fsm.PROGRESS.values():
        assert progress.mtce_action in contract.MTCE_ACTIONS
        if progress.vim:
            assert progress.mtce_action in contract.VIM_ACTIONS
