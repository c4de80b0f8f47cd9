from sysinv.tests.unit.fixtures import (  # noqa: F401
    api,
    dbapi,
    endpoint,
    local_conductor,
)
