"""Option groups shared by every service, registered on the global CONF.

Only options that every service reads the same way live here; a service's
own options live in its ``<svc>/conf.py``. Runtime code reads ``CONF``;
nothing outside a conf module registers options.
"""
from oslo_config import cfg

from stx_common.conf import alarms, api, default

CONF = cfg.CONF

for _module in (default, api, alarms):
    _module.register_opts(CONF)
