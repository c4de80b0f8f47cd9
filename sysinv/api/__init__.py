"""sysinv-api: StarlingX's REST API of the system inventory (port 6385)."""
