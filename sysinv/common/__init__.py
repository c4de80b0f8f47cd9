"""Vocabularies and rules shared by sysinv's API, conductor and agent."""
