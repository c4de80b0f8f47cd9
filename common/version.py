"""Version of the Flock distribution."""
from importlib import metadata

try:
    VERSION = metadata.version('flock')
except metadata.PackageNotFoundError:  # running from a bare checkout
    VERSION = '0.0.0'
