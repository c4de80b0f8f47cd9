"""Sphinx configuration of the Flock's documentation."""
project = 'The Flock'
copyright = '2026, The Flock developers'
extensions = []
templates_path = []
exclude_patterns = []
html_theme = 'alabaster'
master_doc = 'index'
