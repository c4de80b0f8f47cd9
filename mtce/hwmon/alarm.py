"""hwmond's alarms, with StarlingX's ids, entities and texts.

* 200.007 sensor out of tolerance: ``host=<h>.sensor=<sensor>``, at the
  sensor's severity (minor, major or critical);
* 200.014 sensor configuration failure (minor): the hardware monitor could
  not load or configure the host's sensors, ``host=<h>``;
* 200.015 sensor group read failure (major): one or more sensor groups
  could not be read from the BMC, ``host=<h>``.
"""
from stx_common.contracts import alarm as contract

SENSOR = '200.007'
SENSOR_CONFIG = '200.014'
GROUP_READ = '200.015'

SENSOR_REASONS = {
    'critical': ("Host is degraded due to a 'Critical' out-of-tolerance "
                 "reading from the '%s' sensor"),
    'major': ("Host is degraded due to a 'Major' out-of-tolerance reading "
              "from the '%s' sensor"),
    'minor': ("Host is reporting a 'Minor' out-of-tolerance reading from "
              "the '%s' sensor"),
}
SENSOR_REPAIR = ('If problem consistently occurs after Host is power '
                 'cycled and or reset, contact next level of support or '
                 'lock and replace failing host.')
CONFIG_REASON = ('The Hardware Monitor was unable to load, configure and '
                 'monitor one or more hardware sensors.')
CONFIG_REPAIR = ('Check Board Management Controller provisioning. Try '
                 'reprovisioning the BMC. If problem persists try power '
                 'cycling the host and then the entire server including '
                 'the BMC power. If problem persists then contact next '
                 'level of support.')
GROUP_REASON = ("Unable to read one or more sensor groups from this host's "
                "board management controller.")
GROUP_REPAIR = ('Check board management connectivity and try rebooting the '
                'board management controller. If problem persists contact '
                'next level of support or lock and replace failing host.')


def host_entity(hostname):
    return 'host=%s' % hostname


def sensor_entity(hostname, sensor):
    return 'host=%s.sensor=%s' % (hostname, sensor)


def sensor_fault(hostname, sensor, severity):
    return contract.Fault(
        alarm_id=SENSOR, alarm_state='set', entity_type_id='host',
        entity_instance_id=sensor_entity(hostname, sensor),
        severity=severity, reason_text=SENSOR_REASONS[severity] % sensor,
        alarm_type='operational-violation',
        probable_cause='unspecified-reason',
        proposed_repair_action=SENSOR_REPAIR,
        service_affecting=severity == 'critical', suppression=True)


def config_fault(hostname):
    return contract.Fault(
        alarm_id=SENSOR_CONFIG, alarm_state='set', entity_type_id='host',
        entity_instance_id=host_entity(hostname), severity='minor',
        reason_text=CONFIG_REASON, alarm_type='operational-violation',
        probable_cause='unknown', proposed_repair_action=CONFIG_REPAIR,
        service_affecting=False, suppression=True)


def group_fault(hostname):
    return contract.Fault(
        alarm_id=GROUP_READ, alarm_state='set', entity_type_id='host',
        entity_instance_id=host_entity(hostname), severity='major',
        reason_text=GROUP_REASON, alarm_type='operational-violation',
        probable_cause='unknown', proposed_repair_action=GROUP_REPAIR,
        service_affecting=False, suppression=False)
