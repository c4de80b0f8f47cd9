"""The one transaction of ``sysinv-bootstrap``: the system row, DNS/NTP,
the platform networks with their pools and reserved addresses, and the
first controller. Nothing is written if any part fails."""
import sqlalchemy as sa

from sysinv import exception
from sysinv.db import models

POOL_ADDRESS_KINDS = ('floating', 'controller0', 'controller1', 'gateway')


class BootstrapMixin:

    def create_bootstrap(self, system, dns, ntp, networks, host):
        """Write a whole site description at once.

        :param system: i_system values.
        :param dns: nameservers string; ``ntp``: ntpservers string.
        :param networks: [{'network': {type, name, dynamic},
            'pool': {name, family, network, prefix, order},
            'ranges': [[start, end], ...],
            'addresses': {kind: {name, address}}}] where kind is one of
            :data:`POOL_ADDRESS_KINDS`.
        :param host: i_host values of the first controller.
        :returns: {'system': row, 'host': row}.
        :raises AlreadyBootstrapped: when a system row exists.
        """
        with self._writer() as db:
            current = db.execute(sa.select(models.System.__table__)
                                 ).mappings().first()
            if current is not None:
                raise exception.AlreadyBootstrapped(name=current['name'],
                                                    uuid=current['uuid'])
            created = self._create(models.System, system, db=db)
            system_id = created['id']
            self._create(models.DNS, {'nameservers': dns,
                                      'forisystemid': system_id}, db=db)
            self._create(models.NTP, {'ntpservers': ntp,
                                      'forisystemid': system_id}, db=db)
            for spec in networks:
                self._create_network_with_pool(db, spec)
            new_host = self._create(models.Host, dict(
                host, forisystemid=system_id), db=db)
            return {'system': created,
                    'host': self.get_host(new_host['id'], db=db)}

    def _create_network_with_pool(self, db, spec):
        pool = self._create(models.AddressPool, spec['pool'], db=db)
        for start, end in spec.get('ranges', ()):
            self._create(models.AddressPoolRange, {
                'start': start, 'end': end, 'address_pool_id': pool['id']},
                db=db)
        references = {}
        for kind in POOL_ADDRESS_KINDS:
            address = spec.get('addresses', {}).get(kind)
            if not address:
                continue
            row = self._create(models.Address, dict(
                address, family=pool['family'], prefix=pool['prefix'],
                address_pool_id=pool['id']), db=db)
            references['%s_address_id' % kind] = row['id']
        if references:
            self._update_one(models.AddressPool, pool['id'], references,
                             exception.AddressPoolNotFound, db=db,
                             pool=pool['name'])
        family = 'IPv6' if pool['family'] == 6 else 'IPv4'
        network = self._create(models.Network, dict(
            spec['network'], address_pool_id=pool['id'],
            primary_pool_family=family), db=db)
        self._create(models.NetworkAddressPool, {
            'network_id': network['id'], 'address_pool_id': pool['id']},
            db=db)
        return network
