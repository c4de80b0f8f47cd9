"""Semantic rules of logical interfaces: pure functions, StarlingX's
messages (``sysinv/api/controllers/v1/interface.py``).

Each rule takes plain dicts: the interface as it would be after the
request (``iface``), the stored one (``existing``, None on add), the host,
the system, every interface of the host (``interfaces``, decorated rows of
:mod:`sysinv.db.api.interfaces`) and the host's ethernet ports. A rule
returns nothing or the normalised value, and refuses with
:func:`sysinv.conductor.refusals.refuse` (400, as StarlingX's interface
POST answers every refusal).
"""
import string

from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.conductor.refusals import refuse

# -- vocabulary ---------------------------------------------------------------
ETHERNET = 'ethernet'
AE = 'ae'
VLAN = 'vlan'
VIRTUAL = 'virtual'
VF = 'vf'
IFTYPES = (AE, VLAN, ETHERNET, VIRTUAL, VF)

PLATFORM = 'platform'
DATA = 'data'
PCI_PASSTHROUGH = 'pci-passthrough'
PCI_SRIOV = 'pci-sriov'
NONE = 'none'
IFCLASSES = (PLATFORM, DATA, PCI_PASSTHROUGH, PCI_SRIOV)
PCI_CLASSES = (PCI_PASSTHROUGH, PCI_SRIOV)
NON_PLATFORM_CLASSES = (DATA, PCI_PASSTHROUGH, PCI_SRIOV)

AE_ACTIVE_STANDBY = 'active_standby'
AE_BALANCED = 'balanced'
AE_LACP = '802.3ad'
AE_MODES = (AE_ACTIVE_STANDBY, AE_BALANCED, AE_LACP)
TX_HASH_POLICIES = ('layer2', 'layer2+3', 'layer3+4')
PRIMARY_RESELECT = ('always', 'better', 'failure')
SRIOV_DRIVERS = ('netdevice', 'vfio')
PTP_ROLES = ('master', 'slave', 'none')
PTP_CLASSES = (PLATFORM, PCI_SRIOV, VF)

IPV4_MODES = ('disabled', 'static', 'pool')
IPV6_MODES = ('disabled', 'static', 'pool', 'link-local', 'auto')
POOL_MODE = 'pool'
ADDRESS_CLASSES = (PLATFORM, DATA)

MTU_MIN = 576
MTU_MAX = 9216
DEFAULT_MTU = 1500
MAX_IFNAME_LEN = 10
MAX_VLAN_ID_LEN = 5
VLAN_ID_MIN = 1
VLAN_ID_MAX = 4094
LOOPBACK_IFNAME = 'lo'
NULL_MAC = '00:00:00:00:00:00'


def is_simplex(system):
    return (system or {}).get('system_mode') == c.SYSTEM_MODE_SIMPLEX


# -- the host -----------------------------------------------------------------
def check_host_locked(host, hosts, system):
    """Interfaces change on locked hosts only. As StarlingX, the first
    controller of a non-simplex site may be configured while it is the
    only unlocked host."""
    if host.get('administrative') == s.ADMIN_LOCKED:
        return
    if is_simplex(system):
        refuse('Host must be locked.')
    others = [h for h in hosts if h['id'] != host['id'] and
              h.get('administrative') != s.ADMIN_LOCKED]
    if others or host.get('personality') != c.CONTROLLER:
        refuse('Host must be locked.')


# -- plain values -------------------------------------------------------------
def check_mtu(value):
    """The MTU as an int (None stays None)."""
    if value is None:
        return None
    if not str(value).isdigit():
        refuse('MTU is an integer value.')
    mtu = int(value)
    if mtu < MTU_MIN or mtu > MTU_MAX:
        refuse('MTU must be between %d and %d bytes.' % (MTU_MIN, MTU_MAX))
    return mtu


def check_vlan_id(value):
    """The VLAN id as an int (None stays None)."""
    if value is None:
        return None
    if not str(value).isdigit():
        refuse('VLAN id is an integer value.')
    vlan_id = int(value)
    if vlan_id < VLAN_ID_MIN or vlan_id > VLAN_ID_MAX:
        refuse('VLAN id must be between %d and %d.' % (VLAN_ID_MIN,
                                                       VLAN_ID_MAX))
    return vlan_id


def check_iftype(iftype):
    if not iftype or iftype not in IFTYPES:
        refuse('Device interface type must be one of %s'
               % ', '.join(IFTYPES))


def check_name(iface, interfaces):
    ifname = iface.get('ifname')
    if not isinstance(ifname, str) or not ifname:
        refuse('Interface name must be specified.')
    if not ifname.strip():
        refuse('Interface name cannot be whitespace.')
    if not ifname.islower():
        refuse('Interface name must be in lower case.')
    limit = MAX_IFNAME_LEN
    if iface['iftype'] == VLAN:
        limit += MAX_VLAN_ID_LEN
    if len(ifname) > limit:
        refuse(f'Interface {ifname} has name length greater than {limit}.')
    invalid = set(string.punctuation.replace('_', ''))
    if iface['iftype'] == VLAN:
        invalid.discard('.')
    if any(char in invalid for char in ifname):
        refuse('Cannot use special characters in interface name.')
    for other in interfaces:
        if other['id'] != iface.get('id') and other['ifname'] == ifname:
            refuse(f'Interface Name {ifname} must be unique.')


# -- class --------------------------------------------------------------------
def check_class(iface, existing, host, system):
    ifclass = iface.get('ifclass')
    if not ifclass or ifclass == NONE:
        if (is_simplex(system) and iface['ifname'] == LOOPBACK_IFNAME and
                existing is not None and existing.get('ifclass')):
            refuse('The loopback interface cannot be changed for an '
                   'all-in-one simplex system')
        return
    if ifclass not in IFCLASSES:
        refuse('Invalid interface class %s' % ifclass)
    if existing is not None and ifclass != existing.get('ifclass'):
        used_by = existing.get('used_by')
        if existing.get('ifclass') == PLATFORM and used_by:
            refuse('The class of an interface with platform networks '
                   'cannot be changed to %s since it is being used by %s'
                   % (ifclass, used_by))
        if (ifclass == PLATFORM and used_by and
                existing.get('ifclass') in NON_PLATFORM_CLASSES):
            refuse('The class of a non-platform interface cannot be '
                   'changed to platform since it is being used by %s'
                   % used_by)
    if ifclass == DATA and c.WORKER not in (host.get('subfunctions') or
                                            host.get('personality') or ''):
        refuse('The data interface class is only supported on nodes '
               'supporting worker functions')
    if ifclass in PCI_CLASSES and iface['iftype'] not in (ETHERNET, VF):
        refuse('The {} interface class is only valid on Ethernet and VF '
               'interfaces'.format(', '.join(PCI_CLASSES)))


# -- lower and upper interfaces -----------------------------------------------
def lower_interfaces(iface, interfaces):
    """The interface dicts ``iface`` uses, resolved by name or uuid."""
    by_key = {}
    for other in interfaces:
        by_key[other['ifname']] = other
        by_key[other['uuid']] = other
    found = []
    for name in iface.get('uses') or ():
        lower = by_key.get(name)
        if lower is None:
            refuse('Interface %s does not exist.' % name)
        found.append(lower)
    return found


def upper_interfaces(iface, interfaces):
    names = set(iface.get('used_by') or ())
    return [i for i in interfaces if i['ifname'] in names]


def check_uses(iface, lowers, interfaces):
    iftype = iface['iftype']
    if iftype == VLAN and len(lowers) != 1:
        if len(lowers) > 1:
            refuse('Can only have one interface for vlan type. (%s)'
                   % iface.get('uses'))
        refuse('A vlan interface must use exactly one lower interface.')
    if iftype == AE and not lowers:
        refuse('An aggregated ethernet interface must use at least one '
               'interface.')
    if iftype == VF and len(lowers) != 1:
        refuse('VF interfaces can only use one lower pci-sriov interface')
    if iftype in (ETHERNET, VIRTUAL) and lowers:
        refuse('A %s interface cannot use other interfaces.' % iftype)
    lower_ids = {lower['id'] for lower in lowers}
    if iface.get('id') in lower_ids:
        refuse('Interface %s cannot use itself.' % iface['ifname'])
    for other in interfaces:
        if other['id'] == iface.get('id') or other['iftype'] not in (AE,
                                                                      VLAN):
            continue
        shared = [n for n in other['uses']
                  if n in {lower['ifname'] for lower in lowers}]
        for name in shared:
            if other['iftype'] == AE:
                refuse("Interface '{}' is already used by another AE "
                       "interface '{}'".format(name, other['ifname']))
            if iftype != VLAN:
                refuse("Interface '{}' is already used by another VLAN "
                       "interface '{}'".format(name, other['ifname']))
    if iftype == AE:
        for lower in lowers:
            if lower.get('ifclass') and lower.get('ifclass') != NONE:
                refuse("All interfaces being used in an AE interface must "
                       "have the interface class set to 'none'.")


def check_vlan(iface, lower, interfaces, op):
    vlan_id = iface.get('vlan_id')
    if vlan_id is None:
        refuse('VLAN id must be specified.')
    if lower['iftype'] == VLAN:
        refuse('VLAN interfaces cannot be created over existing VLAN '
               'interfaces')
    others = [i for i in interfaces if i['iftype'] == VLAN and
              i['id'] != iface.get('id')]
    if iface.get('ifclass') == PLATFORM and op == 'add':
        used = {i['vlan_id'] for i in others if i.get('ifclass') == PLATFORM}
        if vlan_id in used:
            refuse('VLAN id %s already in use on another platform '
                   'interface' % vlan_id)
    on_lower = {i['vlan_id'] for i in others
                if lower['ifname'] in i['uses']}
    if vlan_id in on_lower:
        refuse('VLAN id %s already in use on interface %s'
               % (vlan_id, lower['ifname']))
    if lower.get('ifclass') == DATA and iface.get('ifclass') == PLATFORM:
        refuse('Platform VLAN interface cannot be created over a data '
               'interface ')
    if lower.get('ifclass') == PLATFORM and iface.get('ifclass') == DATA:
        refuse('Data VLAN interface cannot be created over a platform '
               'interface ')


def check_used_by(iface, uppers):
    """An interface others build on keeps what they rely on."""
    used_vfs = 0
    for upper in uppers:
        if upper['iftype'] == AE and iface.get('ifclass') not in (None,
                                                                   NONE):
            refuse("Interface '{}' is being used by interface '{}' as an AE "
                   "interface and therefore the interface class cannot be "
                   "changed from 'none'.".format(iface['ifname'],
                                                 upper['ifname']))
        if upper['iftype'] == VF:
            if iface.get('ifclass') != PCI_SRIOV:
                refuse("Interface '{}' is being used by VF interface '{}' "
                       "and therefore the interface class cannot be "
                       "changed from 'pci-sriov'.".format(iface['ifname'],
                                                          upper['ifname']))
            used_vfs += upper.get('sriov_numvfs') or 0
            if (iface.get('sriov_numvfs') or 0) <= used_vfs:
                refuse('The number of virtual functions (%s) must be '
                       'greater than the number of consumed VFs used by '
                       'the upper VF interfaces (%s)'
                       % (iface.get('sriov_numvfs'), iface['used_by']))


# -- aggregated ethernet ------------------------------------------------------
def check_ae(iface):
    """AE mode and transmit hash policy; returns the policy to store."""
    aemode = iface.get('aemode')
    txhashpolicy = iface.get('txhashpolicy')
    if aemode not in AE_MODES:
        refuse("Invalid aggregated ethernet mode '%s' " % aemode)
    if aemode in (AE_BALANCED, AE_LACP):
        if not txhashpolicy:
            refuse("Device interface with interface type 'aggregated "
                   "ethernet' in 'balanced' or '802.3ad' mode require a "
                   "valid Tx Hash Policy.")
        if txhashpolicy not in TX_HASH_POLICIES:
            refuse("Invalid aggregated ethernet tx hash policy '%s'. Valid "
                   'values are: %s' % (txhashpolicy,
                                       ', '.join(TX_HASH_POLICIES)))
    elif txhashpolicy is not None:
        refuse("Device interface with interface type 'aggregated "
               "ethernet' in '%s' mode should not specify a Tx Hash "
               "Policy." % aemode)
    reselect = iface.get('primary_reselect')
    if reselect is not None:
        if aemode != AE_ACTIVE_STANDBY:
            refuse('The option primary_reselect is only applicable to '
                   'bonded interface in active-standby mode.')
        if reselect not in PRIMARY_RESELECT:
            refuse("Invalid bonding primary reselect option: '%s'. Valid "
                   'options must be one of %s' % (
                       reselect, ', '.join(PRIMARY_RESELECT)))
    if iface.get('ifclass') == DATA and aemode in (AE_BALANCED, AE_LACP) \
            and txhashpolicy != 'layer2':
        refuse("Device interface with interface class '%s', and interface "
               "type 'aggregated ethernet' must have a Tx Hash Policy of "
               "'layer2'." % DATA)
    networktypes = iface.get('networktypelist') or []
    if c.NETWORK_TYPE_MGMT in networktypes and \
            aemode not in (AE_LACP, AE_ACTIVE_STANDBY):
        refuse("Device interface with network type {}, and interface type "
               "'aggregated ethernet' must be in mode {}".format(
                   str(networktypes), ', '.join((AE_LACP,
                                                 AE_ACTIVE_STANDBY))))


# -- MTU ----------------------------------------------------------------------
def check_mtu_against(iface, lowers, uppers):
    mtu = iface.get('imtu')
    if mtu is None:
        return
    if iface['iftype'] in (VLAN, VF):
        for lower in lowers:
            if lower.get('imtu') is not None and mtu > int(lower['imtu']):
                refuse('Interface MTU (%s) cannot be larger than MTU of '
                       'underlying interface (%s)' % (mtu, lower['imtu']))
    for upper in uppers:
        if upper['iftype'] == AE:
            continue
        if upper.get('imtu') is not None and mtu < int(upper['imtu']):
            refuse('Interface MTU (%s) cannot be smaller than the interface '
                   'MTU (%s) using this interface' % (mtu, upper['imtu']))


# -- ports --------------------------------------------------------------------
def resolve_ports(iface, names, ports):
    """The port dicts ``names`` (names or uuids) select."""
    if not names:
        refuse('A port must be selected.')
    if iface['iftype'] == ETHERNET and len(names) > 1:
        refuse('For Ethernet, select a single port.')
    selected = []
    for name in names:
        port = next((p for p in ports if name in (p['name'], p['uuid'])),
                    None)
        if port is None:
            refuse('Port %s does not exist.' % name)
        if port['interface_id'] and port['interface_id'] != iface.get('id'):
            refuse('Another interface %s is already using this port'
                   % port['interface_id'])
        selected.append(port)
    for port in ports:
        if port['name'] == ''.join(iface['ifname'].split()) and \
                port not in selected:
            refuse("Interface name cannot be '%s'. Port name can be used as "
                   'interface name only if the interface uses that port. '
                   % port['name'])
    return selected


def check_ae_name(iface, ports):
    if iface['iftype'] != AE:
        return
    for port in ports:
        if port['name'] == ''.join(iface['ifname'].split()):
            refuse("Aggregated Ethernet interface name cannot be '%s'. An "
                   'Aggregated Ethernet name must not be the same as an '
                   'existing port name. ' % port['name'])


# -- SR-IOV and PTP -----------------------------------------------------------
def check_sriov(iface, ports_of_iface, interfaces, lowers):
    ifclass = iface.get('ifclass')
    numvfs = iface.get('sriov_numvfs')
    if ifclass != PCI_SRIOV:
        if numvfs not in (None, 0, '0'):
            refuse('Number of SR-IOV VFs is specified but interface class '
                   'is not pci-sriov.')
        if iface.get('sriov_vf_driver') is not None:
            refuse('SR-IOV VF driver is specified but interface class is '
                   'not pci-sriov.')
        return
    if numvfs is None:
        refuse('A network type of pci-sriov must specify a number for '
               'SR-IOV VFs.')
    if not str(numvfs).isdigit():
        refuse('Value for number of SR-IOV VFs is an integer value.')
    if int(numvfs) <= 0:
        refuse('Value for number of SR-IOV VFs must be > 0.')
    driver = iface.get('sriov_vf_driver')
    if driver is not None and driver not in SRIOV_DRIVERS:
        refuse('Value for SR-IOV VF driver must be one of {}'.format(
            ', '.join(SRIOV_DRIVERS)))
    if iface['iftype'] == ETHERNET:
        _check_sriov_port(int(numvfs), ports_of_iface)
    if iface['iftype'] == VF:
        _check_vf_lower(iface, int(numvfs), lowers[0], interfaces)


def _check_sriov_port(numvfs, ports_of_iface):
    if len(ports_of_iface) != 1:
        refuse('Exactly one port must be enabled.')
    total = ports_of_iface[0].get('sriov_totalvfs')
    if not total:
        refuse("SR-IOV can't be configured on this interface")
    if numvfs > total:
        refuse('The interface support a maximum of %s VFs' % total)
    if not ports_of_iface[0].get('driver'):
        refuse('Corresponding port has invalid driver')


def _check_vf_lower(iface, numvfs, lower, interfaces):
    if lower['iftype'] not in (VF, ETHERNET):
        refuse('VF interfaces cannot be created over interfaces of type %s'
               % lower['iftype'])
    if lower.get('ifclass') != PCI_SRIOV:
        refuse('VF interfaces must be created over an interface of class %s'
               % PCI_SRIOV)
    available = (lower.get('sriov_numvfs') or 0) - 1
    for name in lower.get('used_by') or ():
        if name != iface['ifname']:
            sibling = next((i for i in interfaces if i['ifname'] == name),
                           {})
            available -= sibling.get('sriov_numvfs') or 0
    if numvfs > available:
        refuse('The number of virtual functions (%s) must be less than or '
               'equal to the available VFs (%s) available on the underlying '
               'interface (%s)' % (numvfs, available, lower['ifname']))


def check_vf_class(iface):
    if iface['iftype'] == VF and iface.get('ifclass') != PCI_SRIOV:
        refuse('VF interfaces must have an interface class of %s'
               % PCI_SRIOV)


def check_ptp(iface):
    role = iface.get('ptp_role')
    if role is None:
        return
    if role not in PTP_ROLES:
        refuse('Interface ptp_role must be one of {}'.format(
            ', '.join(PTP_ROLES)))
    if role != NONE and iface.get('ifclass') not in PTP_CLASSES:
        refuse('Invalid interface class for ptp_role: {}. Device interface '
               'class must be one of {}'.format(role, ', '.join(PTP_CLASSES)))


# -- address modes ------------------------------------------------------------
def check_address_modes(iface, pools):
    """Valid modes, pools only with 'pool' mode, pool family; returns
    {family: (mode, pool dict or None)} of the modes given.

    :param pools: {name or uuid: pool dict} the request may name.
    """
    result = {}
    for family, key, modes in ((4, 'ipv4', IPV4_MODES),
                               (6, 'ipv6', IPV6_MODES)):
        mode = iface.get(key + '_mode')
        pool_ref = iface.get(key + '_pool')
        if mode is not None and mode not in modes:
            refuse('Invalid %s address mode %s; it must be one of: %s'
                   % (c.IP_FAMILIES[family], mode, ', '.join(modes)))
        if mode not in (None, 'disabled') and \
                iface.get('ifclass') not in ADDRESS_CLASSES:
            refuse("Address mode attributes only supported on '%s' "
                   'interfaces' % ', '.join(ADDRESS_CLASSES))
        if mode != POOL_MODE and pool_ref:
            refuse("Specifying an %s address pool requires setting the "
                   "address mode to 'pool'" % c.IP_FAMILIES[family])
        pool = None
        if mode == POOL_MODE:
            if not pool_ref:
                refuse('%s address pool name not specified'
                       % c.IP_FAMILIES[family])
            pool = pools.get(pool_ref)
            if pool is None:
                refuse('Address pool %s not found' % pool_ref)
            if pool['family'] != family:
                refuse('Address pool IP family does not match requested '
                       'family')
        if mode is not None:
            result[family] = (mode, pool)
    return result


# -- delete -------------------------------------------------------------------
def check_delete(iface, networktypes, initial_config_complete):
    if iface['iftype'] == ETHERNET:
        refuse('Cannot delete an ethernet interface type.')
    if (initial_config_complete and iface['iftype'] == VIRTUAL and
            c.NETWORK_TYPE_MGMT in networktypes):
        refuse('Cannot delete a virtual management interface.')
    if iface.get('used_by'):
        refuse('Interface %s is being used by %s and cannot be deleted.'
               % (iface['ifname'], ', '.join(iface['used_by'])))


def select_mac(iface, lowers, boot_interface=None):
    """The MAC of a new interface, from its lower interfaces (StarlingX:
    a virtual one has none; an AE prefers the boot interface)."""
    if iface['iftype'] == VIRTUAL:
        return NULL_MAC
    if iface['iftype'] == AE and boot_interface is not None and \
            boot_interface['ifname'] in {i['ifname'] for i in lowers}:
        return boot_interface.get('imac')
    if lowers:
        return sorted(lowers, key=lambda i: i['ifname'])[0].get('imac')
    return iface.get('imac')
