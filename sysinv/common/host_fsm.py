"""The host's state machines, as tables (:class:`stx_common.fsm.FSMTable`).

* :data:`ACTIONS`: which action an administrative state accepts and the
  administrative state the action aims at. A refusal is turned into
  StarlingX's message by :mod:`sysinv.conductor.host_checks`.
* :data:`PROGRESS`: what an accepted action records while it runs
  (``ihost_action``, ``task``); ``action`` itself is never stored.
* :data:`ADMINISTRATIVE`, :data:`OPERATIONAL`, :data:`AVAILABILITY`: the
  state reports maintenance may make (event = the reported value).
  Availability is maintenance's own machine: every value is accepted from
  every state; the table only knows the vocabulary.
* :data:`PROVISIONING`: ``invprovision`` on the first unlock and enable.
"""
import dataclasses

from stx_common import fsm
from sysinv.common import states as s

ACTIONS = fsm.FSMTable('host', [
    (s.ADMIN_LOCKED, s.UNLOCK_ACTION, s.ADMIN_UNLOCKED),
    (s.ADMIN_LOCKED, s.FORCE_UNLOCK_ACTION, s.ADMIN_UNLOCKED),
    (s.ADMIN_UNLOCKED, s.LOCK_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_UNLOCKED, s.FORCE_LOCK_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_UNLOCKED, s.FORCE_UNSAFE_LOCK_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_UNLOCKED, s.SWACT_ACTION, s.ADMIN_UNLOCKED),
    (s.ADMIN_UNLOCKED, s.FORCE_SWACT_ACTION, s.ADMIN_UNLOCKED),
    (s.ADMIN_LOCKED, s.REBOOT_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_LOCKED, s.RESET_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_LOCKED, s.REINSTALL_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_LOCKED, s.POWERON_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_LOCKED, s.POWEROFF_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_LOCKED, s.DELETE_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_LOCKED, s.SUBFUNCTION_CONFIG_ACTION, s.ADMIN_LOCKED),
    (s.ADMIN_UNLOCKED, s.SUBFUNCTION_CONFIG_ACTION, s.ADMIN_UNLOCKED),
], initial=s.ADMIN_LOCKED)


@dataclasses.dataclass(frozen=True)
class Progress:
    """What an accepted action records, and who carries it out.

    :ivar ihost_action: the admin action in progress (None: unchanged).
    :ivar task: the task text shown while it runs.
    :ivar mtce_action: the action maintenance is asked to perform.
    :ivar vim: True when the VIM (if configured) is asked first.
    """

    ihost_action: str | None
    task: str
    mtce_action: str
    vim: bool = False


PROGRESS = {
    s.LOCK_ACTION: Progress(s.LOCK_ACTION, s.TASK_LOCKING, s.LOCK_ACTION,
                            vim=True),
    s.FORCE_LOCK_ACTION: Progress(s.FORCE_LOCK_ACTION, s.TASK_FORCE_LOCKING,
                                  s.FORCE_LOCK_ACTION, vim=True),
    s.FORCE_UNSAFE_LOCK_ACTION: Progress(
        s.FORCE_UNSAFE_LOCK_ACTION, s.TASK_UNSAFE_FORCE_LOCKING,
        s.FORCE_LOCK_ACTION, vim=True),
    s.UNLOCK_ACTION: Progress(s.UNLOCK_ACTION, s.TASK_UNLOCKING,
                              s.UNLOCK_ACTION),
    s.FORCE_UNLOCK_ACTION: Progress(s.UNLOCK_ACTION, s.TASK_FORCE_UNLOCKING,
                                    s.UNLOCK_ACTION),
    s.SWACT_ACTION: Progress(None, s.TASK_SWACTING, s.SWACT_ACTION),
    s.FORCE_SWACT_ACTION: Progress(None, s.TASK_FORCE_SWACTING,
                                   s.FORCE_SWACT_ACTION),
    s.REBOOT_ACTION: Progress(None, s.TASK_REBOOTING, s.REBOOT_ACTION),
    s.RESET_ACTION: Progress(None, s.TASK_RESETTING, s.RESET_ACTION),
    s.REINSTALL_ACTION: Progress(None, s.TASK_REINSTALLING,
                                 s.REINSTALL_ACTION),
    s.POWERON_ACTION: Progress(None, s.TASK_POWERING_ON, s.POWERON_ACTION),
    s.POWEROFF_ACTION: Progress(None, s.TASK_POWERING_OFF,
                                s.POWEROFF_ACTION),
}


def _reports(entity, values):
    """A table where any value may be reported from any state."""
    return fsm.FSMTable(entity, [], any_state=[(v, v) for v in values])


ADMINISTRATIVE = fsm.FSMTable('administrative', [
    (s.ADMIN_LOCKED, s.ADMIN_LOCKED, s.ADMIN_LOCKED),
    (s.ADMIN_LOCKED, s.ADMIN_UNLOCKED, s.ADMIN_UNLOCKED),
    (s.ADMIN_UNLOCKED, s.ADMIN_UNLOCKED, s.ADMIN_UNLOCKED),
    (s.ADMIN_UNLOCKED, s.ADMIN_LOCKED, s.ADMIN_LOCKED),
], initial=s.ADMIN_LOCKED)

OPERATIONAL = fsm.FSMTable('operational', [
    (s.OPERATIONAL_DISABLED, s.OPERATIONAL_DISABLED, s.OPERATIONAL_DISABLED),
    (s.OPERATIONAL_DISABLED, s.OPERATIONAL_ENABLED, s.OPERATIONAL_ENABLED),
    (s.OPERATIONAL_ENABLED, s.OPERATIONAL_ENABLED, s.OPERATIONAL_ENABLED),
    (s.OPERATIONAL_ENABLED, s.OPERATIONAL_DISABLED, s.OPERATIONAL_DISABLED),
], initial=s.OPERATIONAL_DISABLED)

AVAILABILITY = _reports('availability', s.AVAILABILITY_STATES)

# Events of the provisioning machine: the administrative state becomes
# unlocked, the operational state becomes enabled.
EVENT_UNLOCKED = 'administrative-unlocked'
EVENT_ENABLED = 'operational-enabled'

PROVISIONING = fsm.FSMTable('invprovision', [
    (s.UNPROVISIONED, EVENT_UNLOCKED, s.PROVISIONING),
    (s.INVENTORIED, EVENT_UNLOCKED, s.PROVISIONING),
    (s.CONFIGURED, EVENT_UNLOCKED, s.PROVISIONING),
    (s.PROVISIONING, EVENT_ENABLED, s.PROVISIONED),
    (s.UNPROVISIONED, EVENT_ENABLED, s.PROVISIONED),
    (s.UPGRADING, EVENT_ENABLED, s.PROVISIONED),
], initial=s.UNPROVISIONED)

# Tables of the fields maintenance reports, by field name.
REPORTS = {
    'administrative': ADMINISTRATIVE,
    'operational': OPERATIONAL,
    'availability': AVAILABILITY,
    'subfunction_oper': OPERATIONAL,
    'subfunction_avail': AVAILABILITY,
}


def provisioning_after(invprovision, event):
    """The new ``invprovision`` after ``event``, or None if unchanged.

    A host never provisioned has a null ``invprovision``; it counts as
    unprovisioned here.
    """
    state = invprovision or s.UNPROVISIONED
    if PROVISIONING.allows(state, event):
        return PROVISIONING.next_state(state, event)
    return None
