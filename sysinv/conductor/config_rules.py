"""Rules of the DNS and NTP server lists: pure functions, StarlingX's
messages (``dns.py`` / ``ntp.py`` of its API).

``NC`` ("not configured") empties a list, as in StarlingX. Each check
returns the list as stored: comma-separated, IP addresses in canonical
form.
"""
import re

import netaddr

from sysinv.conductor.refusals import refuse

MAX_SERVERS = 3
NOT_CONFIGURED = 'NC'
_LABEL = re.compile(r'(?!-)[A-Z\d-]{1,63}(?<!-)$', re.IGNORECASE)


def is_valid_hostname(name):
    """RFC 1123 host name (StarlingX's ``is_valid_hostname``)."""
    if not name or len(name) > 255:
        return False
    if name.endswith('.'):
        name = name[:-1]
    return all(_LABEL.match(label) for label in name.split('.'))


def _ip(text):
    try:
        return netaddr.IPAddress(text)
    except (netaddr.AddrFormatError, ValueError, TypeError):
        return None


def split(servers):
    return [s.strip() for s in (servers or '').split(',') if s.strip()]


def check_nameservers(nameservers, ntpservers, oam_families=None):
    """The DNS servers to store.

    :param ntpservers: the stored NTP list (an FQDN there needs DNS).
    :param oam_families: IP versions of the OAM pools (None: no check).
    """
    if nameservers is not None and not isinstance(nameservers, str):
        refuse('nameservers must be a comma-separated string')
    servers = []
    for server in split(nameservers):
        address = _ip(server)
        if address is None:
            if server == NOT_CONFIGURED:
                servers = []
                break
            refuse('Invalid DNS nameserver target address %s Please '
                   'configure a valid DNS address.' % server)
        if oam_families and address.version not in oam_families:
            refuse('Invalid DNS nameserver target address %s: the OAM '
                   'network has no IPv%d address pool.'
                   % (server, address.version))
        servers.append(str(address))
    if not servers:
        for ntpserver in split(ntpservers):
            if _ip(ntpserver) is None and is_valid_hostname(ntpserver):
                refuse('At least  one DNS server must be used when any NTP '
                       'server address is using FQDN. Alternatively, use '
                       'IPv4 or IPv6 forNTP server address and then delete '
                       'DNS servers.')
    if len(servers) > MAX_SERVERS:
        refuse('Maximum DNS nameservers supported: %s but provided: %s. '
               'Please configure a valid list of DNS nameservers.'
               % (MAX_SERVERS, len(servers)))
    return ','.join(servers)


def check_ntpservers(ntpservers, nameservers):
    """The NTP servers to store (IP addresses or host names).

    :param nameservers: the stored DNS list (host names need one).
    """
    if ntpservers is not None and not isinstance(ntpservers, str):
        refuse('ntpservers must be a comma-separated string')
    servers = []
    for server in split(ntpservers):
        address = _ip(server)
        if address is not None:
            servers.append(str(address))
            continue
        if server == NOT_CONFIGURED:
            servers.append('')
            continue
        if not is_valid_hostname(server):
            refuse('Invalid NTP server %s Please configure a valid NTP IP '
                   'address or hostname.' % server)
        if not split(nameservers):
            refuse('A DNS server must be configured prior to configuring '
                   'any NTP server address as FQDN. Alternatively, specify '
                   'the NTP server as an IP address')
        servers.append(server)
    if not servers:
        refuse('No NTP parameters provided.')
    if len(servers) > MAX_SERVERS:
        refuse('Maximum NTP servers supported: %s but provided: %s. Please '
               'configure a valid list of NTP servers.'
               % (MAX_SERVERS, len(servers)))
    return ','.join(s for s in servers if s)
