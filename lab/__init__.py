"""stx_lab: a whole StarlingX site on one Linux machine.

A lab is a set of hosts (controllers and workers), each a network namespace
with veth links into one Linux bridge per platform network (oam, mgmt,
cluster-host, pxeboot), an emulated BMC per host (IPMI or Redfish) on a BMC
network, dnsmasq serving DHCP on the pxeboot network, and forwarders that
make the machine's RabbitMQ and PostgreSQL reachable from every namespace.

Everything a lab creates is recorded in its state directory, so that any
process (the ``stx-lab`` CLI, a test, a BMC emulator) can act on a running
lab, and ``down`` can remove it even after the process that built it died.
The entry point is :class:`stx_lab.site.Site`.
"""
