"""Hosts: ``/v1/ihosts``; updates and actions are JSON-Patch documents."""
from __future__ import annotations

from typing import Any

from stx_common.client import exceptions as exc
from sysinv.client.v1 import base

# What host-add may send (StarlingX's creation attributes).
CREATION_ATTRIBUTES = (
    'hostname', 'personality', 'subfunctions', 'mgmt_mac', 'mgmt_ip',
    'bm_ip', 'bm_type', 'bm_username', 'bm_password', 'serialid',
    'location', 'boot_device', 'rootfs_device', 'hw_settle',
    'install_output', 'console', 'tboot', 'vsc_controllers', 'ttys_dcd',
    'clock_synchronization', 'power_on')


def action_patch(action: str) -> list[dict[str, Any]]:
    """The JSON-Patch that asks for a maintenance ``action``."""
    return [{'op': 'replace', 'path': '/action', 'value': action}]


class HostManager(base.ResourceManager):
    collection = 'ihosts'
    key = 'ihosts'

    def list(self, personality: str | None = None) -> list[base.Record]:
        params = [('personality', personality)] if personality else None
        return super().list(params)

    def create(self, body: dict[str, Any]) -> base.Record:
        unknown = sorted(set(body) - set(CREATION_ATTRIBUTES))
        if unknown:
            raise exc.CommandError('Unknown host attribute(s): %s'
                                   % ', '.join(unknown))
        return super().create(body)

    def action(self, ident: Any, action: str) -> base.Record:
        return self.update(ident, action_patch(action))

    def cpus_modify(self, host_uuid: str,
                    functions: list[dict[str, Any]]) -> list[base.Record]:
        """Assign CPU functions (``PUT .../state/host_cpus_modify``);
        the host's CPUs as they are now."""
        body = self.api.put('/v1/ihosts/%s/state/host_cpus_modify'
                            % host_uuid, functions) or {}
        cpus = body.get('icpus', []) if isinstance(body, dict) else body
        return cpus if isinstance(cpus, list) else [cpus]


def find(client: Any, ident: str) -> base.Record:
    """A host by id, uuid or hostname (StarlingX's ``_find_ihost``).

    :raises CommandError: ``host not found: <ident>``.
    """
    ident = str(ident)
    if ident.isdigit() or base.is_uuid_like(ident):
        try:
            return client.ihost.get(ident)
        except exc.NotFound:
            raise exc.CommandError('host not found: %s' % ident) from None
    for host in client.ihost.list():
        if host.get('hostname') == ident:
            return host
    raise exc.CommandError('host not found: %s' % ident)
