"""DHCP on the pxeboot network: dnsmasq, its lease hook, the hosts' client.

dnsmasq runs in the root namespace, bound to the lab's pxeboot bridge only
(``--interface`` + ``--bind-interfaces``, so labs side by side each have
their own), with no DNS (``--port=0``), its own leases and pid files under
``dhcp/`` in the lab's state directory, and a fixed address per known MAC
(the address plan of :mod:`stx_lab.addressing`) plus a dynamic range for
unknown ones.

On every lease event dnsmasq runs ``dhcp/lease-hook``, a small wrapper the
lab writes: it appends the event to ``dhcp/lease-events.log`` and hands it
to the configured hook (default ``sysinv-dnsmasq-lease-update``) with
dnsmasq's arguments (``add|old|del <mac> <ip> [hostname]``). A hook that
does not exist (yet) is logged and ignored. ``--script-on-renewal`` makes
a host that boots again with a lease it already has trigger ``old``, as in
StarlingX, where sysinv is told about every booting host.

The hosts' DHCP client is busybox ``udhcpc``, run once per boot by
:mod:`stx_lab.hostinit` with ``dhcp/udhcpc-script``, which puts the leased
address on the pxeboot link (and nothing else: no routes, no DNS).
"""
import os
import shlex
import shutil
import stat
import sys

from stx_lab import addressing, state

DEFAULT_LEASE_HOOK = 'sysinv-dnsmasq-lease-update'
LEASE_TIME = '12h'
PXEBOOT_TAG = 'pxeboot'

_UDHCPC_SCRIPT = '''#!/bin/sh
# udhcpc event script of a lab host: address on the pxeboot link only.
case "$1" in
  deconfig)
    ip -4 addr flush dev "$interface"
    ;;
  bound|renew)
    ip -4 addr flush dev "$interface"
    ip -4 addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$FLOCK_DHCP_RESULT" ] && echo "$ip" > "$FLOCK_DHCP_RESULT"
    echo "lease $ip/${mask:-24} on $interface"
    ;;
esac
exit 0
'''

_HOOK_SCRIPT = '''#!/bin/sh
# dnsmasq lease hook of lab %(lab)s: record the event, then hand it on.
PATH=%(path)s
export PATH
echo "$(date +%%s.%%N) $*" >> %(events)s
hook=%(hook)s
if command -v "$hook" >/dev/null 2>&1; then
  exec "$hook" "$@"
fi
echo "$(date +%%s.%%N) lease hook $hook not found: event not handed on" \\
  >> %(events)s
exit 0
'''


def _write_executable(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as handle:
        handle.write(text)
    os.chmod(path, stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP |
             stat.S_IROTH | stat.S_IXOTH)


def write_scripts(paths: state.LabPaths, hook: str) -> None:
    """The lease hook wrapper and the hosts' udhcpc script."""
    bindir = os.path.dirname(sys.executable)
    search = ':'.join([bindir, '/usr/local/sbin', '/usr/local/bin',
                       '/usr/sbin', '/usr/bin', '/sbin', '/bin'])
    _write_executable(paths.dhcp('lease-hook'), _HOOK_SCRIPT % {
        'lab': paths.lab_id, 'path': shlex.quote(search),
        'events': shlex.quote(paths.dhcp('lease-events.log')),
        'hook': shlex.quote(hook)})
    _write_executable(paths.dhcp('udhcpc-script'), _UDHCPC_SCRIPT)


def dnsmasq_argv(paths: state.LabPaths, bridge: str,
                 subnet: addressing.Network,
                 fixed: dict[str, str]) -> list[str]:
    """The dnsmasq command line; ``fixed`` maps MAC -> address."""
    binary = shutil.which('dnsmasq') or '/usr/sbin/dnsmasq'
    first, last = addressing.dhcp_range(subnet)
    argv = [
        binary, '--keep-in-foreground', '--conf-file=/dev/null',
        '--port=0', '--interface=%s' % bridge, '--bind-interfaces',
        '--except-interface=lo', '--user=root', '--group=root',
        '--dhcp-authoritative', '--no-ping', '--script-on-renewal',
        # tagged as StarlingX's dnsmasq does: the lease hook (sysinv)
        # only discovers hosts on the pxeboot network
        '--dhcp-range=set:%s,%s,%s,%s,%s' % (PXEBOOT_TAG, first, last,
                                             subnet.netmask, LEASE_TIME),
        '--dhcp-leasefile=%s' % paths.dhcp('leases'),
        '--pid-file=%s' % paths.dhcp('dnsmasq.pid'),
        '--dhcp-script=%s' % paths.dhcp('lease-hook'),
        '--log-dhcp', '--log-facility=-',
    ]
    for mac, address in sorted(fixed.items()):
        argv.append('--dhcp-host=%s,%s' % (mac, address))
    return argv


def lease_events(paths: state.LabPaths) -> list[list[str]]:
    """Events the hook saw, oldest first: ``[time, action, mac, ip...]``."""
    try:
        with open(paths.dhcp('lease-events.log')) as handle:
            lines = handle.read().splitlines()
    except FileNotFoundError:
        return []
    events = [line.split() for line in lines]
    return [e for e in events if len(e) >= 3 and e[1] in ('add', 'old',
                                                          'del')]
