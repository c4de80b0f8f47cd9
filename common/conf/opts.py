"""Entry point for oslo-config-generator: the shared option groups."""
from stx_common.conf import alarms, api, default


def list_opts():
    return [
        ('DEFAULT', default.opts),
        (api.GROUP, api.opts),
        (alarms.GROUP, alarms.opts),
    ]
