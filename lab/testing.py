"""pytest fixtures for tests that need a lab.

Fixture *factories*, so each test module chooses its lab and its scope::

    from stx_lab import testing

    lab = testing.standard_lab(workers=2, bmc_types={'worker-1': 'redfish'})

    @pytest.mark.lab
    @pytest.mark.root
    def test_something(lab):
        lab.power('worker-0', 'off')

The lab is built once per scope (module by default) with a fresh lab id,
and removed afterwards (``down``), whatever the tests did to it. Without
root, tests using a namespaced lab are skipped. ``recording_hook`` writes
a lease hook that records dnsmasq's calls, for tests of discovery.
"""
from collections.abc import Callable
import os
import stat
from typing import Any

import pytest

from stx_lab import site as sitemod

RECORDING_HOOK = '''#!/bin/sh
echo "$*" >> %s
'''


def recording_hook(directory: str) -> tuple[str, str]:
    """A lease hook script that appends its arguments to a log file;
    returns ``(script, log)``."""
    script = os.path.join(directory, 'lease-hook')
    log = os.path.join(directory, 'lease-hook.log')
    with open(script, 'w') as handle:
        handle.write(RECORDING_HOOK % log)
    os.chmod(script, stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP |
             stat.S_IROTH | stat.S_IXOTH)
    return script, log


def require_root() -> None:
    if os.geteuid() != 0:
        pytest.skip('needs root (network namespaces)')


def lab_fixture(profile: str, scope: str = 'module',
                name: str | None = None,
                setup: Callable[[str], dict[str, Any]] | None = None,
                **up_kwargs) -> Callable:
    """A fixture yielding a running :class:`~stx_lab.site.Site`.

    :param setup: called with a fresh temp dir before ``up``; returns more
        ``up`` keyword arguments (e.g. a lease hook written there).
    """

    @pytest.fixture(scope=scope, name=name)
    def _lab(tmp_path_factory):
        if profile != 'aio-sx':
            require_root()
        kwargs = dict(up_kwargs)
        if setup is not None:
            kwargs.update(setup(str(tmp_path_factory.mktemp('lab'))))
        site = sitemod.Site()
        site.up(profile, **kwargs)
        try:
            yield site
        finally:
            site.down()

    return _lab


def standard_lab(workers: int = 2, scope: str = 'module',
                 name: str | None = None, **up_kwargs) -> Callable:
    """A ``standard`` lab: 2 controllers and ``workers`` workers."""
    return lab_fixture('standard', scope=scope, name=name, workers=workers,
                       **up_kwargs)


def aio_sx_lab(scope: str = 'module', name: str | None = None,
               **up_kwargs) -> Callable:
    """An ``aio-sx`` lab (no root needed)."""
    return lab_fixture('aio-sx', scope=scope, name=name, **up_kwargs)
