"""Payloads of the messages that cross service boundaries.

A contract module defines a message's fields, its validation and its wire
form; producers and consumers both import it, so neither imports the other.
"""
