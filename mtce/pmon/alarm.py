"""Alarm 200.006: process failure, raised and cleared by pmond.

Entity ``host=<hostname>.process=<process>``; severity is the process's
configured one. Reason texts are StarlingX's.
"""
from stx_common.contracts import alarm as contract

ALARM_PROCESS_FAILURE = '200.006'

REASONS = {
    'critical': ("%(host)s critical '%(process)s' process has failed and "
                 "could not be auto-recovered gracefully. Auto-recovery "
                 "progression by host reboot is required and in "
                 "progress."),
    'major': ("%(host)s is degraded due to the failure of its "
              "'%(process)s' process. Auto recovery of this major process "
              "is in progress."),
    'minor': ("%(host)s '%(process)s' process has failed. Auto recovery of "
              "this minor process is in progress."),
}
REASON_MANUAL = ("%(host)s '%(process)s' process has failed. Manual "
                 "recovery is required.")
REPAIR = ('If this alarm does not automatically clear after some time and '
          'continues to be asserted after Host is locked and unlocked then '
          'contact next level of support for root cause analysis and '
          'recovery.')


def entity(hostname, process):
    return 'host=%s.process=%s' % (hostname, process)


def process_fault(hostname, process, severity, manual=False):
    """The 200.006 fault of one process."""
    template = REASON_MANUAL if manual and severity == 'minor' else \
        REASONS[severity]
    return contract.Fault(
        alarm_id=ALARM_PROCESS_FAILURE, alarm_state='set',
        entity_type_id='host', entity_instance_id=entity(hostname, process),
        severity=severity,
        reason_text=template % {'host': hostname, 'process': process},
        alarm_type='operational-violation', probable_cause='unknown',
        proposed_repair_action=REPAIR,
        service_affecting=severity in ('critical', 'major'),
        suppression=True)
