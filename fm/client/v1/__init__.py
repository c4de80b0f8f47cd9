"""Version 1 of FM's REST API: one manager per collection."""
