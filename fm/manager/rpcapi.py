"""Client of fm-manager's RPC API (used by fm-api for writes).

Version history:

* 1.0 - delete_alarm, create_alarm, update_alarm, store_log,
  update_event_suppression
"""
from stx_common.rpc import client

TOPIC = 'fm.manager'


class ManagerAPI(client.RPCClient):
    TOPIC = TOPIC
    VERSION = '1.0'
    TIMEOUT = 30

    def delete_alarm(self, context, uuid):
        """Delete an active alarm and record its clear.

        :raises AlarmNotFound:
        """
        return self.call(context, 'delete_alarm', uuid=uuid)

    def create_alarm(self, context, fault):
        """Insert an alarm (``fault``: a Fault as a dict); its uuid.

        :raises AlarmAlreadyExists:, InvalidFault:
        """
        return self.call(context, 'create_alarm', fault=fault)

    def store_log(self, context, fault):
        """Record a customer log; its uuid."""
        return self.call(context, 'store_log', fault=fault)

    def clear_alarm(self, context, alarm_id, entity_instance_id):
        """Clear one alarm id on an entity subtree; how many cleared."""
        return self.call(context, 'clear_alarm', alarm_id=alarm_id,
                         entity_instance_id=entity_instance_id)

    def update_alarm(self, context, uuid, values):
        """Change an alarm's fields; the updated alarm."""
        return self.call(context, 'update_alarm', uuid=uuid, values=values)

    def update_event_suppression(self, context, uuid, status):
        """Suppress or unsuppress an alarm id; the updated record."""
        return self.call(context, 'update_event_suppression', uuid=uuid,
                         status=status)
