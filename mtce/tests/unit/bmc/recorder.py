"""An alarm client that records what mtce raises and clears, after
checking every fault against FM's catalogue (as the real client does)."""
import threading

from stx_common.alarms import catalogue


class AlarmRecorder:
    """``set_fault`` / ``clear_fault`` / ``log_event`` recorded in order;
    :attr:`active` holds the alarms currently raised."""

    def __init__(self):
        self.calls = []
        self.active = {}
        self._lock = threading.Lock()

    def set_fault(self, fault):
        catalogue.check(fault)
        with self._lock:
            self.calls.append(('set', fault.alarm_id,
                               fault.entity_instance_id, fault.severity))
            self.active[(fault.alarm_id, fault.entity_instance_id)] = fault
        return 'recorded'

    def log_event(self, fault):
        catalogue.check(fault)
        with self._lock:
            self.calls.append(('log', fault.alarm_id,
                               fault.entity_instance_id, fault.severity))
        return 'recorded'

    def clear_fault(self, alarm_id, entity_instance_id):
        with self._lock:
            self.calls.append(('clear', alarm_id, entity_instance_id, None))
            self.active.pop((alarm_id, entity_instance_id), None)

    def raised(self, alarm_id, entity):
        """The active fault, or None."""
        return self.active.get((alarm_id, entity))

    def count(self, action, alarm_id=None):
        return sum(1 for call in self.calls if call[0] == action and
                   (alarm_id is None or call[1] == alarm_id))
