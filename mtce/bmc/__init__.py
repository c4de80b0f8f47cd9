"""Board management controller (BMC) access for maintenance and hwmond.

:func:`mtce.bmc.factory.get_driver` builds a
:class:`mtce.bmc.base.BMCDriver` for a host's ``bm_type`` (``ipmi``,
``redfish`` or ``dynamic``); :class:`mtce.bmc.monitor.BMCMonitor` accounts
BMC access and raises/clears alarm 200.010.
"""
