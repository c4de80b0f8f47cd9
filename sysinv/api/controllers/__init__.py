"""sysinv-api's controllers."""
