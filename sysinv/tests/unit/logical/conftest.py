from sysinv.tests.unit.logical_fixtures import (  # noqa: F401
    dbapi,
    runtime,
    site,
)
