"""FM's initial schema: alarm, event_log, event_suppression,
processed_event.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def _timestamps():
    return [sa.Column('created_at', sa.DateTime),
            sa.Column('updated_at', sa.DateTime)]


def _text(name):
    return sa.Column(name, sa.String(255), nullable=False)


def upgrade():
    op.create_table(
        'alarm',
        *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('uuid', sa.String(36), nullable=False, unique=True),
        _text('alarm_id'),
        _text('alarm_state'),
        _text('entity_type_id'),
        _text('entity_instance_id'),
        sa.Column('timestamp', sa.DateTime, nullable=False),
        _text('severity'),
        _text('reason_text'),
        _text('alarm_type'),
        _text('probable_cause'),
        _text('proposed_repair_action'),
        sa.Column('service_affecting', sa.Boolean, nullable=False),
        sa.Column('suppression', sa.Boolean, nullable=False),
        sa.Column('inhibit_alarms', sa.Boolean, nullable=False),
        sa.Column('masked', sa.Boolean, nullable=False),
        sa.UniqueConstraint('alarm_id', 'entity_instance_id',
                            name='uniq_alarm0alarm_id0entity_instance_id'),
    )
    op.create_index('ix_alarm_order', 'alarm',
                    ['severity', 'entity_instance_id', 'alarm_id'])
    op.create_index('ix_alarm_entity', 'alarm', ['entity_instance_id'])

    op.create_table(
        'event_log',
        *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('uuid', sa.String(36), nullable=False, unique=True),
        _text('event_log_id'),
        _text('state'),
        _text('entity_type_id'),
        _text('entity_instance_id'),
        sa.Column('timestamp', sa.DateTime, nullable=False),
        _text('severity'),
        _text('reason_text'),
        _text('event_log_type'),
        _text('probable_cause'),
        _text('proposed_repair_action'),
        sa.Column('service_affecting', sa.Boolean, nullable=False),
        sa.Column('suppression', sa.Boolean, nullable=False),
    )
    op.create_index('ix_event_log_timestamp', 'event_log', ['timestamp'])

    op.create_table(
        'event_suppression',
        *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('uuid', sa.String(36), nullable=False, unique=True),
        sa.Column('alarm_id', sa.String(255), nullable=False, unique=True),
        _text('description'),
        _text('suppression_status'),
        sa.Column('set_for_deletion', sa.Boolean, nullable=False),
        _text('mgmt_affecting'),
        _text('degrade_affecting'),
    )

    op.create_table(
        'processed_event',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('uuid', sa.String(36), nullable=False, unique=True),
        sa.Column('created_at', sa.DateTime, nullable=False),
    )
