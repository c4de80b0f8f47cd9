"""fm-manager's RPC endpoints: a facade over FM's DB API.

Each method checks what only the manager knows (the catalogue) and hands
the write to :mod:`fm.db.api`; expected errors travel back to fm-api.
"""
import uuid as uuidlib

from oslo_log import log
import oslo_messaging as messaging

from fm import exception, rules
from fm.conf import CONF
from stx_common import exception as common_exc
from stx_common.contracts import alarm as contract

LOG = log.getLogger(__name__)

_EXPECTED = (common_exc.FlockException,)


class FaultManager:
    target = messaging.Target(version='1.0')

    def __init__(self, dbapi, catalogue):
        self.dbapi = dbapi
        self.catalogue = catalogue

    def _fault(self, values, states):
        fault = contract.Fault.from_dict(values)
        if fault.alarm_state not in states:
            raise contract.InvalidFault(reason='alarm_state must be %s'
                                        % ' or '.join(states))
        if not fault.uuid or len(fault.uuid) != 36:
            fault.uuid = str(uuidlib.uuid4())
        if fault.timestamp is None:
            fault.timestamp = contract.utcnow()
        fault.validate()
        self.catalogue.check(fault)
        return fault

    @messaging.expected_exceptions(*_EXPECTED)
    def delete_alarm(self, context, uuid):
        row = self.dbapi.delete_alarm(uuid,
                                      log_max=CONF.event_log_max_size)
        LOG.info('Alarm %s (%s on %s) deleted by %s', uuid, row['alarm_id'],
                 row['entity_instance_id'], context.user_id or 'admin')
        return None

    @messaging.expected_exceptions(*_EXPECTED)
    def create_alarm(self, context, fault):
        fault = self._fault(fault, ('set',))
        return self.dbapi.create_alarm(fault,
                                       log_max=CONF.event_log_max_size)

    @messaging.expected_exceptions(*_EXPECTED)
    def store_log(self, context, fault):
        fault = self._fault(fault, ('msg', 'log'))
        return self.dbapi.store_log(fault, log_max=CONF.event_log_max_size)

    @messaging.expected_exceptions(*_EXPECTED)
    def clear_alarm(self, context, alarm_id, entity_instance_id):
        event = contract.AlarmEvent(contract.ACTION_CLEAR, alarm_id=alarm_id,
                                    entity_instance_id=entity_instance_id)
        if not self.dbapi.store_events([event.validate()],
                                       log_max=CONF.event_log_max_size):
            raise exception.NothingToClear()
        return None

    @messaging.expected_exceptions(*_EXPECTED)
    def update_alarm(self, context, uuid, values):
        current = self.dbapi.get_alarm(uuid)
        merged = {k: current[k] for k in (
            'alarm_id', 'alarm_state', 'entity_type_id',
            'entity_instance_id', 'severity', 'reason_text', 'alarm_type',
            'probable_cause', 'proposed_repair_action', 'service_affecting',
            'suppression', 'inhibit_alarms')}
        merged.update(values)
        merged['uuid'] = uuid
        fault = self._fault(merged, ('set',))
        changed = rules.alarm_values(fault)
        for key in ('uuid', 'masked', 'alarm_state'):
            changed.pop(key)
        if 'timestamp' not in values:
            changed.pop('timestamp')
        return self.dbapi.update_alarm(uuid, changed)

    @messaging.expected_exceptions(*_EXPECTED)
    def update_event_suppression(self, context, uuid, status):
        if status not in rules.SUPPRESSION_STATUSES:
            raise common_exc.Invalid(
                reason='suppression_status must be suppressed or '
                       'unsuppressed')
        record = self.dbapi.update_suppression_status(uuid, status)
        LOG.info('Alarm id %s %s by %s', record['alarm_id'], status,
                 context.user_id or 'admin')
        return record
