"""fm-manager: stores alarm events and serves FM's write RPCs."""
