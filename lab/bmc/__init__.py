"""Emulated BMCs of a lab: IPMI (a pyghmi ``Bmc``) and Redfish
(sushy-tools), both driving the host's power and serving its sensors."""
