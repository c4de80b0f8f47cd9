"""Bring the Flock up on this machine for a developer, and down again.

``make run`` calls ``start``: it creates the databases and the RabbitMQ
vhost, writes each service's config under ``.run/etc``, runs each
service's dbsync, starts every process detached (logs in ``.run/log``,
PIDs in ``.run/pid``), waits until each answers, shows the Flock working
and prints how to use the CLIs. Running ``start`` again starts only what
is not running. ``stop`` stops every process by its PID.
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import time

import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN = os.path.join(ROOT, '.run')
BIN = os.path.join(ROOT, '.venv', 'bin')
VHOST = 'flock'
BROKER = 'rabbit://guest:guest@127.0.0.1:5672/%s' % VHOST
PG = 'postgresql+psycopg2://postgres@127.0.0.1:5432/%s'


def path(*parts):
    return os.path.join(RUN, *parts)


# -- site infrastructure ----------------------------------------------------
def ensure_vhost():
    listed = subprocess.run(['rabbitmqctl', '-q', 'list_vhosts'],
                            capture_output=True, text=True, check=True)
    if VHOST not in listed.stdout.split():
        subprocess.run(['rabbitmqctl', '-q', 'add_vhost', VHOST], check=True)
        subprocess.run(['rabbitmqctl', '-q', 'set_permissions', '-p', VHOST,
                        'guest', '.*', '.*', '.*'], check=True)


def ensure_database(name):
    conn = psycopg2.connect(host='127.0.0.1', user='postgres',
                            dbname='postgres')
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute('SELECT 1 FROM pg_database WHERE datname = %s', (name,))
        if cur.fetchone() is None:
            cur.execute('CREATE DATABASE "%s"' % name)
    conn.close()
    return PG % name


def write_config(service, sections):
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    for section, values in sections.items():
        parser[section] = {k: str(v) for k, v in values.items()}
    os.makedirs(path('etc', service), exist_ok=True)
    target = path('etc', service, '%s.conf' % service)
    with open(target, 'w') as handle:
        parser.write(handle)
    return target


# -- the services -----------------------------------------------------------
def fm_config():
    return write_config('fm', {
        'DEFAULT': {'transport_url': BROKER, 'host': 'controller-0',
                    'state_path': path('state', 'fm')},
        'database': {'connection': ensure_database('flock_fm')},
        'api': {'bind_host': '127.0.0.1', 'bind_port': 18002,
                'auth_strategy': 'noauth'},
    })


def http_ready(port):
    def check():
        import socket

        with socket.socket() as sock:
            sock.settimeout(0.5)
            return sock.connect_ex(('127.0.0.1', port)) == 0
    return check


def log_ready(name, text):
    def check():
        try:
            with open(path('log', name + '.log'), errors='replace') as log:
                return text in log.read()
        except OSError:
            return False
    return check


# sysinv: an All-in-one simplex site whose controller-0 is this machine
# (sysinv-bootstrap takes its mgmt MAC from this machine's first NIC).
SYSINV_SITE = {
    'name': 'flock', 'system_mode': 'simplex', 'system_type': 'All-in-one',
    'timezone': 'UTC', 'dns_servers': ['8.8.8.8'],
    'management_subnet': '192.168.204.0/24',
    'cluster_host_subnet': '192.168.206.0/24',
    'external_oam_subnet': '10.10.10.0/24',
    'external_oam_floating_address': '10.10.10.2',
}


def sysinv_config():
    """sysinv's config; also migrates and bootstraps its database once
    (a second sysinv-bootstrap is refused, which is fine here)."""
    import yaml

    config_file = write_config('sysinv', {
        'DEFAULT': {'transport_url': BROKER, 'host': 'controller-0',
                    'state_path': path('state', 'sysinv')},
        'database': {'connection': ensure_database('flock_sysinv')},
        'api': {'bind_host': '127.0.0.1', 'bind_port': 6385,
                'auth_strategy': 'noauth'},
        # Hardware is read from this machine (root /); the files a
        # runtime config apply writes (resolv.conf, ntp.conf) go to a
        # scratch root, never to this machine's /etc.
        'agent': {'host_root': '/', 'include_virtual': 'false',
                  'config_root': path('hosts', 'controller-0')},
    })
    site = path('etc', 'sysinv', 'site.yaml')
    with open(site, 'w') as handle:
        yaml.safe_dump(SYSINV_SITE, handle)
    with open(path('log', 'sysinv-bootstrap.log'), 'ab') as log:
        done = subprocess.run(
            [os.path.join(BIN, 'sysinv-bootstrap'), '--config', site,
             '--config-file', config_file], stdout=log,
            stderr=subprocess.PIPE)
        log.write(done.stderr)
    if done.returncode != 0 and b'already bootstrapped' not in done.stderr:
        raise SystemExit('sysinv-bootstrap failed; see %s'
                         % path('log', 'sysinv-bootstrap.log'))
    return config_file


# Maintenance of controller-0 (this machine, an all-in-one simplex
# controller on localhost): mtce-agent, mtce-client and pmond. A reboot
# maintenance asks for restarts these processes instead of the machine.
MTCE_PROCESSES = ('mtce-agent', 'mtce-client', 'pmond')
INIT_SCRIPT = '''#!/bin/sh
# %(name)s of make run: start | restart (pmond restarts it with this)
exec %(python)s %(tool)s start-process %(name)s
'''
PMON_FILE = '''[process]
process = %(name)s
pidfile = pid/%(name)s.pid
script = etc/init.d/%(name)s
style = lsb
severity = major
restarts = 3
interval = 5
debounce = 20
startuptime = 5
mode = passive
'''


def mtce_config():
    key = path('etc', 'mtce', 'mtce.key')
    os.makedirs(os.path.dirname(key), exist_ok=True)
    if not os.path.exists(key):
        fd = os.open(key, os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(fd, 'w') as handle:
            handle.write(os.urandom(32).hex())
    for name in ('mtce-agent', 'mtce-client'):
        script = path('etc', 'init.d', name)
        os.makedirs(os.path.dirname(script), exist_ok=True)
        with open(script, 'w') as handle:
            handle.write(INIT_SCRIPT % {
                'name': name, 'python': os.path.join(BIN, 'python'),
                'tool': os.path.abspath(__file__)})
        os.chmod(script, 0o755)
        os.makedirs(path('etc', 'pmon.d'), exist_ok=True)
        with open(path('etc', 'pmon.d', name + '.conf'), 'w') as handle:
            handle.write(PMON_FILE % {'name': name})
    host_root = path('hosts', 'controller-0')
    os.makedirs(host_root, exist_ok=True)
    return write_config('mtce', {
        'DEFAULT': {'transport_url': BROKER, 'host': 'controller-0',
                    'state_path': path('state', 'mtce')},
        'heartbeat': {'auth_key_file': key, 'mgmt_address': '127.0.0.1',
                      'transport': 'unicast', 'system_type': 'all-in-one'},
        'client': {'controller_mgmt_address': '127.0.0.1',
                   'host_root': host_root, 'lazy_reboot_delay': 2,
                   'reboot_command': ','.join([
                       os.path.join(BIN, 'python'),
                       os.path.abspath(__file__), 'restart-maintenance'])},
        'pmon': {'host_root': RUN, 'conf_dir': 'etc/pmon.d',
                 'start_delay': 5,
                 'notifier': 'mtce.common.notifiers:ProcessEventNotifier'},
        'timeouts': {'heartbeat_soak': 5, 'heartbeat_soak_during_add': 5},
    })


# name, config writer, dbsync script, processes: (name, readiness check)
SERVICES = [
    ('fm', fm_config, 'fm-dbsync', [
        ('fm-manager', log_ready('fm-manager', 'Consuming alarm events')),
        ('fm-api', http_ready(18002)),
    ]),
    ('sysinv', sysinv_config, 'sysinv-dbsync', [
        ('sysinv-conductor', log_ready('sysinv-conductor',
                                       'sysinv-conductor started')),
        ('sysinv-api', http_ready(6385)),
        # controller-0's agent: this machine's real hardware (root /)
        ('sysinv-agent', log_ready('sysinv-agent', 'sysinv-agent started')),
    ]),
    ('mtce', mtce_config, None, [
        (name, log_ready(name, '%s started' % name))
        for name in MTCE_PROCESSES]),
]


# -- processes --------------------------------------------------------------
def pid_of(name):
    try:
        with open(path('pid', name + '.pid')) as handle:
            pid = int(handle.read().strip())
    except (OSError, ValueError):
        return None
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as handle:
            cmdline = handle.read().replace(b'\0', b' ').decode()
    except OSError:
        return None
    return pid if name in cmdline else None


def start_process(name, config_file):
    log = open(path('log', name + '.log'), 'ab')  # noqa: SIM115
    proc = subprocess.Popen([os.path.join(BIN, name), '--config-file',
                             config_file], stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    with open(path('pid', name + '.pid'), 'w') as handle:
        handle.write(str(proc.pid))
    return proc


def wait_ready(name, proc, check, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit('%s exited; see %s' % (
                name, path('log', name + '.log')))
        if check():
            return
        time.sleep(0.2)
    raise SystemExit('%s did not become ready in %ds; see %s' % (
        name, timeout, path('log', name + '.log')))


def start():
    for sub in ('log', 'pid', 'etc', 'state'):
        os.makedirs(path(sub), exist_ok=True)
    ensure_vhost()
    started = []
    for _service, configure, dbsync, processes in SERVICES:
        config_file = configure()
        if dbsync is not None:
            subprocess.run([os.path.join(BIN, dbsync), '--config-file',
                            config_file], check=True,
                           stdout=open(path('log', dbsync + '.log'), 'ab'),
                           stderr=subprocess.STDOUT)
        for name, ready in processes:
            if pid_of(name) is not None:
                print('%-24s already running (pid %d)' % (name,
                                                           pid_of(name)))
                continue
            started.append((name, start_process(name, config_file),
                            ready))
    for name, proc, ready in started:
        wait_ready(name, proc, ready)
        print('%-24s started (pid %d)' % (name, pid_of(name)))
    write_rc()
    demo()
    usage()


def _config_of(name):
    for service, _configure, _dbsync, processes in SERVICES:
        if name in [n for n, _ in processes]:
            return path('etc', service, '%s.conf' % service)
    raise SystemExit('unknown process %s' % name)


def start_one(name):
    """Start one process unless it runs (pmond's restart command)."""
    if pid_of(name) is None:
        start_process(name, _config_of(name))


def _stop_process(name):
    pid = pid_of(name)
    if pid is None:
        return False
    os.killpg(pid, signal.SIGTERM)
    for _ in range(150):
        if pid_of(name) is None:
            break
        time.sleep(0.1)
    else:
        os.killpg(pid, signal.SIGKILL)
    os.unlink(path('pid', name + '.pid'))
    return True


def restart_maintenance():
    """controller-0's "reboot" under make run: its maintenance
    processes stop and start again (this machine does not reboot)."""
    for name in reversed(MTCE_PROCESSES):
        _stop_process(name)
    time.sleep(1)
    for name in MTCE_PROCESSES:
        start_one(name)


def stop():
    stopped = False
    for _service, _configure, _dbsync, processes in reversed(SERVICES):
        for name, _ready in reversed(processes):
            pid = pid_of(name)
            if pid is None:
                continue
            os.killpg(pid, signal.SIGTERM)
            for _ in range(150):
                if pid_of(name) is None:
                    break
                time.sleep(0.1)
            else:
                os.killpg(pid, signal.SIGKILL)
            os.unlink(path('pid', name + '.pid'))
            print('%-24s stopped' % name)
            stopped = True
    if not stopped:
        print('Nothing of the Flock is running.')


def status():
    for _service, _configure, _dbsync, processes in SERVICES:
        for name, _ready in processes:
            pid = pid_of(name)
            print('%-24s %s' % (name, 'running (pid %d)' % pid if pid
                                else 'stopped'))


# -- showing it -------------------------------------------------------------
RC = """# Source this file to use the Flock's CLIs against `make run`.
export FM_URL=http://127.0.0.1:18002
export SYSTEM_URL=http://127.0.0.1:6385
export OS_AUTH_TOKEN=noauth
export PATH=%s:$PATH
""" % BIN


def write_rc():
    with open(path('flockrc'), 'w') as handle:
        handle.write(RC)


def cli(*argv):
    env = dict(os.environ, FM_URL='http://127.0.0.1:18002',
               SYSTEM_URL='http://127.0.0.1:6385', OS_AUTH_TOKEN='noauth',
               COLUMNS=str(max(120, shutil.get_terminal_size().columns)))
    return subprocess.run([os.path.join(BIN, argv[0]), *argv[1:]], env=env,
                          capture_output=True, text=True, timeout=60)


def unlock_controller_0(timeout=240):
    """The last step of installing a controller, as StarlingX's operator
    does after bootstrap: unlock controller-0 and wait until maintenance
    has enabled it (its locked alarm, 200.001, inhibits the others)."""
    shown = cli('system', 'host-show', 'controller-0')
    fields = [[cell.strip() for cell in line.split('|')[1:3]]
              for line in shown.stdout.splitlines() if '|' in line]
    if shown.returncode != 0 or ['administrative', 'locked'] not in fields:
        return
    print('\n$ system host-unlock controller-0')
    unlocked = cli('system', 'host-unlock', 'controller-0')
    if unlocked.returncode != 0:
        print('  %s' % unlocked.stderr.strip())
        return
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        row = [line for line in cli('system', 'host-list').stdout.splitlines()
               if 'controller-0' in line]
        states = ' '.join(row[0].split('|')[4:7]).split() if row else []
        if states != last:
            print('  controller-0: %s' % '-'.join(states))
            last = states
        if states == ['unlocked', 'enabled', 'available']:
            return
        time.sleep(1)
    print('  controller-0 was not enabled within %ds; see %s'
          % (timeout, path('log', 'mtce-agent.log')))


def demo():
    """Raise an alarm the way any process would, and list it."""
    if not os.path.exists(os.path.join(BIN, 'fm')):
        return
    unlock_controller_0()
    config = ['--config-file', path('etc', 'fm', 'fm.conf')]
    raised = cli('fmClientCli', *config, '-c',
                 '###100.101###set###host###host=controller-0### ###major'
                 '###Platform CPU threshold exceeded; threshold 90%, actual '
                 '93% (a demonstration alarm raised by make run)'
                 '###operational-violation###threshold-crossed'
                 '###Monitor and if condition persists, contact next level '
                 'of support.###True###True###False###')
    if raised.returncode != 0:
        print('Raising the demonstration alarm failed: %s'
              % raised.stderr.strip())
        return
    deadline = time.monotonic() + 30
    listing = None
    while time.monotonic() < deadline:
        listing = cli('fm', 'alarm-list')
        if '100.101' in listing.stdout:
            break
        time.sleep(0.3)
    print('\n$ fmClientCli -c "###100.101###set###host###host=controller-0'
          '###..."\n%s' % raised.stdout.strip())
    print('$ fm alarm-list\n%s' % (listing.stdout if listing else ''))
    show_inventory()


def show_inventory():
    """controller-0 as sysinv sees it: this machine's real hardware."""
    if not os.path.exists(os.path.join(BIN, 'system')):
        return
    deadline = time.monotonic() + 90
    cpus = None
    while time.monotonic() < deadline:
        cpus = cli('system', 'host-cpu-list', 'controller-0')
        if cpus.returncode == 0 and 'Platform' in cpus.stdout:
            break
        time.sleep(1)
    for argv, result in ((('system', 'host-list'), None),
                         (('system', 'host-cpu-list', 'controller-0'),
                          cpus)):
        result = result or cli(*argv)
        print('$ %s\n%s' % (' '.join(argv), (result.stdout or
                                              result.stderr).rstrip()))
    print()


def usage():
    print("""The Flock is up (every API with auth_strategy=noauth).
  fm-api            http://127.0.0.1:18002
  fm-manager        consumes the durable alarm queue on vhost '%s'
  sysinv-api        http://127.0.0.1:6385
  sysinv-conductor  and sysinv-agent for controller-0 (this machine)
  mtce-agent        maintenance of controller-0 (heartbeat on 127.0.0.1);
  mtce-client, pmond  with it; a reboot restarts these three processes
  logs              %s
  configs           %s

Use the CLIs:
  source %s
  system host-list
  system host-show controller-0
  system host-cpu-list controller-0
  system host-memory-list controller-0
  fm alarm-list
  fm event-list --limit 10
  system host-lock controller-0 / host-unlock controller-0
  fmClientCli --config-file %s -d "100.101###host=controller-0"

Stop everything with: make stop
""" % (VHOST, path('log'), path('etc'), path('flockrc'),
       path('etc', 'fm', 'fm.conf')))


def main(argv=None):
    parser = argparse.ArgumentParser(prog='flock_run')
    parser.add_argument('command', choices=('start', 'stop', 'status',
                                            'start-process',
                                            'restart-maintenance'))
    parser.add_argument('name', nargs='?')
    args = parser.parse_args(argv)
    if args.command == 'start-process':
        return start_one(args.name)
    if args.command == 'restart-maintenance':
        return restart_maintenance()
    if args.command in ('start', 'stop') and shutil.which('rabbitmqctl') is \
            None:
        raise SystemExit('RabbitMQ is not installed: run make host')
    {'start': start, 'stop': stop, 'status': status}[args.command]()


if __name__ == '__main__':
    sys.exit(main())
