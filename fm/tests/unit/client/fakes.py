"""A fake fm-api behind a requests adapter: the client's real HTTP code
runs, answers come from a table of routes."""
import itertools

from fm.client import http
from fm.client.v1 import client
from stx_common.testing import fake_api

URL = 'http://fm.test:18002'
_COUNT = itertools.count(1)


error_body = fake_api.error_body
FakeAPI = fake_api.FakeAPI


def http_client(api, token=None):
    result = http.HTTPClient(URL, token=token, timeout=5)
    result._requests.mount('http://', api)
    return result


def v1_client(api):
    return client.Client(http_client(api))


def alarm(alarm_id='100.101', entity='host=controller-0', severity='major',
          timestamp='2024-01-02T03:04:05.000006', status='unsuppressed',
          uuid=None, reason='Platform CPU threshold exceeded'):
    return {'uuid': uuid or '00000000-0000-0000-0000-%012d' % next(_COUNT),
            'alarm_id': alarm_id, 'entity_instance_id': entity,
            'severity': severity, 'timestamp': timestamp,
            'reason_text': reason, 'mgmt_affecting': 'True',
            'degrade_affecting': 'False', 'suppression_status': status}


def event(event_log_id='100.101', state='set', timestamp='2024-01-02T03:04:05',
          status='unsuppressed', entity='host=controller-0', uuid=None):
    return {'uuid': uuid or 'e-%s-%s-%s' % (event_log_id, state, timestamp),
            'event_log_id': event_log_id, 'state': state,
            'entity_instance_id': entity, 'severity': 'major',
            'timestamp': timestamp, 'reason_text': 'something happened',
            'suppression_status': status}
