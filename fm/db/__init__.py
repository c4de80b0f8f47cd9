"""FM's database: models, migrations and the only code opening sessions."""
