"""JSON schemas of sysinv-api's request bodies (shape only; the rules
live beside the conductor's flows)."""

_TEXT = {'type': ['string', 'null'], 'maxLength': 255}
_FLAG = {'type': ['boolean', 'string', 'null']}

# host-add: the attributes StarlingX's client sends.
HOST_ADD_PROPERTIES = {
    'hostname': _TEXT,
    'personality': {'type': ['string', 'null'], 'maxLength': 32},
    'subfunctions': _TEXT,
    'mgmt_mac': {'type': 'string', 'maxLength': 32},
    'bm_ip': _TEXT,
    'bm_type': _TEXT,
    'bm_username': _TEXT,
    'bm_password': _TEXT,
    'serialid': _TEXT,
    'location': {'type': ['object', 'null']},
    'boot_device': _TEXT,
    'rootfs_device': _TEXT,
    'hw_settle': {'type': ['string', 'integer', 'null']},
    'install_output': {'enum': ['text', 'graphical', None]},
    'console': _TEXT,
    'tboot': _TEXT,
    'vsc_controllers': _TEXT,
    'ttys_dcd': _FLAG,
    'clock_synchronization': {'enum': ['ntp', 'ptp', None]},
    'power_on': _FLAG,
}
# Accepted for compatibility (sent by some clients) and ignored.
HOST_ADD_IGNORED = ('mgmt_ip', 'administrative', 'operational',
                    'availability', 'invprovision', 'action')

HOST_ADD = {
    'type': 'object',
    'properties': dict(HOST_ADD_PROPERTIES,
                       **{k: {} for k in HOST_ADD_IGNORED}),
    'required': ['mgmt_mac', 'personality'],
    'additionalProperties': False,
}
