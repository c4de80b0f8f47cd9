"""Logical network configuration: interfaces, their networks, platform
networks, address pools and addresses."""
from __future__ import annotations

from stx_common.client import exceptions as exc
from sysinv.client.v1 import base


class InterfaceManager(base.ResourceManager):
    collection = 'iinterfaces'
    key = 'iinterfaces'


class InterfaceNetworkManager(base.ResourceManager):
    collection = 'interface_networks'
    key = 'interface_networks'

    def list_for_interface(self, interface_uuid: str) -> list[base.Record]:
        return self._list('/v1/iinterfaces/%s/interface_networks'
                          % interface_uuid, self.key)

    def assign(self, interface_uuid: str,
               network_uuid: str) -> base.Record:
        return self.create({'interface_uuid': interface_uuid,
                            'network_uuid': network_uuid})


class NetworkManager(base.ResourceManager):
    collection = 'networks'
    key = 'networks'

    def find(self, ident: str) -> base.Record:
        """A network by uuid or name.

        :raises CommandError: naming what was not found.
        """
        if base.is_uuid_like(ident):
            try:
                return self.get(ident)
            except exc.NotFound:
                pass
        for network in self.list():
            if ident in (network.get('name'), network.get('uuid')):
                return network
        raise exc.CommandError('Network not found: %s' % ident)


class AddressPoolManager(base.ResourceManager):
    collection = 'addrpools'
    key = 'addrpools'


class NetworkAddressPoolManager(base.ResourceManager):
    collection = 'network_addresspools'
    key = 'network_addresspools'


class AddressManager(base.ResourceManager):
    collection = 'addresses'
    key = 'addresses'
