"""A lab host reboots itself: ``python -m stx_lab.reboot [--delay S]``.

Run by a process of a lab host (maintenance's ``reboot_command`` there),
it returns at once and leaves behind a detached process that resets the
host as its BMC would: every process of the host stopped, links down,
then booted again with a new boot time and boot id. The detached process
is in a session of its own and carries no ``FLOCK_LAB`` / ``FLOCK_HOST``
marker, so the halt it performs does not stop it; it logs to
``logs/<host>/reboot.log``.
"""
import argparse
import os
import subprocess
import sys
import time

from stx_lab import procs


def _detach(delay: float) -> int:
    lab = os.environ.get(procs.LAB_ENV)
    host = os.environ.get(procs.HOST_ENV)
    lab_dir = os.environ.get('FLOCK_LAB_DIR')
    if not (lab and host and lab_dir):
        sys.stderr.write('stx_lab.reboot: not a lab host (no FLOCK_LAB, '
                         'FLOCK_HOST, FLOCK_LAB_DIR)\n')
        return 1
    env = {k: v for k, v in os.environ.items()
           if not k.startswith('FLOCK_')}
    log = os.path.join(lab_dir, 'logs', host, 'reboot.log')
    os.makedirs(os.path.dirname(log), exist_ok=True)
    argv = [sys.executable, '-m', 'stx_lab.reboot', '--now',
            '--lab', lab, '--base', os.path.dirname(lab_dir),
            '--host', host, '--delay', repr(delay)]
    with open(log, 'ab') as out:
        subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                         stdout=out, stderr=subprocess.STDOUT,
                         start_new_session=True, cwd='/')
    return 0


def _reboot(lab: str, base: str, host: str, delay: float) -> int:
    from stx_lab import site as sitemod

    time.sleep(delay)
    print('%s reboot of %s requested from the host' % (
        time.strftime('%Y-%m-%d %H:%M:%S'), host), flush=True)
    target = sitemod.Site.load(lab, base).host(host)
    target.reset()
    print('%s %s booted again' % (time.strftime('%Y-%m-%d %H:%M:%S'),
                                  host), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='stx_lab.reboot')
    parser.add_argument('--delay', type=float, default=0.0)
    parser.add_argument('--now', action='store_true', help=argparse.SUPPRESS)
    parser.add_argument('--lab', help=argparse.SUPPRESS)
    parser.add_argument('--base', help=argparse.SUPPRESS)
    parser.add_argument('--host', help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.now:
        return _reboot(args.lab, args.base, args.host, args.delay)
    return _detach(args.delay)


if __name__ == '__main__':
    sys.exit(main())
