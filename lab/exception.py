"""Errors of the lab, each with a one-line message fit for the CLI."""


class LabError(Exception):
    """Base of every error the lab reports."""


class InvalidName(LabError):
    """A lab id or hostname that cannot be turned into valid names."""


class NeedsRoot(LabError):
    """The profile needs namespaces, hence root."""


class LabExists(LabError):
    """``up`` on a lab id that already has state."""


class LabNotFound(LabError):
    """No state for this lab id."""


class UnknownHost(LabError):
    """A hostname that is not part of the lab."""


class NoFreeSlot(LabError):
    """Every address slot clashes with an existing network."""


class BmcError(LabError):
    """A BMC request failed (unreachable, refused, bad answer)."""
