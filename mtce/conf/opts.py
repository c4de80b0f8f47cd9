"""Entry point for oslo-config-generator (namespace ``mtce``)."""
from mtce.conf import list_opts  # noqa: F401
