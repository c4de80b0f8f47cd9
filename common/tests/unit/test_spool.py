import os

import pytest

from stx_common.alarms import spool


def test_fifo_and_delete(tmp_path):
    own = spool.open_own(str(tmp_path), 'svc')
    for index in range(5):
        own.put({'n': index})
    rows = own.peek(3)
    assert [doc['n'] for _, doc in rows] == [0, 1, 2]
    own.delete_through(rows[-1][0])
    assert [doc['n'] for _, doc in own.peek(10)] == [3, 4]
    assert len(own) == 2
    own.close()


def test_a_live_spool_is_not_shared(tmp_path):
    first = spool.open_own(str(tmp_path), 'svc')
    second = spool.open_own(str(tmp_path), 'svc')
    assert first.path != second.path
    with pytest.raises(spool.SpoolBusy):
        spool.Spool(first.path)
    first.close()
    second.close()


def test_orphans_are_adopted_and_empty_ones_removed(tmp_path):
    dead = spool.open_own(str(tmp_path), 'dead')
    dead.put({'n': 1})
    dead.close()          # its process is gone; the event is still there
    empty = spool.open_own(str(tmp_path), 'empty')
    empty.close()
    mine = spool.open_own(str(tmp_path), 'mine')
    orphans = spool.adopt_orphans(str(tmp_path), mine.path)
    assert [o.path for o in orphans] == [dead.path]
    assert orphans[0].peek(1)[0][1] == {'n': 1}
    assert not os.path.exists(empty.path)
    for item in orphans + [mine]:
        item.close()
