"""FM: the Flock's fault management service (alarms, event log,
suppression, the alarm catalogue)."""
