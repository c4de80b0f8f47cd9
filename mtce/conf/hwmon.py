"""[hwmon] options of hwmond, the hardware (sensor) monitor on the active
controller.

The action defaults are StarlingX's sensor-group defaults (minor: ignore,
major: log, critical: alarm); ``audit_interval`` is the default of the
group audit interval (``audit_interval_group``, 120 s).
"""
from oslo_config import cfg

GROUP = 'hwmon'

MINOR_MAJOR_ACTIONS = ['ignore', 'log', 'alarm']
CRITICAL_ACTIONS = MINOR_MAJOR_ACTIONS + ['reset', 'power-cycle']

opts = [(GROUP, [
    cfg.IntOpt('audit_interval', default=120, min=1,
               help='Seconds between two sensor reads of a host when its '
                    'record sets no audit_interval_group (StarlingX: 120, '
                    'floor 10; the floor here is 1 for test sites).'),
    cfg.StrOpt('actions_minor_group', default='ignore',
               choices=MINOR_MAJOR_ACTIONS,
               help='Action on a minor sensor reading when neither the '
                    'sensor nor its group sets one.'),
    cfg.StrOpt('actions_major_group', default='log',
               choices=MINOR_MAJOR_ACTIONS,
               help='Action on a major sensor reading when neither the '
                    'sensor nor its group sets one.'),
    cfg.StrOpt('actions_critical_group', default='alarm',
               choices=CRITICAL_ACTIONS,
               help='Action on a critical sensor reading when neither the '
                    'sensor nor its group sets one.'),
    cfg.StrOpt('provider', default='static',
               help='Where hosts and their BMC credentials come from: '
                    '"static" (hosts_file) or "module:attribute" naming a '
                    'HostProvider class or factory.'),
    cfg.StrOpt('hosts_file',
               help='JSON file of the static provider (see the hwmond '
                    'documentation). It holds BMC passwords: it must not '
                    'be readable by group or others.'),
    cfg.StrOpt('hook', default='log',
               help='Where sensor events go for maintenance: "log" (the '
                    'default) or "module:attribute" naming a '
                    'MaintenanceHook class or factory.'),
    cfg.IntOpt('workers', default=8, min=1,
               help='Hosts whose BMCs are read at the same time.'),
])]
