from fm.tests.unit.fixtures import (  # noqa: F401
    catalogue,
    dbapi,
    local_manager,
    synced,
)
