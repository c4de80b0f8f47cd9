"""Interface flows of the conductor: create, modify and delete logical
interfaces after :mod:`sysinv.conductor.interface_rules` accepts them.

Each flow gathers what the rules need (host, system, every host, the
host's interfaces, ports and pools), normalises the request as StarlingX
does (``ifclass`` 'none' stored as null, defaults for MTU, AE mode and
PTP role, the MAC taken from the lower interface or the port), runs the
rules and writes the result in one transaction. An AE interface gives its
MTU to its members; removed members get the default MTU back.
"""
from sysinv.conductor import interface_rules as rules
from sysinv.conductor import network_rules, networks
from sysinv.conductor.refusals import refuse

# Fields a PATCH may change (StarlingX's client sends these).
PATCHABLE = frozenset((
    'ifname', 'ifclass', 'imtu', 'aemode', 'txhashpolicy',
    'primary_reselect', 'vlan_id', 'uses', 'usesmodify', 'ports',
    'ipv4_mode', 'ipv6_mode', 'ipv4_pool', 'ipv6_pool', 'sriov_numvfs',
    'sriov_vf_driver', 'ptp_role', 'max_tx_rate', 'max_rx_rate',
    'ifcapabilities'))
# Keys a POST may carry besides the patchable ones.
CREATABLE = PATCHABLE | {'ihost_uuid', 'forihostid', 'iftype', 'imac'}
STORED = ('ifname', 'ifclass', 'iftype', 'imac', 'imtu', 'aemode',
          'txhashpolicy', 'primary_reselect', 'vlan_id', 'sriov_numvfs',
          'sriov_vf_driver', 'ptp_role', 'max_tx_rate', 'max_rx_rate',
          'ifcapabilities', 'forihostid')


def _ports_list(value):
    if value is None:
        return None
    if isinstance(value, str):
        return [p.strip() for p in value.split(',') if p.strip()]
    return list(value)


def _uses_list(value):
    if value is None:
        return None
    if isinstance(value, str):
        return [u.strip() for u in value.split(',') if u.strip()]
    return list(value)


class _Site:
    """What the rules read about the host of an interface."""

    def __init__(self, dbapi, host_ident):
        self.host = dbapi.get_host(host_ident)
        self.system = dbapi.find_system() or {}
        self.hosts = dbapi.list_hosts()
        self.interfaces = dbapi.list_interfaces(self.host['id'])
        self.ports = dbapi.list_host_ethernet_ports(self.host['id'])
        self.pools = {}
        for pool in dbapi.list_pools():
            self.pools[pool['name']] = pool
            self.pools[pool['uuid']] = pool

    def ports_of(self, interface_id):
        return [p for p in self.ports if p['interface_id'] == interface_id]

    def boot_interface(self):
        for port in self.ports:
            if port.get('bootp') == 'True' and port['interface_id']:
                return next((i for i in self.interfaces
                             if i['id'] == port['interface_id']), None)
        return None


def _normalise(iface):
    if iface.get('ifclass') == rules.NONE:
        iface['ifclass'] = None
    iface['imtu'] = rules.check_mtu(iface.get('imtu'))
    iface['vlan_id'] = rules.check_vlan_id(iface.get('vlan_id'))
    if iface.get('sriov_numvfs') not in (None, ''):
        if not str(iface['sriov_numvfs']).isdigit():
            refuse('Value for number of SR-IOV VFs is an integer value.')
        iface['sriov_numvfs'] = int(iface['sriov_numvfs'])
    return iface


def _check(site, iface, existing, op, port_names=None):
    """Every rule; returns (lowers, selected ports or None, modes)."""
    rules.check_iftype(iface['iftype'])
    rules.check_name(iface, site.interfaces)
    lowers = rules.lower_interfaces(iface, site.interfaces)
    rules.check_uses(iface, lowers, site.interfaces)
    if iface['iftype'] == rules.VLAN:
        rules.check_vlan(iface, lowers[0], site.interfaces, op)
    rules.check_class(iface, existing, site.host, site.system)
    if existing is not None and existing.get('networks') and \
            existing.get('ifclass') == rules.PLATFORM and \
            iface.get('ifclass') not in (rules.PLATFORM, rules.PCI_SRIOV):
        refuse('The class of an interface with platform networks cannot '
               'be changed to %s since networks %s are assigned to it'
               % (iface.get('ifclass') or rules.NONE,
                  ', '.join(existing['networktypelist'])))
    rules.check_vf_class(iface)
    uppers = rules.upper_interfaces(iface, site.interfaces)
    rules.check_used_by(iface, uppers)
    if iface['iftype'] == rules.AE:
        rules.check_ae(iface)
    rules.check_ae_name(iface, site.ports)
    selected = None
    if port_names:
        selected = rules.resolve_ports(iface, port_names, site.ports)
    elif op == 'add' and iface['iftype'] == rules.ETHERNET:
        selected = rules.resolve_ports(iface, [], site.ports)
    own_ports = selected if selected is not None else \
        site.ports_of(iface.get('id'))
    rules.check_sriov(iface, own_ports, site.interfaces, lowers)
    rules.check_mtu_against(iface, lowers, uppers)
    rules.check_ptp(iface)
    modes = rules.check_address_modes(iface, site.pools)
    return lowers, selected, modes


def _stored(iface):
    return {k: iface.get(k) for k in STORED if k in iface}


def _mode_rows(modes):
    return {family: (mode, pool['id'] if pool else None)
            for family, (mode, pool) in modes.items()}


def create(dbapi, values):
    """Add an interface; returns it (decorated)."""
    unknown = set(values) - CREATABLE
    if unknown:
        refuse('Unknown interface attribute(s): %s'
               % ', '.join(sorted(unknown)))
    host_ident = values.get('ihost_uuid') or values.get('forihostid')
    if not host_ident:
        refuse('Host id not specified.')
    site = _Site(dbapi, host_ident)
    rules.check_host_locked(site.host, site.hosts, site.system)
    iface = _normalise(dict(values))
    iface['uses'] = _uses_list(iface.pop('usesmodify', None)) or \
        _uses_list(iface.get('uses')) or []
    iface['used_by'] = []
    iface['forihostid'] = site.host['id']
    iface['id'] = None
    if iface.get('imtu') is None:
        iface['imtu'] = rules.DEFAULT_MTU
    if iface.get('iftype') == rules.AE and not iface.get('aemode'):
        iface['aemode'] = rules.AE_ACTIVE_STANDBY
    iface.setdefault('ptp_role', rules.NONE)
    if iface.get('ifclass') == rules.PCI_SRIOV:
        iface.setdefault('sriov_numvfs', None)
    port_names = _ports_list(iface.pop('ports', None))
    lowers, selected, modes = _check(site, iface, None, 'add', port_names)
    if selected:
        iface['imac'] = selected[0].get('mac')
    else:
        iface['imac'] = rules.select_mac(iface, lowers,
                                         site.boot_interface())
    lower_mtu = iface['imtu'] if iface['iftype'] == rules.AE else None
    created = dbapi.create_interface(
        _stored(iface), uses=[i['id'] for i in lowers],
        port_ids=[p['id'] for p in selected or ()],
        modes=_mode_rows(modes), lower_mtu=lower_mtu)
    _assign_pool_addresses(dbapi, created, modes)
    return dbapi.get_interface(created['id'])


def update(dbapi, ident, changes):
    """Modify an interface; returns it (decorated)."""
    unknown = set(changes) - PATCHABLE
    if unknown:
        refuse('The following fields can not be modified: %s'
               % ', '.join(sorted(unknown)))
    existing = dbapi.get_interface(ident)
    site = _Site(dbapi, existing['forihostid'])
    rules.check_host_locked(site.host, site.hosts, site.system)
    changes = dict(changes)
    uses = _uses_list(changes.pop('usesmodify', None))
    if uses is None:
        uses = _uses_list(changes.pop('uses', None))
    else:
        changes.pop('uses', None)
    port_names = _ports_list(changes.pop('ports', None))
    iface = dict(existing)
    iface.update(changes)
    if uses is not None:
        iface['uses'] = uses
    _normalise(iface)
    if iface.get('aemode') == rules.AE_ACTIVE_STANDBY:
        iface['txhashpolicy'] = None
    if iface.get('ifclass') != rules.PCI_SRIOV:
        # StarlingX resets the VF settings of an interface leaving
        # pci-sriov (a request that sets them is still checked).
        for key in ('sriov_numvfs', 'sriov_vf_driver'):
            if key not in changes:
                iface[key] = None
    if not iface.get('ifclass'):
        for key in ('ipv4_mode', 'ipv6_mode', 'ipv4_pool', 'ipv6_pool'):
            iface[key] = None
    for family in ('ipv4', 'ipv6'):
        if iface.get(family + '_mode') != rules.POOL_MODE:
            iface[family + '_pool'] = None
    lowers, selected, modes = _check(site, iface, existing, 'modify',
                                     port_names)
    mtus = _member_mtus(iface, existing, lowers, site)
    upper_macs = {}
    if uses is not None and iface['iftype'] in (rules.AE, rules.VLAN,
                                                rules.VF):
        iface['imac'] = rules.select_mac(iface, lowers,
                                         site.boot_interface())
        for upper in rules.upper_interfaces(iface, site.interfaces):
            upper_macs[upper['id']] = iface['imac']
    changed_modes = _changed_modes(existing, modes)
    updated = dbapi.update_interface(
        existing['id'], _stored(iface),
        uses=[i['id'] for i in lowers] if uses is not None else None,
        port_ids=[p['id'] for p in selected] if selected is not None
        else None, modes=changed_modes, mtus=mtus, upper_macs=upper_macs)
    _assign_pool_addresses(dbapi, updated, {
        f: modes[f] for f in changed_modes if f in modes})
    return dbapi.get_interface(updated['id'])


def _member_mtus(iface, existing, lowers, site):
    """AE members take the AE's MTU; removed members get the default."""
    mtus = {}
    if iface['iftype'] != rules.AE:
        return mtus
    for lower in lowers:
        mtus[lower['id']] = iface['imtu']
    for name in set(existing['uses']) - {i['ifname'] for i in lowers}:
        former = next(i for i in site.interfaces if i['ifname'] == name)
        mtus[former['id']] = rules.DEFAULT_MTU
    return mtus


def _changed_modes(existing, modes):
    changed = {}
    for family, key in ((4, 'ipv4'), (6, 'ipv6')):
        before = (existing.get(key + '_mode'), existing.get(key + '_pool'))
        mode, pool = modes.get(family, (None, None))
        if (mode, pool['uuid'] if pool else None) != before:
            changed[family] = (mode, pool['id'] if pool else None)
    return changed


def delete(dbapi, ident):
    existing = dbapi.get_interface(ident)
    site = _Site(dbapi, existing['forihostid'])
    rules.check_host_locked(site.host, site.hosts, site.system)
    rules.check_delete(existing, existing['networktypelist'],
                       network_rules.initial_config_complete(site.hosts))
    mtus = {}
    if existing['iftype'] == rules.AE:
        for lower in rules.lower_interfaces(existing, site.interfaces):
            mtus[lower['id']] = rules.DEFAULT_MTU
    dbapi.destroy_interface(existing['id'], mtus=mtus)


def _assign_pool_addresses(dbapi, iface, modes):
    for mode, pool in modes.values():
        if mode == rules.POOL_MODE and pool is not None:
            networks.assign_pool_address(dbapi, pool, iface['id'])
