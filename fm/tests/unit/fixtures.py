"""Fixtures of FM's unit tests: a migrated SQLite database, the real
catalogue, and the manager called in-process instead of over RPC."""
import datetime

import oslo_messaging as messaging
from oslo_serialization import jsonutils
import pytest

from fm import catalog  # noqa: F401  (FM's options)
from fm.db import api as db_api
from fm.db import migration
from fm.manager import manager, rpcapi, suppression
from stx_common import context
from stx_common.contracts import alarm as contract


@pytest.fixture
def dbapi(conf, tmp_path):
    url = 'sqlite:///%s' % (tmp_path / 'fm.sqlite')
    migration.upgrade(url)
    connection = db_api.Connection(connection=url)
    yield connection
    connection.dispose()


@pytest.fixture
def catalogue():
    return catalog.default()


@pytest.fixture
def synced(dbapi, catalogue):
    suppression.sync(dbapi, catalogue)
    return dbapi


class LocalManager(rpcapi.ManagerAPI):
    """The real RPC client whose calls reach fm-manager's endpoints
    in-process (no transport); answers pass through JSON as on the wire."""

    def __init__(self, endpoint):  # no transport to set up
        self.endpoint = endpoint

    def call(self, context, method, **kwargs):
        try:
            result = getattr(self.endpoint, method)(context, **kwargs)
        except messaging.ExpectedException as wrapped:
            # what the RPC dispatcher does before answering the caller
            raise wrapped.exc_info[1] from None
        return jsonutils.loads(jsonutils.dumps(result))


@pytest.fixture
def local_manager(synced, catalogue):
    return LocalManager(manager.FaultManager(synced, catalogue))


def fault(alarm_id='200.004', entity='host=worker-0', severity='critical',
          state='set', **kwargs):
    values = dict(alarm_id=alarm_id, alarm_state=state,
                  entity_type_id='host', entity_instance_id=entity,
                  severity=severity, reason_text='%s on %s' % (alarm_id,
                                                               entity),
                  alarm_type='operational-violation',
                  probable_cause='application-subsystem-failure',
                  proposed_repair_action='repair it',
                  service_affecting=True, suppression=True)
    values.update(kwargs)
    result = contract.Fault(**values)
    if result.uuid is None:
        result.uuid = contract.AlarmEvent('set').event_uuid
    if result.timestamp is None:
        result.timestamp = datetime.datetime(2020, 1, 1, 12, 0, 0)
    return result


def raised(fault_):
    return contract.AlarmEvent('set', fault=fault_, event_uuid=fault_.uuid)


def cleared(alarm_id, entity):
    return contract.AlarmEvent('clear', alarm_id=alarm_id,
                               entity_instance_id=entity)


def admin():
    return context.get_admin_context()
