"""States and events of a monitored process (pmond's passive FSM).

StarlingX's stages (``pmonFsm.cpp``): MANAGE, RESPAWN, MONITOR_WAIT,
MONITOR, RESTART_WAIT, POLLING, IGNORE. ``failed`` is where a process
with ``restarts = 0`` waits for a manual recovery. The table of moves is
:data:`mtce.pmon.fsm.TABLE`.
"""

# states
MANAGE = 'manage'              # running; watched for its death
RESPAWN = 'respawn'            # being restarted
MONITOR_WAIT = 'monitor-wait'  # restarted; waiting startuptime
MONITOR = 'monitor'            # up again; must stay up for debounce
RESTART_WAIT = 'restart-wait'  # a restart failed; waiting interval
FAILED = 'failed'              # not restarted (restarts = 0)
POLLING = 'polling'            # waiting for its subfunction's config
IGNORE = 'ignore'              # mode = ignore: not monitored
STATES = (MANAGE, RESPAWN, MONITOR_WAIT, MONITOR, RESTART_WAIT, FAILED,
          POLLING, IGNORE)

# events
DIED = 'died'                  # the process is gone (or hung: active mode)
RESTART = 'restart'            # pmond runs its restart command
STARTED = 'started'            # found running after startuptime
NOT_STARTED = 'not-started'    # not running after startuptime
DEBOUNCED = 'debounced'        # stayed up for debounce: recovered
RETRY = 'retry'                # interval elapsed: restart again
NO_RESTART = 'no-restart'      # restarts = 0: left failed
FOUND = 'found'                # a failed process runs again (manual)
READY = 'ready'                # the subfunction is configured
DEFER = 'defer'                # the subfunction is not configured yet
EVENTS = (DIED, RESTART, STARTED, NOT_STARTED, DEBOUNCED, RETRY,
          NO_RESTART, FOUND, READY, DEFER)

# what the host's maintenance is told (StarlingX MTC_EVENT_PMON_*)
EVENT_LOG = 'log'              # first failure of a process
EVENT_MINOR = 'minor'          # threshold reached, minor: alarm only
EVENT_MAJOR = 'major'          # threshold reached, major: degrade
EVENT_CRITICAL = 'critical'    # threshold reached, critical: fail
EVENT_RECOVERED = 'recovered'  # a failed process is healthy again
EVENT_CLEAR = 'clear'          # every process of the host is healthy
NOTICES = (EVENT_LOG, EVENT_MINOR, EVENT_MAJOR, EVENT_CRITICAL,
           EVENT_RECOVERED, EVENT_CLEAR)
