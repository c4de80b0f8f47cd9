"""Version 1 of sysinv's REST API: one manager per collection, and the
``system`` subcommands (``*_shell`` modules) on top of them."""
