"""[bmc] options: how maintenance reaches a host's board management
controller (IPMI with pyghmi, Redfish with the DMTF ``redfish`` library).

StarlingX keeps these facts as constants (``ipmitool`` defaults, port 623,
Redfish over HTTPS, 5 back-to-back access failures before alarm 200.010);
here they are options with the same defaults.
"""
from oslo_config import cfg

GROUP = 'bmc'

opts = [(GROUP, [
    cfg.PortOpt('ipmi_port', default=623,
                help='UDP port of IPMI-over-LAN (RMCP+) on a BMC when the '
                     'host record gives none.'),
    cfg.PortOpt('redfish_port', default=443,
                help='TCP port of the Redfish service when the host record '
                     'gives none.'),
    cfg.StrOpt('redfish_scheme', default='https',
               choices=['https', 'http'],
               help='Scheme of the Redfish service URL built from a BMC '
                    'address.'),
    cfg.StrOpt('redfish_ca_file',
               help='CA bundle to verify the TLS certificate of Redfish '
                    'services with. Unset: not verified (BMCs usually '
                    'present self-signed certificates).'),
    cfg.FloatOpt('timeout', default=10.0, min=0.5,
                 help='Seconds one BMC request may take before the BMC '
                      'counts as unreachable.'),
    cfg.IntOpt('access_failure_threshold', default=5, min=1,
               help='Back-to-back failed BMC access checks before alarm '
                    '200.010 (BMC access failure) is raised for the host '
                    '(StarlingX: MTC_MAX_B2B_BM_ACCESS_FAIL_COUNT_B4_ALARM '
                    '= 5).'),
])]
