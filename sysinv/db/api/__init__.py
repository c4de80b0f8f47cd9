"""sysinv's database API: the only code that opens sessions on sysinv's
database.

:class:`Connection` is composed of one mixin per resource; each mixin
holds only the DB calls of its resource, named verb_noun
(``get_host``, ``list_hosts``, ``update_system``...), and returns plain
dicts. To add a resource: write ``sysinv/db/api/<resource>.py`` with a
``<Resource>Mixin`` built on the helpers of :mod:`sysinv.db.api.base`
(``_get_one``, ``_get_list``, ``_get_count``, ``_find_one``,
``_create``, ``_update_one``, ``_destroy_one``) and add the mixin to the
bases of :class:`Connection` below.
"""
from sysinv.db.api import addressing as addressing_db
from sysinv.db.api import base, bootstrap, hosts, inventory, network, system
from sysinv.db.api import config as config_db
from sysinv.db.api import interfaces as interfaces_db
from sysinv.db.api import labels as labels_db


class Connection(system.SystemMixin, hosts.HostMixin, network.NetworkMixin,
                 bootstrap.BootstrapMixin,
                 inventory.InventoryMixin,
                 interfaces_db.InterfaceMixin, addressing_db.AddressingMixin,
                 config_db.ConfigMixin, labels_db.LabelMixin,
                 base.BaseConnection):
    """sysinv's database, through its own enginefacade context.

    ``Connection()`` reads ``[database]``; ``Connection(connection=url)``
    opens another database (tests, bootstrap).
    """
