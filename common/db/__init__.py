"""Database plumbing: sessions, model base, alembic runner, dbsync."""
from oslo_db import exception as db_exc
import sqlalchemy.exc as sa_exc

#: What a lost or restarting database raises (oslo.db wraps most of these
#: as DBConnectionError, but not a failed reconnect of an invalidated pool).
UNAVAILABLE = (db_exc.DBConnectionError, sa_exc.OperationalError,
               sa_exc.DisconnectionError)
