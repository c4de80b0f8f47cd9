"""Building the driver of a host's BMC from its sysinv record.

sysinv's ``bm_type`` values: ``ipmi``, ``redfish``, ``dynamic`` (the
default: learn Redfish, else IPMI; the legacy ``bmc`` means the same) and
``none`` (no BMC provisioned)::

    driver = get_driver(host.bm_type, host.bm_ip, host.bm_username,
                        password, learned=host.mtce_info.get('bmc_protocol'),
                        on_learn=save_protocol)
    driver.power_off()

Defaults (ports, Redfish scheme, CA file, timeout) come from ``[bmc]``.
"""
from oslo_config import cfg

from mtce import conf as _conf  # noqa: F401  (registers [bmc])
from mtce.bmc import base, dynamic, ipmi, redfish

CONF = cfg.CONF

BM_TYPE_NONE = 'none'
BM_TYPE_IPMI = 'ipmi'
BM_TYPE_REDFISH = 'redfish'
BM_TYPE_DYNAMIC = 'dynamic'
BM_TYPE_LEGACY = 'bmc'
BM_TYPES = (BM_TYPE_IPMI, BM_TYPE_REDFISH, BM_TYPE_DYNAMIC)


class BMCNotProvisioned(base.BMCError):
    """The host has no BMC (bm_type none or no address)."""


class UnknownBMType(base.BMCError, ValueError):
    """bm_type is none of ipmi, redfish, dynamic."""


def normalise_bm_type(bm_type):
    """``bmc`` -> ``dynamic``; None/empty -> ``none``."""
    value = (bm_type or BM_TYPE_NONE).strip().lower()
    return BM_TYPE_DYNAMIC if value == BM_TYPE_LEGACY else value


def get_driver(bm_type, address, username, password, port=None, *,
               timeout=None, scheme=None, ca_file=None, learned=None,
               on_learn=None, conf=CONF):
    """The :class:`~mtce.bmc.base.BMCDriver` of one BMC.

    :param bm_type: ``ipmi``, ``redfish``, ``dynamic`` (or ``bmc``).
    :param address: the BMC's address (``bm_ip``); for Redfish also a URL.
    :param password: a str or a :class:`~mtce.bmc.base.Secret`.
    :param port: the BMC's port for the protocol used (else ``[bmc]``
        ``ipmi_port`` / ``redfish_port``).
    :param scheme: ``https`` or ``http`` for Redfish (else ``[bmc]``
        ``redfish_scheme``).
    :param learned: for ``dynamic``, the protocol learned before.
    :param on_learn: for ``dynamic``, called with a newly learned protocol.
    :raises BMCNotProvisioned: for ``none`` or an empty address.
    :raises UnknownBMType: for any other bm_type.
    """
    kind = normalise_bm_type(bm_type)
    if kind == BM_TYPE_NONE or not address:
        raise BMCNotProvisioned('no BMC provisioned (bm_type %s)' % kind)
    if kind not in BM_TYPES:
        raise UnknownBMType('unknown bm_type %r (one of: %s)' % (
            bm_type, ', '.join(BM_TYPES + (BM_TYPE_NONE,))))
    options = conf.bmc
    timeout = timeout or options.timeout
    scheme = scheme or options.redfish_scheme
    ca_file = ca_file or options.redfish_ca_file
    if kind == BM_TYPE_IPMI:
        return ipmi.IPMIDriver(address, username, password,
                               port or options.ipmi_port, timeout)
    if kind == BM_TYPE_REDFISH:
        return redfish.RedfishDriver(address, username, password,
                                     port or options.redfish_port, timeout,
                                     scheme=scheme, ca_file=ca_file)
    return dynamic.DynamicDriver(
        address, username, password, port, timeout,
        ipmi_port=options.ipmi_port, redfish_port=options.redfish_port,
        scheme=scheme, ca_file=ca_file, learned=learned, on_learn=on_learn)
