"""sysinv's database: models, migrations and the DB API."""
