"""Heartbeat options (hbsAgent and hbsClient roles).

StarlingX's keys keep their groups, names, defaults and ranges
(``mtc.ini`` / ``mtc.conf``: ``[agent]``, ``[client]``, ``[debug]`` -- here
``[mtc_debug]``), except
that ``heartbeat_period`` may go down to 50 ms (StarlingX: 100 ms). The
Flock's own settings (the shared datagram key, addresses, transport) are
in ``[heartbeat]``.
"""
from oslo_config import cfg, types

NETWORKS = ('mgmt', 'cluster-host')


class MnfaTimeout(types.Integer):
    """0 (no timeout) or 100 to 86400 seconds."""

    def __init__(self):
        super().__init__(min=0, max=86400, type_name='mnfa timeout')

    def __call__(self, value):
        value = super().__call__(value)
        if 0 < value < 100:
            raise ValueError('mnfa_timeout must be 0 or 100-86400 seconds, '
                             'not %d' % value)
        return value


agent_opts = [
    cfg.IntOpt('heartbeat_period', default=1000, min=50, max=1000,
               help='Heartbeat pulse period in milliseconds: one pulse '
                    'request per period on each monitored network '
                    '(StarlingX: 100-1000, default 1000; the Flock also '
                    'accepts 50-99).'),
    cfg.IntOpt('heartbeat_degrade_threshold', default=6, min=4, max=100,
               help='Back-to-back missed pulses on one network before the '
                    'host is degraded and the major heartbeat alarm '
                    '(200.005 mgmt / 200.009 cluster-host) is raised.'),
    cfg.IntOpt('heartbeat_failure_threshold', default=10, min=10, max=100,
               help='Back-to-back missed pulses on one network before '
                    'heartbeat loss: critical alarm and the failure action.'),
    cfg.IntOpt('hbs_minor_threshold', default=4, min=1, max=100,
               help='Back-to-back missed pulses before a minor event (what '
                    'multi-node failure avoidance counts); used as the '
                    'degrade threshold when it is greater.'),
    cfg.StrOpt('heartbeat_failure_action', default='fail',
               choices=[('fail', 'fail the host and auto-recover it'),
                        ('degrade', 'degrade the host while heartbeat '
                                    'fails'),
                        ('alarm', 'only raise the heartbeat alarms'),
                        ('none', 'no heartbeat at all; its alarms are '
                                 'cleared')],
               help='What a heartbeat loss does.'),
    cfg.IntOpt('mnfa_threshold', default=2, min=2, max=100,
               help='Hosts that must reach the minor threshold on the same '
                    'network at once to enter multi-node failure '
                    'avoidance.'),
    cfg.Opt('mnfa_timeout', type=MnfaTimeout(), default=0,
            help='Seconds multi-node failure avoidance may last before '
                 'its hosts are failed: 0 (no timeout) or 100-86400.'),
    cfg.StrOpt('multicast', default='239.1.1.2',
               help='Multicast group of the pulse requests, on every '
                    'monitored network.'),
    cfg.PortOpt('hbs_agent_mgmnt_port', default=2103,
                help='Agent port receiving pulse responses on mgmt.'),
    cfg.PortOpt('hbs_agent_clstr_port', default=2113,
                help='Agent port receiving pulse responses on '
                     'cluster-host.'),
]

client_opts = [
    cfg.PortOpt('hbs_client_mgmnt_port', default=2106,
                help='Client port receiving pulse requests on mgmt.'),
    cfg.PortOpt('hbs_client_clstr_port', default=2116,
                help='Client port receiving pulse requests on '
                     'cluster-host.'),
    cfg.PortOpt('pmon_pulse_port', default=2109,
                help='Loopback port on which the heartbeat client receives '
                     "pmond's I-am-alive pulses (pmond-alive flag)."),
]

debug_opts = [
    cfg.BoolOpt('clstr_degrade_only', default=False,
                help='Every cluster-host heartbeat loss only degrades its '
                     'host (by default only a controller of a standard '
                     'system is spared the failure).'),
]

heartbeat_opts = [
    cfg.StrOpt('auth_key', secret=True,
               help='Key of the HMAC-SHA512 every heartbeat datagram '
                    'carries; the same on every host. Prefer auth_key_file.'),
    cfg.StrOpt('auth_key_file',
               help='File holding the heartbeat key (used when auth_key '
                    'is unset).'),
    cfg.StrOpt('transport', default='multicast',
               choices=[('multicast', 'one request per network to the '
                                      '[agent] multicast group'),
                        ('unicast', 'one request per host and network')],
               help='How pulse requests are sent; responses are always '
                    'unicast to the requesting agent.'),
    cfg.StrOpt('mgmt_interface',
               help='Interface of this host on mgmt (its address is used '
                    'when mgmt_address is unset).'),
    cfg.StrOpt('mgmt_address',
               help='IPv4 address of this host on mgmt.'),
    cfg.StrOpt('cluster_host_interface',
               help='Interface of this host on cluster-host.'),
    cfg.StrOpt('cluster_host_address',
               help='IPv4 address of this host on cluster-host; without it '
                    '(or its interface) cluster-host is not heartbeated.'),
    cfg.StrOpt('system_type', default='standard',
               choices=['standard', 'all-in-one'],
               help="Kind of system: in a standard one, a controller's "
                    'cluster-host loss only degrades it.'),
    cfg.FloatOpt('arm_timeout', default=10.0, min=0.0,
                 help='Seconds after monitoring of a host starts during '
                      'which a network that has not answered yet is not '
                      'counted (it is counted from its first answer or '
                      'after this time); 0 counts at once.'),
    cfg.FloatOpt('max_datagram_age', default=0.0, min=0.0,
                 help='Seconds: refuse datagrams whose timestamp is further '
                      'than this from the local clock (needs synchronised '
                      'clocks); 0 disables the check.'),
    cfg.FloatOpt('stats_interval', default=60.0, min=1.0,
                 help='Seconds between debug logs of the datagram '
                      'counters.'),
    cfg.BoolOpt('raise_alarms', default=True,
                help='Raise and clear the heartbeat alarms (200.005, '
                     '200.009) through FM.'),
]

opts = [
    ('agent', agent_opts),
    ('client', client_opts),
    # StarlingX's [debug] section; the name 'debug' would hide oslo.log's
    # [DEFAULT] debug option on CONF.
    ('mtc_debug', debug_opts),
    ('heartbeat', heartbeat_opts),
]
