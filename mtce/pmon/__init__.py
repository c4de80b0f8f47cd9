"""pmond: the process monitor of every host.

Reads the per-process files of ``[pmon] conf_dir`` (StarlingX's
``etc/pmon.d`` format, :mod:`mtce.pmon.config`), restarts dead processes
with debounce and restart limits (:mod:`mtce.pmon.monitor`), raises and
clears alarm 200.006, and tells maintenance to degrade or fail the host
through a pluggable notifier (:mod:`mtce.pmon.events`).
"""
