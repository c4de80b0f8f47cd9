"""FM's tables: active alarms, the event log, event suppression.

Column names are StarlingX's, so its tooling (SNMP subagents, reports)
reads the same schema.
"""
import sqlalchemy as sa

from stx_common.db import models

Base = models.declarative_base()
new_uuid = models.new_uuid


class Alarm(Base, models.TimestampMixin):
    __tablename__ = 'alarm'
    __table_args__ = (
        sa.UniqueConstraint('alarm_id', 'entity_instance_id',
                            name='uniq_alarm0alarm_id0entity_instance_id'),
        sa.Index('ix_alarm_order', 'severity', 'entity_instance_id',
                 'alarm_id'),
        sa.Index('ix_alarm_entity', 'entity_instance_id'),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    alarm_id = sa.Column(sa.String(255), nullable=False)
    alarm_state = sa.Column(sa.String(255), nullable=False, default='set')
    entity_type_id = sa.Column(sa.String(255), nullable=False, default='')
    entity_instance_id = sa.Column(sa.String(255), nullable=False)
    timestamp = sa.Column(sa.DateTime, nullable=False)
    severity = sa.Column(sa.String(255), nullable=False)
    reason_text = sa.Column(sa.String(255), nullable=False, default='')
    alarm_type = sa.Column(sa.String(255), nullable=False)
    probable_cause = sa.Column(sa.String(255), nullable=False)
    proposed_repair_action = sa.Column(sa.String(255), nullable=False,
                                       default='')
    service_affecting = sa.Column(sa.Boolean, nullable=False,
                                  default=False)
    suppression = sa.Column(sa.Boolean, nullable=False, default=False)
    inhibit_alarms = sa.Column(sa.Boolean, nullable=False, default=False)
    masked = sa.Column(sa.Boolean, nullable=False, default=False)


class EventLog(Base, models.TimestampMixin):
    __tablename__ = 'event_log'
    __table_args__ = (
        sa.Index('ix_event_log_timestamp', 'timestamp'),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    event_log_id = sa.Column(sa.String(255), nullable=False)
    state = sa.Column(sa.String(255), nullable=False)
    entity_type_id = sa.Column(sa.String(255), nullable=False, default='')
    entity_instance_id = sa.Column(sa.String(255), nullable=False)
    timestamp = sa.Column(sa.DateTime, nullable=False)
    severity = sa.Column(sa.String(255), nullable=False)
    reason_text = sa.Column(sa.String(255), nullable=False, default='')
    event_log_type = sa.Column(sa.String(255), nullable=False)
    probable_cause = sa.Column(sa.String(255), nullable=False)
    proposed_repair_action = sa.Column(sa.String(255), nullable=False,
                                       default='')
    service_affecting = sa.Column(sa.Boolean, nullable=False,
                                  default=False)
    suppression = sa.Column(sa.Boolean, nullable=False, default=False)


class EventSuppression(Base, models.TimestampMixin):
    __tablename__ = 'event_suppression'

    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    alarm_id = sa.Column(sa.String(255), nullable=False, unique=True)
    description = sa.Column(sa.String(255), nullable=False, default='')
    suppression_status = sa.Column(sa.String(255), nullable=False,
                                   default='unsuppressed')
    set_for_deletion = sa.Column(sa.Boolean, nullable=False, default=False)
    mgmt_affecting = sa.Column(sa.String(255), nullable=False,
                               default='none')
    degrade_affecting = sa.Column(sa.String(255), nullable=False,
                                  default='none')


class ProcessedEvent(Base):
    """Alarm events already stored, so a redelivered batch is skipped.

    Only the newest records are kept: redelivery concerns the few batches
    in flight when a connection broke.
    """

    __tablename__ = 'processed_event'

    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    created_at = sa.Column(sa.DateTime, nullable=False)
