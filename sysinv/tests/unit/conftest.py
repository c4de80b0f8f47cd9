from sysinv.tests.unit.fixtures import (  # noqa: F401
    alarms,
    api,
    dbapi,
    endpoint,
    local_conductor,
    migrated_template,
    mtce,
    vim,
)
