"""``stx-lab``: build, inspect, fault and remove a lab from the shell.

::

    stx-lab up <profile> [--workers N] [--bmc ipmi|redfish]
               [--redfish HOST ...] [--lease-hook CMD]
               [--services flock [--unlock all|controllers|controller-0|none]]
    stx-lab down | status [--json] | list
    stx-lab exec <host> <cmd...>
    stx-lab power <host> on|off|reset|cycle|soft|status   (through the BMC)
    stx-lab crash <host>
    stx-lab cut-link|restore-link <host> <network>
    stx-lab kill <host> <process> [--signal NAME]
    stx-lab stop-broker | start-broker
    stx-lab sensor <host> <sensor> <value>
    stx-lab sensors <host>

Every command but ``up`` acts on a running lab found by its id
(``--lab``, else ``$STX_LAB_ID``, else ``lab0``) in the state directory
(``$STX_LAB_DIR``, else ``/run/stx-lab`` as root). Errors are reported in
one line, with exit status 1.
"""
import argparse
import json
import os
import signal
import sys
import time

from stx_lab import dhcp, exception, profiles
from stx_lab import site as sitemod
from stx_lab.bmc import client

DEFAULT_LAB = 'lab0'


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog='stx-lab', description='A StarlingX site on one machine.')
    parser.add_argument('--lab', default=os.environ.get('STX_LAB_ID',
                                                        DEFAULT_LAB),
                        help='lab id: 4 characters of [a-z0-9]')
    parser.add_argument('--state-dir', default=None,
                        help='base state directory (default: '
                             '$STX_LAB_DIR or /run/stx-lab)')
    sub = parser.add_subparsers(dest='command', required=True)

    up = sub.add_parser('up', help='build a lab and boot its hosts')
    up.add_argument('profile', choices=profiles.PROFILES)
    up.add_argument('--workers', type=int, default=None)
    up.add_argument('--bmc', choices=('ipmi', 'redfish'), default='ipmi')
    up.add_argument('--redfish', action='append', default=[],
                    metavar='HOST', help='a host with a Redfish BMC')
    up.add_argument('--lease-hook', default=dhcp.DEFAULT_LEASE_HOOK)
    up.add_argument('--services', choices=('none', 'flock'), default='none',
                    help='flock: run the Flock in the lab (FM and sysinv '
                         'in the root namespace, maintenance and the '
                         'agents on the hosts)')
    up.add_argument('--unlock', choices=('all', 'controllers',
                                         'controller-0', 'none'),
                    default='all',
                    help='with --services flock: the hosts provisioned '
                         'and unlocked by up (default all)')
    sub.add_parser('down', help='remove the lab')
    status = sub.add_parser('status', help='hosts, power, uptime, links')
    status.add_argument('--json', action='store_true')
    sub.add_parser('list', help='labs with state on this machine')
    run = sub.add_parser('exec', help='run a command on a host')
    run.add_argument('host')
    run.add_argument('argv', nargs=argparse.REMAINDER)
    power = sub.add_parser('power', help='power through the BMC')
    power.add_argument('host')
    power.add_argument('action', choices=client.ACTIONS)
    crash = sub.add_parser('crash', help='kill a host without its BMC')
    crash.add_argument('host')
    for name in ('cut-link', 'restore-link'):
        link = sub.add_parser(name, help='%s of a host on a network' % name)
        link.add_argument('host')
        link.add_argument('network', choices=profiles.PLATFORM_NETWORKS)
    kill = sub.add_parser('kill', help='signal a named process of a host')
    kill.add_argument('host')
    kill.add_argument('process')
    kill.add_argument('--signal', default='KILL')
    sub.add_parser('stop-broker', help='rabbitmqctl stop_app')
    sub.add_parser('start-broker', help='rabbitmqctl start_app')
    sensor = sub.add_parser('sensor', help='set a sensor of a host BMC')
    sensor.add_argument('host')
    sensor.add_argument('sensor')
    sensor.add_argument('value', type=float)
    sensors = sub.add_parser('sensors', help='sensors of a host BMC')
    sensors.add_argument('host')
    return parser


def _print_up(site: sitemod.Site) -> None:
    record = site.record
    print('lab %s (%s) up; state in %s' % (site.lab_id, record.profile,
                                           site.state_dir))
    for net, subnet in record.subnets.items():
        print('  %-13s %s' % (net, subnet))
    if record.namespaced:
        print('  infrastructure: %s (broker %s, database %s:%d)' % (
            site.infra_address, site.broker_url('controller-0'),
            site.database_host, record.database['port']))
    for name in site.hosts:
        host = site.host(name)
        links = host.links()
        addresses = ' '.join('%s=%s' % (net, link['address'])
                             for net, link in links.items())
        bmc = site.bmc(name)
        print('  %-13s %-10s %s' % (name, host.record.personality,
                                    addresses or 'localhost'))
        print('  %-13s bmc %s %s user %s (password: %s)' % (
            '', bmc.type, bmc.url, bmc.username,
            site.paths.credentials_file))


def _print_flock(deployment) -> None:
    print('The Flock runs in lab %s: FM at %s, sysinv at %s; maintenance '
          'on controller-0' % (deployment.lab_id, deployment.fm_url,
                               deployment.sysinv_url))
    print('Use the CLIs with:')
    for name, value in sorted(deployment.cli_env().items()):
        print('  export %s=%s' % (name, value))
    print('  system host-list; fm alarm-list')


def _fmt_uptime(seconds: float | None) -> str:
    if seconds is None:
        return '-'
    return time.strftime('%H:%M:%S', time.gmtime(seconds))


def _print_status(site: sitemod.Site) -> None:
    status = site.status()
    print('lab %s (%s) %s; state in %s' % (status['lab_id'],
                                           status['profile'],
                                           status['state'],
                                           status['state_dir']))
    for host in status['hosts']:
        links = ' '.join('%s:%s' % (net, link['state'])
                         for net, link in host['links'].items())
        print('  %-13s power %-3s %-9s uptime %-8s %s' % (
            host['name'], host['power'], host['state'],
            _fmt_uptime(host['uptime']), links))
    for name, alive in status['infrastructure'].items():
        print('  %-22s %s' % (name, 'running' if alive else 'DEAD'))


def _status(site: sitemod.Site, args: argparse.Namespace) -> int:
    if args.json:
        print(json.dumps(site.status(), indent=2, sort_keys=True))
    else:
        _print_status(site)
    return 0


def _exec(site: sitemod.Site, args: argparse.Namespace) -> int:
    argv = args.argv[1:] if args.argv[:1] == ['--'] else args.argv
    if not argv:
        raise exception.LabError('exec needs a command')
    return site.exec(args.host, argv, capture=False).returncode


def _power(site: sitemod.Site, args: argparse.Namespace) -> int:
    result = site.power(args.host, args.action)
    print(result or 'power %s requested' % args.action)
    return 0


def _kill(site: sitemod.Site, args: argparse.Namespace) -> int:
    name = args.signal.upper()
    try:
        sig = signal.Signals[name if name.startswith('SIG') else 'SIG' + name]
    except KeyError:
        raise exception.LabError('unknown signal %r' % args.signal) from None
    pids = site.faults.kill_process(args.host, args.process, sig)
    print('sent %s to %s' % (sig.name, ' '.join(map(str, pids))))
    return 0


def _sensor(site: sitemod.Site, args: argparse.Namespace) -> int:
    sensor = site.set_sensor(args.host, args.sensor, args.value)
    print('%s %s = %g %s (%s)' % (args.host, sensor.name, sensor.value,
                                  sensor.unit, sensor.status))
    return 0


def _sensors(site: sitemod.Site, args: argparse.Namespace) -> int:
    for sensor in site.sensors(args.host):
        print('%-14s %10g %-10s %s' % (sensor.name, sensor.value,
                                       sensor.unit, sensor.status))
    return 0


def _fault(action: str):
    def run(site: sitemod.Site, args: argparse.Namespace) -> int:
        method = getattr(site.faults, action)
        extra = [getattr(args, a) for a in ('host', 'network')
                 if hasattr(args, a)]
        method(*extra)
        return 0

    return run


# commands acting on a running lab.
COMMANDS = {
    'status': _status, 'exec': _exec, 'power': _power, 'kill': _kill,
    'sensor': _sensor, 'sensors': _sensors, 'crash': _fault('crash'),
    'cut-link': _fault('cut_link'), 'restore-link': _fault('restore_link'),
    'stop-broker': _fault('stop_broker'),
    'start-broker': _fault('start_broker'),
}


def _run(args: argparse.Namespace) -> int:
    if args.command == 'list':
        for lab in sitemod.list_labs(args.state_dir):
            print(lab)
        return 0
    if args.command == 'up':
        site = sitemod.Site(args.lab, args.state_dir)
        types = {host: 'redfish' for host in args.redfish}
        if args.services == 'flock':
            from stx_lab import flock

            deployment = flock.up(site, args.profile, workers=args.workers
                                  if args.workers is not None else 2,
                                  unlock=args.unlock, bmc=args.bmc,
                                  bmc_types=types)
            _print_up(site)
            _print_flock(deployment)
            return 0
        site.up(args.profile, workers=args.workers, bmc=args.bmc,
                bmc_types=types, lease_hook=args.lease_hook)
        _print_up(site)
        return 0
    if args.command == 'down':
        sitemod.Site(args.lab, args.state_dir).down()
        print('lab %s down' % args.lab)
        return 0
    site = sitemod.Site.load(args.lab, args.state_dir)
    return COMMANDS[args.command](site, args)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except exception.LabError as exc:
        message = exc.args[0] if exc.args else exc.__class__.__name__
        sys.stderr.write('stx-lab: %s\n' % message)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == '__main__':
    sys.exit(main())
