"""fm-api: FM's REST API (StarlingX wire format, port 18002)."""
