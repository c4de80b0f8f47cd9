"""FM's expected errors (they cross RPC and map to HTTP statuses)."""
from stx_common import exception


class AlarmNotFound(exception.NotFound):
    msg_fmt = 'Alarm %(uuid)s could not be found.'


class EventLogNotFound(exception.NotFound):
    msg_fmt = 'Event log %(uuid)s could not be found.'


class EventSuppressionNotFound(exception.NotFound):
    msg_fmt = 'Event suppression %(uuid)s could not be found.'


class AlarmAlreadyExists(exception.Conflict):
    msg_fmt = ('Alarm %(alarm_id)s on %(entity_instance_id)s is already '
               'raised.')


class NothingToClear(exception.NotFound):
    msg_fmt = 'can not find record to clear!'
