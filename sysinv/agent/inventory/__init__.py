"""Probes of this machine's hardware for the sysinv agent.

Each module reads ``/proc``, ``/sys`` and ``/dev`` below a root directory
(``/`` by default; tests and lab hosts may point at another tree) and
returns plain dicts and lists shaped like the records sysinv stores:
:mod:`cpu` (inodes, icpus), :mod:`memory` (imemorys), :mod:`disk` (idisks,
partitions), :mod:`network` (ports, pci_devices), :mod:`host` (facts to
find the host). :func:`report.collect` bundles them all and
:func:`report.delta` keeps only what changed since the last report.
"""
