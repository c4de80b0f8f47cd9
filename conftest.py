"""Fixtures shared by every test tree of the repository."""
pytest_plugins = ['stx_common.testing.pytest_plugin']
