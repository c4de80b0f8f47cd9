"""The passive monitoring FSM of one process, as a table.

::

    manage --died--> respawn --restart--> monitor-wait
    monitor-wait --started--> monitor --debounced--> manage
    monitor-wait --not-started--> restart-wait --retry--> respawn
    monitor --died--> restart-wait
    manage --no-restart--> failed --found--> monitor
    polling --ready--> manage

Active and status monitoring feed the same table: a missed-heartbeat
threshold or a failing status command is ``died``. What happens at each
move (restart command, threshold action, alarm) is
:class:`mtce.pmon.monitor.ProcessMonitor`'s.
"""
from mtce.pmon import states as s
from stx_common.fsm import FSMTable

TABLE = FSMTable('process', [
    (s.MANAGE, s.DIED, s.RESPAWN),
    (s.MANAGE, s.NO_RESTART, s.FAILED),
    (s.RESPAWN, s.RESTART, s.MONITOR_WAIT),
    (s.RESPAWN, s.DEFER, s.RESTART_WAIT),
    (s.MONITOR_WAIT, s.STARTED, s.MONITOR),
    (s.MONITOR_WAIT, s.NOT_STARTED, s.RESTART_WAIT),
    (s.MONITOR, s.DEBOUNCED, s.MANAGE),
    (s.MONITOR, s.DIED, s.RESTART_WAIT),
    (s.RESTART_WAIT, s.RETRY, s.RESPAWN),
    (s.RESTART_WAIT, s.FOUND, s.MONITOR),
    (s.FAILED, s.FOUND, s.MONITOR),
    (s.POLLING, s.READY, s.MANAGE),
], initial=s.POLLING)
