"""Database plumbing: sessions, model base, alembic runner, dbsync."""
