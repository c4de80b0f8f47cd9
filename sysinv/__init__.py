"""sysinv: the system inventory and configuration service of the Flock.

It owns the system row, its hosts and their discovered hardware, the
logical configuration (interfaces, networks, address pools, DNS/NTP,
service parameters, labels) and decides on host actions, which it hands
to maintenance (``mtce``) and the VIM. Processes: ``sysinv-api`` (REST,
port 6385), ``sysinv-conductor`` (RPC server), ``sysinv-agent`` (every
host), ``sysinv-dbsync``, ``sysinv-bootstrap`` and
``sysinv-dnsmasq-lease-update``.
"""
