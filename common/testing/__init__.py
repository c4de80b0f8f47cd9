"""Fixtures every service's tests reuse: real brokers, databases,
processes and Keystone, each started if missing and stopped by PID."""
