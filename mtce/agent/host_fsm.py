"""The host's state machines, as tables (:class:`stx_common.fsm.FSMTable`).

* :data:`HOST`: the reported state, ``<admin>-<oper>-<avail>``
  (:func:`mtce.common.states.join`), moved by maintenance's events;
* the stages of each flow (StarlingX's ``mtcNodeHdlrs`` handlers):
  :data:`ENABLE` (unlock and auto-recovery), :data:`RECOVERY` (graceful
  recovery after a heartbeat loss), :data:`DISABLE` (lock, force-lock),
  :data:`REBOOT` (reboot of a locked host by command, else by its BMC),
  :data:`BMC_ACTION` (reset, power-on, power-off through the BMC),
  :data:`REINSTALL`;
* :func:`ar_exhausted`: the auto-recovery threshold rule.

Flows ask a table for the next stage; nothing else decides a move.
"""
from mtce.common import states as s
from stx_common import fsm

# -- events of the host state -------------------------------------------------
EV_MTCALIVE = 'mtcalive'            # a locked host is heard (again)
EV_MTCALIVE_LOST = 'mtcalive-lost'  # a locked host is no longer heard
EV_UNLOCK = 'unlock'
EV_LOCK = 'lock'                    # disable started
EV_DISABLED = 'disabled'            # disable finished (services stopped)
EV_REBOOTING = 'rebooting'          # the host went down on our command
EV_BOOTED = 'booted'                # an unlocked host's first mtcAlive
EV_ENABLED = 'enabled'
EV_ENABLED_DEGRADED = 'enabled-degraded'
EV_DEGRADE = 'degrade'
EV_DEGRADE_CLEAR = 'degrade-clear'
EV_FAIL = 'fail'
EV_POWERED_OFF = 'powered-off'
EV_POWERED_ON = 'powered-on'
HOST_EVENTS = (EV_MTCALIVE, EV_MTCALIVE_LOST, EV_UNLOCK, EV_LOCK,
               EV_DISABLED, EV_REBOOTING, EV_BOOTED, EV_ENABLED,
               EV_ENABLED_DEGRADED, EV_DEGRADE, EV_DEGRADE_CLEAR, EV_FAIL,
               EV_POWERED_OFF, EV_POWERED_ON)

HOST = fsm.FSMTable('host', [
    # a locked host is online while it sends mtcAlive
    (s.LOCKED_OFFLINE, EV_MTCALIVE, s.LOCKED_ONLINE),
    (s.LOCKED_POWER_OFF, EV_MTCALIVE, s.LOCKED_ONLINE),
    (s.LOCKED_FAILED, EV_MTCALIVE, s.LOCKED_ONLINE),
    (s.LOCKED_NOT_INSTALLED, EV_MTCALIVE, s.LOCKED_ONLINE),
    (s.LOCKED_ONLINE, EV_MTCALIVE_LOST, s.LOCKED_OFFLINE),
    (s.LOCKED_FAILED, EV_MTCALIVE_LOST, s.LOCKED_OFFLINE),
    (s.LOCKED_ONLINE, EV_REBOOTING, s.LOCKED_OFFLINE),
    (s.LOCKED_OFFDUTY, EV_REBOOTING, s.LOCKED_OFFLINE),
    (s.LOCKED_ONLINE, EV_FAIL, s.LOCKED_FAILED),
    (s.LOCKED_ONLINE, EV_POWERED_OFF, s.LOCKED_POWER_OFF),
    (s.LOCKED_OFFLINE, EV_POWERED_OFF, s.LOCKED_POWER_OFF),
    (s.LOCKED_FAILED, EV_POWERED_OFF, s.LOCKED_POWER_OFF),
    (s.LOCKED_NOT_INSTALLED, EV_POWERED_OFF, s.LOCKED_POWER_OFF),
    (s.LOCKED_POWER_OFF, EV_POWERED_ON, s.LOCKED_OFFLINE),
    # unlock: the enable flow takes the host from here
    (s.LOCKED_ONLINE, EV_UNLOCK, s.UNLOCKED_ONLINE),
    (s.LOCKED_OFFLINE, EV_UNLOCK, s.UNLOCKED_OFFLINE),
    (s.LOCKED_FAILED, EV_UNLOCK, s.UNLOCKED_FAILED),
    (s.LOCKED_POWER_OFF, EV_UNLOCK, s.UNLOCKED_POWER_OFF),
    (s.UNLOCKED_ONLINE, EV_REBOOTING, s.UNLOCKED_OFFLINE),
    (s.UNLOCKED_INTEST, EV_REBOOTING, s.UNLOCKED_OFFLINE),
    (s.UNLOCKED_OFFLINE, EV_BOOTED, s.UNLOCKED_INTEST),
    (s.UNLOCKED_ONLINE, EV_BOOTED, s.UNLOCKED_INTEST),
    (s.UNLOCKED_FAILED, EV_BOOTED, s.UNLOCKED_INTEST),
    (s.UNLOCKED_POWER_OFF, EV_BOOTED, s.UNLOCKED_INTEST),
    (s.ENABLED_AVAILABLE, EV_BOOTED, s.UNLOCKED_INTEST),
    (s.ENABLED_DEGRADED, EV_BOOTED, s.UNLOCKED_INTEST),
    (s.UNLOCKED_INTEST, EV_ENABLED, s.ENABLED_AVAILABLE),
    (s.UNLOCKED_INTEST, EV_ENABLED_DEGRADED, s.ENABLED_DEGRADED),
    (s.ENABLED_AVAILABLE, EV_DEGRADE, s.ENABLED_DEGRADED),
    (s.ENABLED_DEGRADED, EV_DEGRADE_CLEAR, s.ENABLED_AVAILABLE),
    # failure of an unlocked host
    (s.ENABLED_AVAILABLE, EV_FAIL, s.UNLOCKED_FAILED),
    (s.ENABLED_DEGRADED, EV_FAIL, s.UNLOCKED_FAILED),
    (s.UNLOCKED_INTEST, EV_FAIL, s.UNLOCKED_FAILED),
    (s.UNLOCKED_OFFLINE, EV_FAIL, s.UNLOCKED_FAILED),
    (s.UNLOCKED_ONLINE, EV_FAIL, s.UNLOCKED_FAILED),
    (s.UNLOCKED_FAILED, EV_POWERED_OFF, s.UNLOCKED_POWER_OFF),
    (s.UNLOCKED_OFFLINE, EV_POWERED_OFF, s.UNLOCKED_POWER_OFF),
    (s.UNLOCKED_POWER_OFF, EV_POWERED_ON, s.UNLOCKED_OFFLINE),
    # lock: off duty while services stop, then locked-disabled-online
    (s.ENABLED_AVAILABLE, EV_LOCK, s.LOCKED_OFFDUTY),
    (s.ENABLED_DEGRADED, EV_LOCK, s.LOCKED_OFFDUTY),
    (s.UNLOCKED_INTEST, EV_LOCK, s.LOCKED_OFFDUTY),
    (s.UNLOCKED_ONLINE, EV_LOCK, s.LOCKED_OFFDUTY),
    (s.UNLOCKED_OFFLINE, EV_LOCK, s.LOCKED_OFFLINE),
    (s.UNLOCKED_FAILED, EV_LOCK, s.LOCKED_FAILED),
    (s.UNLOCKED_POWER_OFF, EV_LOCK, s.LOCKED_POWER_OFF),
    (s.LOCKED_OFFDUTY, EV_DISABLED, s.LOCKED_ONLINE),
], initial=s.LOCKED_OFFLINE)


def host_next(state, event):
    """The state ``event`` leads a host to (see :data:`HOST`)."""
    return HOST.next_state(state, event)


# -- enable (unlock, and every auto-recovery) ---------------------------------
EN_START = 'start'
EN_RESET_PROGRESSION = 'reset-progression'
EN_BOOT_WAIT = 'boot-wait'
EN_CONFIG_WAIT = 'config-wait'
EN_GOENABLED_WAIT = 'goenabled-wait'
EN_SERVICES_WAIT = 'services-wait'
EN_HEARTBEAT_SOAK = 'heartbeat-soak'
EN_ENABLED = 'enabled'
EN_FAILURE = 'failure'
EN_AR_DISABLED = 'ar-disabled'

E_REBOOT = 'reboot'                 # reboot the host first
E_SKIP_REBOOT = 'skip-reboot'       # it just booted (or runs mtce-agent)
E_RETRY = 'retry'
E_OFFLINE = 'offline'               # it went down
E_MTCALIVE = 'mtcalive'             # it came up (a new boot)
E_CONFIGURED = 'configured'
E_CONFIG_FAIL = 'config-fail'
E_PASS = 'pass'
E_FAIL = 'fail'
E_TIMEOUT = 'timeout'
E_SOAKED = 'soaked'
E_HEARTBEAT_LOSS = 'heartbeat-loss'
E_THRESHOLD = 'threshold'

ENABLE = fsm.FSMTable('enable', [
    (EN_START, E_REBOOT, EN_RESET_PROGRESSION),
    (EN_START, E_SKIP_REBOOT, EN_BOOT_WAIT),
    (EN_RESET_PROGRESSION, E_RETRY, EN_RESET_PROGRESSION),
    (EN_RESET_PROGRESSION, E_OFFLINE, EN_BOOT_WAIT),
    (EN_RESET_PROGRESSION, E_TIMEOUT, EN_FAILURE),
    (EN_BOOT_WAIT, E_MTCALIVE, EN_CONFIG_WAIT),
    (EN_BOOT_WAIT, E_TIMEOUT, EN_FAILURE),
    (EN_CONFIG_WAIT, E_CONFIGURED, EN_GOENABLED_WAIT),
    (EN_CONFIG_WAIT, E_CONFIG_FAIL, EN_FAILURE),
    (EN_CONFIG_WAIT, E_TIMEOUT, EN_FAILURE),
    (EN_GOENABLED_WAIT, E_PASS, EN_SERVICES_WAIT),
    (EN_GOENABLED_WAIT, E_FAIL, EN_FAILURE),
    (EN_GOENABLED_WAIT, E_TIMEOUT, EN_FAILURE),
    (EN_SERVICES_WAIT, E_PASS, EN_HEARTBEAT_SOAK),
    (EN_SERVICES_WAIT, E_FAIL, EN_FAILURE),
    (EN_SERVICES_WAIT, E_TIMEOUT, EN_FAILURE),
    (EN_HEARTBEAT_SOAK, E_SOAKED, EN_ENABLED),
    (EN_HEARTBEAT_SOAK, E_HEARTBEAT_LOSS, EN_FAILURE),
    (EN_FAILURE, E_RETRY, EN_START),
    (EN_FAILURE, E_THRESHOLD, EN_AR_DISABLED),
], initial=EN_START)

# The auto-recovery cause of a failure in each stage.
FAILURE_CAUSE = {
    EN_RESET_PROGRESSION: s.CAUSE_ENABLE,
    EN_BOOT_WAIT: s.CAUSE_ENABLE,
    EN_CONFIG_WAIT: s.CAUSE_CONFIG,
    EN_GOENABLED_WAIT: s.CAUSE_GOENABLE,
    EN_SERVICES_WAIT: s.CAUSE_HOSTSERVICES,
    EN_HEARTBEAT_SOAK: s.CAUSE_HEARTBEAT,
}

# -- graceful recovery (after a heartbeat loss) -------------------------------
RC_START = 'start'
RC_MTCALIVE_WAIT = 'mtcalive-wait'
RC_SOAK = 'soak'
RC_RETEST = 'retest'                # rebooted: tested again, no reboot
RC_FAILED_WAIT = 'failed-wait'      # silent: failed, rebooted, waited for
RC_RECOVERED = 'recovered'
RC_FULL_ENABLE = 'full-enable'

E_DELAYED = 'delayed'
E_SAME_BOOT = 'same-boot'           # mtcAlive without a reboot
E_REBOOTED = 'rebooted'             # mtcAlive of a new boot
E_EXHAUSTED = 'exhausted'

RECOVERY = fsm.FSMTable('recovery', [
    (RC_START, E_DELAYED, RC_MTCALIVE_WAIT),
    (RC_START, E_EXHAUSTED, RC_FULL_ENABLE),
    (RC_MTCALIVE_WAIT, E_SAME_BOOT, RC_SOAK),
    (RC_MTCALIVE_WAIT, E_REBOOTED, RC_RETEST),
    (RC_MTCALIVE_WAIT, E_TIMEOUT, RC_FAILED_WAIT),
    (RC_SOAK, E_SOAKED, RC_RECOVERED),
    (RC_SOAK, E_HEARTBEAT_LOSS, RC_START),
    (RC_FAILED_WAIT, E_REBOOTED, RC_RETEST),
    (RC_FAILED_WAIT, E_SAME_BOOT, RC_FAILED_WAIT),
    (RC_FAILED_WAIT, E_TIMEOUT, RC_FULL_ENABLE),
], initial=RC_START)

# -- disable (lock, force-lock) -----------------------------------------------
DS_START = 'start'
DS_SERVICES_STOP = 'services-stop'
DS_RESET = 'reset'
DS_DONE = 'done'

E_LOCK = 'lock'
E_FORCE_LOCK = 'force-lock'
E_STOPPED = 'stopped'

DISABLE = fsm.FSMTable('disable', [
    (DS_START, E_LOCK, DS_SERVICES_STOP),
    (DS_START, E_FORCE_LOCK, DS_RESET),
    (DS_SERVICES_STOP, E_STOPPED, DS_DONE),
    (DS_SERVICES_STOP, E_TIMEOUT, DS_DONE),
    (DS_RESET, E_OFFLINE, DS_DONE),
    (DS_RESET, E_TIMEOUT, DS_DONE),
], initial=DS_START)

# -- reboot of a locked host --------------------------------------------------
RB_REQUEST = 'request'
RB_WAIT = 'wait-offline'
RB_BMC_RESET = 'bmc-reset'
RB_DONE = 'done'
RB_FAILED = 'failed'

E_SENT = 'sent'
E_NO_BMC = 'no-bmc'

REBOOT = fsm.FSMTable('reboot', [
    (RB_REQUEST, E_SENT, RB_WAIT),
    (RB_WAIT, E_OFFLINE, RB_DONE),
    (RB_WAIT, E_RETRY, RB_REQUEST),
    (RB_WAIT, E_EXHAUSTED, RB_BMC_RESET),
    (RB_WAIT, E_NO_BMC, RB_FAILED),
    (RB_BMC_RESET, E_OFFLINE, RB_DONE),
    (RB_BMC_RESET, E_FAIL, RB_FAILED),
], initial=RB_REQUEST)

# -- reset / power-on / power-off through the BMC -----------------------------
BA_QUERY = 'query'
BA_COMMAND = 'command'
BA_VERIFY = 'verify'
BA_RETRY_WAIT = 'retry-wait'
BA_DONE = 'done'
BA_REFUSED = 'refused'
BA_FAILED = 'failed'

E_READY = 'ready'                   # the power state allows the action
E_ALREADY = 'already'               # nothing to do (already on / off)
E_REFUSE = 'refuse'                 # e.g. a reset of a powered-off host
E_BMC_ERROR = 'bmc-error'
E_CONFIRMED = 'confirmed'

BMC_ACTION = fsm.FSMTable('bmc-action', [
    (BA_QUERY, E_READY, BA_COMMAND),
    (BA_QUERY, E_ALREADY, BA_DONE),
    (BA_QUERY, E_REFUSE, BA_REFUSED),
    (BA_QUERY, E_BMC_ERROR, BA_RETRY_WAIT),
    (BA_COMMAND, E_SENT, BA_VERIFY),
    (BA_COMMAND, E_BMC_ERROR, BA_RETRY_WAIT),
    (BA_VERIFY, E_CONFIRMED, BA_DONE),
    (BA_VERIFY, E_TIMEOUT, BA_RETRY_WAIT),
    (BA_RETRY_WAIT, E_RETRY, BA_QUERY),
    (BA_RETRY_WAIT, E_EXHAUSTED, BA_FAILED),
], initial=BA_QUERY)

# -- reinstall ----------------------------------------------------------------
RI_START = 'start'
RI_WIPE = 'wipe'                    # no BMC: wipedisk and reboot
RI_POWER_CYCLE = 'power-cycle'      # BMC: network boot, power cycle
RI_OFFLINE_WAIT = 'offline-wait'
RI_ONLINE_WAIT = 'online-wait'
RI_DONE = 'done'
RI_FAILED = 'failed'

E_BMC = 'bmc'
E_ONLINE = 'online'

REINSTALL = fsm.FSMTable('reinstall', [
    (RI_START, E_BMC, RI_POWER_CYCLE),
    (RI_START, E_NO_BMC, RI_WIPE),
    (RI_POWER_CYCLE, E_SENT, RI_OFFLINE_WAIT),
    (RI_POWER_CYCLE, E_BMC_ERROR, RI_FAILED),
    (RI_WIPE, E_SENT, RI_OFFLINE_WAIT),
    (RI_WIPE, E_TIMEOUT, RI_FAILED),
    (RI_OFFLINE_WAIT, E_OFFLINE, RI_ONLINE_WAIT),
    (RI_OFFLINE_WAIT, E_TIMEOUT, RI_FAILED),
    (RI_ONLINE_WAIT, E_ONLINE, RI_DONE),
    (RI_ONLINE_WAIT, E_TIMEOUT, RI_FAILED),
], initial=RI_START)

TABLES = (HOST, ENABLE, RECOVERY, DISABLE, REBOOT, BMC_ACTION, REINSTALL)


def ar_exhausted(count, threshold):
    """True once a cause failed more often than its threshold allows:
    auto-recovery stops ("threshold reached, Lock/Unlock to retry").

    StarlingX's ``ar_manage`` counts each failure and disables the cause
    when the count exceeds the threshold: with the default of 2, the
    third failure is the one that stops.
    """
    return count > threshold
