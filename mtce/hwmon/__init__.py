"""hwmond: hardware sensor monitoring of every host with a BMC.

Hosts and their BMC credentials come from a provider
(:mod:`mtce.hwmon.provider`); each host's sensors are read through its BMC
driver on the audit interval (:mod:`mtce.hwmon.monitor`), their severity
debounced (:mod:`mtce.hwmon.model`) and acted on by policy
(:mod:`mtce.hwmon.policy`): alarms 200.007/200.014/200.015, and reset or
power-cycle of the host, with maintenance told through a hook
(:mod:`mtce.hwmon.hooks`).
"""
