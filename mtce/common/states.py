"""Every state, action and task string of maintenance (StarlingX's).

The only place these literals appear: the state machines
(:mod:`mtce.agent.host_fsm`) and the flows use the names.

A host has three states (ITU X.731 style) reported to sysinv:
administrative (``locked`` / ``unlocked``), operational (``disabled`` /
``enabled``) and availability, plus a free-text ``task`` of at most 63
characters that users (and Horizon) read. Maintenance's state machine
works on the three together, written ``<admin>-<oper>-<avail>``
(:func:`join`), e.g. ``unlocked-enabled-available``.
"""

# -- administrative -----------------------------------------------------------
LOCKED = 'locked'
UNLOCKED = 'unlocked'
ADMINISTRATIVE = (LOCKED, UNLOCKED)

# -- operational --------------------------------------------------------------
DISABLED = 'disabled'
ENABLED = 'enabled'
OPERATIONAL = (DISABLED, ENABLED)

# -- availability -------------------------------------------------------------
AVAILABLE = 'available'
DEGRADED = 'degraded'
FAILED = 'failed'
INTEST = 'intest'
OFFLINE = 'offline'
ONLINE = 'online'
POWER_OFF = 'power-off'
OFFDUTY = 'offduty'
NOT_INSTALLED = 'not-installed'
AVAILABILITY = (AVAILABLE, DEGRADED, FAILED, INTEST, OFFLINE, ONLINE,
                POWER_OFF, OFFDUTY, NOT_INSTALLED)


def join(admin, oper, avail):
    """``locked``, ``disabled``, ``online`` -> ``locked-disabled-online``."""
    return '%s-%s-%s' % (admin, oper, avail)


def split(state):
    """The (admin, oper, avail) of a joined state."""
    admin, oper, avail = state.split('-', 2)
    return admin, oper, avail


# The combinations the host state machine knows.
LOCKED_OFFLINE = join(LOCKED, DISABLED, OFFLINE)
LOCKED_ONLINE = join(LOCKED, DISABLED, ONLINE)
LOCKED_POWER_OFF = join(LOCKED, DISABLED, POWER_OFF)
LOCKED_FAILED = join(LOCKED, DISABLED, FAILED)
LOCKED_OFFDUTY = join(LOCKED, DISABLED, OFFDUTY)
LOCKED_NOT_INSTALLED = join(LOCKED, DISABLED, NOT_INSTALLED)
UNLOCKED_OFFLINE = join(UNLOCKED, DISABLED, OFFLINE)
UNLOCKED_ONLINE = join(UNLOCKED, DISABLED, ONLINE)
UNLOCKED_INTEST = join(UNLOCKED, DISABLED, INTEST)
UNLOCKED_FAILED = join(UNLOCKED, DISABLED, FAILED)
UNLOCKED_POWER_OFF = join(UNLOCKED, DISABLED, POWER_OFF)
ENABLED_AVAILABLE = join(UNLOCKED, ENABLED, AVAILABLE)
ENABLED_DEGRADED = join(UNLOCKED, ENABLED, DEGRADED)
HOST_STATES = (
    LOCKED_OFFLINE, LOCKED_ONLINE, LOCKED_POWER_OFF, LOCKED_FAILED,
    LOCKED_OFFDUTY, LOCKED_NOT_INSTALLED, UNLOCKED_OFFLINE, UNLOCKED_ONLINE,
    UNLOCKED_INTEST, UNLOCKED_FAILED, UNLOCKED_POWER_OFF, ENABLED_AVAILABLE,
    ENABLED_DEGRADED)

# -- admin actions (sysinv's ``action``; StarlingX's adminAction) -------------
ACTION_NONE = 'none'
ACTION_ADD = 'add'
ACTION_LOCK = 'lock'
ACTION_FORCE_LOCK = 'force-lock'
ACTION_UNLOCK = 'unlock'
ACTION_REBOOT = 'reboot'
ACTION_RESET = 'reset'
ACTION_REINSTALL = 'reinstall'
ACTION_POWER_ON = 'power-on'
ACTION_POWER_OFF = 'power-off'
ACTION_POWERCYCLE = 'powercycle'
ACTION_SWACT = 'swact'
ACTION_FORCE_SWACT = 'force-swact'
ACTION_DELETE = 'delete'
ACTION_RECOVERY = 'recovery'
ACTION_ENABLE = 'enable'
# What sysinv may ask (modify_host's ``action``).
REQUESTED_ACTIONS = (ACTION_UNLOCK, ACTION_LOCK, ACTION_FORCE_LOCK,
                     ACTION_SWACT, ACTION_FORCE_SWACT, ACTION_REBOOT,
                     ACTION_RESET, ACTION_REINSTALL, ACTION_POWER_ON,
                     ACTION_POWER_OFF)
BMC_ACTIONS = (ACTION_RESET, ACTION_POWER_ON, ACTION_POWER_OFF)

# -- personalities ------------------------------------------------------------
CONTROLLER = 'controller'
WORKER = 'worker'
STORAGE = 'storage'
PERSONALITIES = (CONTROLLER, WORKER, STORAGE)

# -- tasks (StarlingX's texts; at most 63 characters) -------------------------
TASK_NONE = ''
TASK_REBOOTING = 'Rebooting'
TASK_REBOOT_REQUEST = 'Reboot Request'
TASK_REBOOT_RETRY = 'Reboot Failed, retrying (%d of %d)'
TASK_REBOOT_RESET = 'Rebooting/Resetting Host'
TASK_REBOOT_FAIL = "Reboot Failed, try again when host is 'online'"
TASK_BOOTING = 'Booting'
TASK_TESTING = 'Testing'
TASK_INITIALIZING = 'Initializing'
TASK_ENABLING = 'Enabling'
TASK_SELF_UNLOCK = ('Unlocking active controller, please stand-by while '
                    'it reboots')
TASK_DISABLING = 'Disabling Services'
TASK_DISABLING_CONTROLLER = 'Disabling Controller'
TASK_FORCE_LOCK = 'Force Lock Reset in Progress'
TASK_RESET_REQUEST = 'Reset Request'
TASK_RESETTING = 'Resetting'
TASK_RESET_RETRY = 'Reset Failed, retrying (%d of %d)'
TASK_RESET_FAIL = 'Reset Failed'
TASK_RESET_POWERED_OFF = 'Reset Failed ; host is powered off'
TASK_RESET_DONE = 'Reset Complete'
TASK_POWERING_ON = 'Powering On'
TASK_POWERING_OFF = 'Powering Off'
TASK_POWER_ON_RETRY = 'Power-On Failed, retrying (%d of %d)'
TASK_POWER_OFF_RETRY = 'Power-Off Failed, retrying (%d of %d)'
TASK_POWER_ON_DONE = 'Power-On Completed'
TASK_POWER_OFF_DONE = 'Power-Off Completed'
TASK_POWER_ON_FAIL = 'Power-On Failed'
TASK_POWER_OFF_FAIL = 'Power-Off Failed'
TASK_POWER_ON_NO_BMC = 'Power-On Failed - BMC is not accessible'
TASK_POWER_OFF_NO_BMC = 'Power-Off Failed - BMC is not accessible'
TASK_REINSTALLING = 'Reinstalling Host'
TASK_REINSTALL_FAIL = 'Reinstall Failed ; %s'
TASK_REINSTALL_DONE = 'Reinstall Succeeded'
TASK_RECOVERY = 'Graceful Recovery'
TASK_RECOVERY_RETRY = 'Graceful Recovery Retry'
TASK_RECOVERY_WAIT = 'Graceful Recovery Wait'
TASK_RECOVERED = 'Gracefully Recovered'
TASK_CONFIG_FAIL = 'Configuration Failed, re-enabling'
TASK_CONFIG_TIMEOUT = 'Configuration Timeout, re-enabling'
TASK_INTEST_FAIL = 'In-Test Failed, re-enabling'
TASK_INTEST_TIMEOUT = 'In-Test Timeout, re-enabling'
TASK_SERVICES_FAIL = 'Start Services Failed, re-enabling'
TASK_SERVICES_TIMEOUT = 'Start Services Timeout, re-enabling'
TASK_HEARTBEAT_FAIL = 'Enable Heartbeat Failure, re-enabling'
TASK_BOOT_FAIL = 'Boot Failed, rebooting'
TASK_CRITICAL_FAIL = 'Critical Process Failure, re-enabling'
TASK_CRITICAL_SWACT = ('Critical failure.Requesting SWACT to enabled '
                       'standby controller')
TASK_CRITICAL_DEGRADE = ('Critical failure.Please provision/enable standby '
                         'controller')
TASK_SWACT_FAIL = 'Swact: Failed'
TASK_SENSOR_RESET = 'Resetting Host, critical sensor'
TASK_SENSOR_POWERCYCLE = 'Critical Event Power-Cycle ; due to critical sensor'

# -- auto-recovery causes -----------------------------------------------------
CAUSE_CONFIG = 'config'
CAUSE_GOENABLE = 'goenable'
CAUSE_HOSTSERVICES = 'hostservices'
CAUSE_HEARTBEAT = 'heartbeat'
CAUSE_LUKS = 'luks'
CAUSE_ENABLE = 'enable'          # generic: boot timeout, critical process
AR_CAUSES = (CAUSE_CONFIG, CAUSE_GOENABLE, CAUSE_HOSTSERVICES,
             CAUSE_HEARTBEAT, CAUSE_LUKS, CAUSE_ENABLE)
# The task once a cause's auto-recovery threshold is reached.
AR_DISABLED_TASKS = {
    CAUSE_CONFIG: 'Configuration failure, threshold reached, Lock/Unlock '
                  'to retry',
    CAUSE_GOENABLE: 'In-Test Failure, threshold reached, Lock/Unlock to '
                    'retry',
    CAUSE_HOSTSERVICES: 'Service Failure, threshold reached, Lock/Unlock '
                        'to retry',
    CAUSE_HEARTBEAT: 'Heartbeat Failure, threshold reached, Lock/Unlock '
                     'to retry',
    CAUSE_LUKS: 'LUKS volume failure, threshold reached, Lock/Unlock to '
                'retry',
    CAUSE_ENABLE: 'Enable Failure, threshold reached, Lock/Unlock to '
                  'retry',
}
# The task while a cause is being auto-recovered.
AR_RETRY_TASKS = {
    CAUSE_CONFIG: TASK_CONFIG_FAIL,
    CAUSE_GOENABLE: TASK_INTEST_FAIL,
    CAUSE_HOSTSERVICES: TASK_SERVICES_FAIL,
    CAUSE_HEARTBEAT: TASK_HEARTBEAT_FAIL,
    CAUSE_LUKS: TASK_CONFIG_FAIL,
    CAUSE_ENABLE: TASK_BOOT_FAIL,
}

# -- swact --------------------------------------------------------------------
SWACT_NO_SM_REASON = ('Swact Rejected: service management is not available '
                      'in this release; there is no standby to take over')
SWACT_NO_SM_ACTION = 'Retry once service management runs on both controllers'
