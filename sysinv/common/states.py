"""Every state string of a sysinv host (StarlingX's values).

The only place these literals appear: other modules use the names.
"""

# -- administrative state -----------------------------------------------------
ADMIN_LOCKED = 'locked'
ADMIN_UNLOCKED = 'unlocked'
ADMINISTRATIVE_STATES = (ADMIN_LOCKED, ADMIN_UNLOCKED)

# -- operational state (also subfunction_oper) --------------------------------
OPERATIONAL_ENABLED = 'enabled'
OPERATIONAL_DISABLED = 'disabled'
OPERATIONAL_STATES = (OPERATIONAL_DISABLED, OPERATIONAL_ENABLED)

# -- availability status (also subfunction_avail) -----------------------------
AVAILABILITY_AVAILABLE = 'available'
AVAILABILITY_INTEST = 'intest'
AVAILABILITY_DEGRADED = 'degraded'
AVAILABILITY_FAILED = 'failed'
AVAILABILITY_POWEROFF = 'power-off'
AVAILABILITY_OFFLINE = 'offline'
AVAILABILITY_OFFDUTY = 'offduty'
AVAILABILITY_ONLINE = 'online'
AVAILABILITY_DEPENDENCY = 'dependency'
AVAILABILITY_NOT_INSTALLED = 'not-installed'
AVAILABILITY_STATES = (
    AVAILABILITY_AVAILABLE, AVAILABILITY_INTEST, AVAILABILITY_DEGRADED,
    AVAILABILITY_FAILED, AVAILABILITY_POWEROFF, AVAILABILITY_OFFLINE,
    AVAILABILITY_OFFDUTY, AVAILABILITY_ONLINE, AVAILABILITY_DEPENDENCY,
    AVAILABILITY_NOT_INSTALLED)

# -- provisioning (invprovision) ----------------------------------------------
UNPROVISIONED = 'unprovisioned'
INVENTORIED = 'inventoried'
CONFIGURED = 'configured'
PROVISIONING = 'provisioning'
PROVISIONED = 'provisioned'
UPGRADING = 'upgrading'
INVPROVISION_STATES = (UNPROVISIONED, INVENTORIED, CONFIGURED, PROVISIONING,
                       PROVISIONED, UPGRADING)

# -- host actions (the PATCH /action values) ----------------------------------
NONE_ACTION = 'none'
LOCK_ACTION = 'lock'
FORCE_LOCK_ACTION = 'force-lock'
FORCE_UNSAFE_LOCK_ACTION = 'force-unsafe-lock'
UNLOCK_ACTION = 'unlock'
FORCE_UNLOCK_ACTION = 'force-unlock'
SWACT_ACTION = 'swact'
FORCE_SWACT_ACTION = 'force-swact'
RESET_ACTION = 'reset'
REBOOT_ACTION = 'reboot'
REINSTALL_ACTION = 'reinstall'
POWERON_ACTION = 'power-on'
POWEROFF_ACTION = 'power-off'
SUBFUNCTION_CONFIG_ACTION = 'subfunction_config'
DELETE_ACTION = 'delete'

# The VIM's callbacks, sent as actions with a vim User-Agent; also the
# values of vim_progress_status.
VIM_SERVICES_ENABLED = 'services-enabled'
VIM_SERVICES_DISABLED = 'services-disabled'
VIM_SERVICES_DISABLE_FAILED = 'services-disable-failed'
VIM_SERVICES_DISABLE_EXTEND = 'services-disable-extend'
VIM_SERVICES_DELETE_FAILED = 'services-delete-failed'
VIM_CALLBACKS = (VIM_SERVICES_ENABLED, VIM_SERVICES_DISABLED,
                 VIM_SERVICES_DISABLE_FAILED, VIM_SERVICES_DISABLE_EXTEND,
                 VIM_SERVICES_DELETE_FAILED)

LOCK_ACTIONS = (LOCK_ACTION, FORCE_LOCK_ACTION, FORCE_UNSAFE_LOCK_ACTION)
USER_ACTIONS = (UNLOCK_ACTION, FORCE_UNLOCK_ACTION, LOCK_ACTION,
                FORCE_LOCK_ACTION, FORCE_UNSAFE_LOCK_ACTION, SWACT_ACTION,
                FORCE_SWACT_ACTION, RESET_ACTION, REBOOT_ACTION,
                REINSTALL_ACTION, POWERON_ACTION, POWEROFF_ACTION,
                SUBFUNCTION_CONFIG_ACTION)
SUPPORTED_ACTIONS = USER_ACTIONS + VIM_CALLBACKS

# -- task (display of the action in progress) ---------------------------------
TASK_NONE = ''
TASK_LOCKING = 'Locking'
TASK_FORCE_LOCKING = 'Force Locking'
TASK_UNSAFE_FORCE_LOCKING = 'Unsafely Force Locking'
TASK_UNLOCKING = 'Unlocking'
TASK_FORCE_UNLOCKING = 'Force Unlocking'
TASK_REBOOTING = 'Rebooting'
TASK_RESETTING = 'Resetting'
TASK_REINSTALLING = 'Reinstalling'
TASK_POWERING_ON = 'Powering-on'
TASK_POWERING_OFF = 'Powering-off'
TASK_SWACTING = 'Swacting'
TASK_FORCE_SWACTING = 'Force-Swacting'

# -- ihost_action (the admin action in progress) ------------------------------
IHOST_ACTION_NONE = ''

# -- action_state / inv_state -------------------------------------------------
HAS_REINSTALLING = 'reinstalling'
HAS_REINSTALLED = 'reinstalled'
INV_STATE_INITIAL_INVENTORIED = 'inventoried'
INV_STATE_REINSTALLING = 'reinstalling'

# -- install_state ------------------------------------------------------------
INSTALL_STATE_PRE_INSTALL = 'preinstall'
INSTALL_STATE_INSTALLING = 'installing'
INSTALL_STATE_POST_INSTALL = 'postinstall'
INSTALL_STATE_FAILED = 'failed'
INSTALL_STATE_INSTALLED = 'installed'
INSTALL_STATE_BOOTING = 'booting'
INSTALL_STATE_COMPLETED = 'completed'
INSTALL_STATES = (INSTALL_STATE_PRE_INSTALL, INSTALL_STATE_INSTALLING,
                  INSTALL_STATE_POST_INSTALL, INSTALL_STATE_FAILED,
                  INSTALL_STATE_INSTALLED, INSTALL_STATE_BOOTING,
                  INSTALL_STATE_COMPLETED)

# -- config_status ------------------------------------------------------------
CONFIG_STATUS_OUT_OF_DATE = 'Config out-of-date'
CONFIG_STATUS_REINSTALL = 'Reinstall required'
