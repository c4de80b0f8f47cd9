"""Alembic environment of sysinv's database (shared runner)."""
from stx_common.db import migration

migration.run_env()
