import ipaddress
import os
import subprocess

from stx_lab import dhcp, state


def test_dnsmasq_argv_is_confined_to_the_lab(tmp_path):
    paths = state.LabPaths('ab12', str(tmp_path))
    argv = dhcp.dnsmasq_argv(paths, 'flab12-pxe',
                             ipaddress.ip_network('169.254.202.0/24'),
                             {'52:54:00:02:00:0a': '169.254.202.10'})
    assert '--interface=flab12-pxe' in argv
    assert '--bind-interfaces' in argv
    assert '--port=0' in argv                         # no DNS
    assert '--conf-file=/dev/null' in argv
    assert '--script-on-renewal' in argv
    assert '--dhcp-leasefile=%s' % paths.dhcp('leases') in argv
    assert '--pid-file=%s' % paths.dhcp('dnsmasq.pid') in argv
    assert '--dhcp-script=%s' % paths.dhcp('lease-hook') in argv
    assert '--dhcp-host=52:54:00:02:00:0a,169.254.202.10' in argv
    assert ('--dhcp-range=set:pxeboot,169.254.202.100,169.254.202.199,'
            '255.255.255.0,%s' % dhcp.LEASE_TIME) in argv


def _run_hook(paths, *args):
    return subprocess.run([paths.dhcp('lease-hook')] + list(args),
                          capture_output=True, text=True, timeout=10,
                          env={'PATH': '/usr/bin:/bin'})


def test_lease_hook_tolerates_a_missing_hook(tmp_path):
    paths = state.LabPaths('ab12', str(tmp_path))
    dhcp.write_scripts(paths, 'no-such-lease-hook-here')
    result = _run_hook(paths, 'add', '52:54:00:02:00:0a', '169.254.202.10')
    assert result.returncode == 0
    events = dhcp.lease_events(paths)
    assert [e[1:] for e in events] == [
        ['add', '52:54:00:02:00:0a', '169.254.202.10']]
    with open(paths.dhcp('lease-events.log')) as handle:
        assert 'not found' in handle.read()


def test_lease_hook_hands_events_on(tmp_path):
    paths = state.LabPaths('ab12', str(tmp_path))
    record = tmp_path / 'calls'
    hook = tmp_path / 'hook'
    hook.write_text('#!/bin/sh\necho "$*" >> %s\n' % record)
    os.chmod(hook, 0o755)
    dhcp.write_scripts(paths, str(hook))
    assert os.access(paths.dhcp('udhcpc-script'), os.X_OK)
    _run_hook(paths, 'old', '52:54:00:02:00:0b', '169.254.202.11', 'w1')
    assert record.read_text() == 'old 52:54:00:02:00:0b 169.254.202.11 w1\n'
