"""The Flock running in a lab: ``stx-lab up standard --services flock``.

Where each part runs (StarlingX puts the central services on the active
controller behind SM's floating addresses; SM does not exist yet, so the
central services cannot move and live in the root namespace):

=====================  ==================================================
root namespace         fm-manager, fm-api, sysinv-conductor, sysinv-api
                       (on 127.0.0.1, free ports), each with its own
                       PostgreSQL database and the lab's RabbitMQ vhost;
                       dnsmasq's lease hook is sysinv-dnsmasq-lease-update
controller-0           mtce-agent (mtcAgent + hbsAgent) and hwmond; the
                       floating mgmt and cluster-host addresses (``.2``)
every host             mtce-client (+ heartbeat client), pmond,
                       sysinv-agent
=====================  ==================================================

Host daemons start from ``etc/init.d/<name>`` scripts in the host's root
(pid files in ``var/run``), which pmond also uses to restart them
(``etc/pmon.d/*.conf``). A host reboot asked by maintenance is
``python -m stx_lab.reboot``: the lab halts and boots the host.

:func:`up` builds the site as an installer would: sysinv bootstrapped
with controller-0, controller-0 booted, its BMC provisioned and unlocked
(maintenance reboots it), then the other hosts powered on: each is
discovered by its DHCP lease, provisioned (``host-update`` hostname,
personality, BMC) and, as asked, unlocked. Databases and the vhost are
removed by ``stx-lab down``.
"""
import concurrent.futures
import json
import os
import shlex
import subprocess
import sys

import requests

from stx_common.testing import config as testconfig
from stx_common.testing import ports, postgres, rabbit, waiting
from stx_lab import exception, infra, naming

FLOCK_DIR = 'flock'
MARKER = 'flock'
READY_TIMEOUT = 180.0
HOST_DAEMONS = ('mtce-client', 'pmond', 'sysinv-agent')
CONTROLLER_DAEMONS = ('mtce-agent', 'hwmond')
UNLOCK_CHOICES = ('all', 'controllers', 'controller-0', 'none')

# Maintenance settings of a lab: StarlingX's timers scaled to seconds.
MTCE_LAB = {
    'agent': {'heartbeat_period': 100, 'answer_hold': 0.5,
              'bmc_audit_period': 30, 'offline_period': 100,
              'offline_threshold': 30, 'ar_config_interval': 5,
              'ar_goenable_interval': 5, 'ar_hostservices_interval': 5,
              'ar_heartbeat_interval': 10, 'ar_luks_interval': 5,
              'bmc_reset_delay': 30},
    'timeouts': {'heartbeat_soak': 2, 'heartbeat_soak_during_add': 2,
                 'worker_boot_timeout': 180, 'controller_boot_timeout': 180,
                 'goenabled_timeout': 60, 'host_services_timeout': 60,
                 'loc_recovery_timeout': 2, 'recovery_wait': 0.5,
                 'reboot_ack_timeout': 5, 'task_hold': 5,
                 'power_retry_interval': 2, 'reset_retry_interval': 2,
                 'force_lock_reset_wait': 10},
    'client': {'mtcalive_period': 1, 'lazy_reboot_delay': 1},
    'heartbeat': {'transport': 'multicast', 'system_type': 'standard',
                  'arm_timeout': 5},
    'bmc': {'redfish_port': 8000, 'redfish_scheme': 'http', 'timeout': 5},
    'pmon': {'conf_dir': 'etc/pmon.d', 'start_delay': 1,
             'notifier': 'mtce.common.notifiers:ProcessEventNotifier'},
    'hwmon': {'provider': 'mtce.agent.bmc_store:HwmonProvider',
              'hook': 'mtce.common.notifiers:SensorEventHook',
              'audit_interval': 2},
}

# pmond's process files of a lab host (StarlingX's format).
PMON_PROCESSES = {
    'mtce-client': {'severity': 'major', 'restarts': 3, 'interval': 1,
                    'debounce': 10, 'startuptime': 2},
    'sysinv-agent': {'severity': 'major', 'restarts': 2, 'interval': 1,
                     'debounce': 5, 'startuptime': 1},
    'mtce-agent': {'severity': 'major', 'restarts': 3, 'interval': 1,
                   'debounce': 10, 'startuptime': 2},
    'hwmond': {'severity': 'minor', 'restarts': 3, 'interval': 1,
               'debounce': 10, 'startuptime': 2},
}

_INIT_SCRIPT = '''#!/bin/sh
# %(name)s of lab host %(host)s: start | stop | restart | status
PIDFILE=%(pidfile)s
LOG=%(log)s
running() {
    [ -f "$PIDFILE" ] || return 1
    pid=$(cat "$PIDFILE")
    [ -n "$pid" ] && [ -r /proc/$pid/environ ] || return 1
    # a pid file of an earlier boot does not count
    tr '\\0' '\\n' < /proc/$pid/environ | \\
        grep -qx "FLOCK_BOOT_ID=$FLOCK_BOOT_ID"
}
case "$1" in
  start)
    running && exit 0
    mkdir -p "$(dirname "$PIDFILE")"
    setsid %(argv)s >> "$LOG" 2>&1 < /dev/null &
    echo $! > "$PIDFILE"
    ;;
  stop)
    running && kill "$(cat "$PIDFILE")"
    rm -f "$PIDFILE"
    ;;
  restart)
    "$0" stop
    sleep 0.2
    "$0" start
    ;;
  status)
    running
    ;;
esac
'''


def _write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as handle:
        handle.write(text)
    os.chmod(path, mode)


class Flock:
    """The Flock deployment of one lab (configs, processes, databases)."""

    def __init__(self, site, mtce=None):
        self.site = site
        self.paths = site.paths
        self.dir = self.paths.path(FLOCK_DIR)
        self.lab_id = site.lab_id
        self.vhost = 'flock-%s' % self.lab_id
        self.databases = {'fm': 'flock_%s_fm' % self.lab_id,
                          'sysinv': 'flock_%s_sysinv' % self.lab_id}
        self.mtce = {g: dict(v) for g, v in MTCE_LAB.items()}
        for group, values in (mtce or {}).items():
            self.mtce.setdefault(group, {}).update(values)
        self._ports = None

    # -- files ---------------------------------------------------------------
    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    @property
    def lease_hook(self):
        return self.path('lease-hook')

    @property
    def sysinv_conf(self):
        return self.path('etc', 'sysinv', 'sysinv.conf')

    @property
    def fm_conf(self):
        return self.path('etc', 'fm', 'fm.conf')

    @property
    def key_file(self):
        return self.path('mtce.key')

    @property
    def state(self):
        with open(self.path('flock.json')) as handle:
            return json.load(handle)

    @property
    def sysinv_url(self):
        return 'http://127.0.0.1:%d' % self.state['sysinv_port']

    @property
    def fm_url(self):
        return 'http://127.0.0.1:%d' % self.state['fm_port']

    def write_lease_hook(self):
        """dnsmasq's hook, before the lab exists (it calls it at once)."""
        script = shutil_which('sysinv-dnsmasq-lease-update')
        _write(self.lease_hook, '#!/bin/sh\nexec %s --config-file %s "$@"\n'
               % (shlex.quote(script), shlex.quote(self.sysinv_conf)),
               0o755)

    def cli_env(self):
        """What the ``system`` and ``fm`` CLIs need to reach this lab."""
        return {'SYSTEM_URL': self.sysinv_url, 'FM_URL': self.fm_url,
                'OS_AUTH_TOKEN': 'noauth'}

    # -- the central services (root namespace) ----------------------------
    def start_central(self):
        record = self.site.record
        record_extras(self.site)[MARKER] = {
            'vhost': self.vhost, 'databases': sorted(
                self.databases.values())}
        self.paths.save(record)
        vhost = rabbit.Vhost()
        vhost.name = self.vhost
        vhost.create()
        for name in self.databases.values():
            database = postgres.Database()
            database.name = name
            database.drop()
            database.create()
        fm_port, sysinv_port = ports.free_port(), ports.free_port()
        with open(self.path('flock.json'), 'w') as handle:
            json.dump({'fm_port': fm_port, 'sysinv_port': sysinv_port,
                       'vhost': self.vhost}, handle)
        broker = self.site.broker_url(None, vhost=self.vhost)
        common = {'transport_url': broker, 'host': 'controller-0'}
        testconfig.write_config(self._made(self.fm_conf), {
            'DEFAULT': dict(common, state_path=self.path('state', 'fm')),
            'database': {'connection': postgres.url(self.databases['fm'])},
            'api': {'bind_host': '127.0.0.1', 'bind_port': fm_port,
                    'auth_strategy': 'noauth'}})
        testconfig.write_config(self._made(self.sysinv_conf), {
            'DEFAULT': dict(common, state_path=self.path('state', 'sysinv')),
            'database': {'connection': postgres.url(
                self.databases['sysinv'])},
            'api': {'bind_host': '127.0.0.1', 'bind_port': sysinv_port,
                    'auth_strategy': 'noauth'},
            'conductor': {'mtce_timeout': 10, 'mtce_delete_timeout': 10,
                          'lease_update_timeout': 5}})
        self._run('fm-dbsync', self.fm_conf)
        self._start('fm-manager', self.fm_conf,
                    lambda: _log_has(self.paths.log('flock-fm-manager'),
                                     'Consuming alarm events'))
        self._start('fm-api', self.fm_conf,
                    lambda: ports.is_listening('127.0.0.1', fm_port))
        self._run('sysinv-dbsync', self.sysinv_conf)
        site_file = self.path('etc', 'sysinv', 'site.yaml')
        with open(site_file, 'w') as handle:
            json.dump(self.site_file(), handle)
        self._run('sysinv-bootstrap', self.sysinv_conf, '--config',
                  site_file)
        self._start('sysinv-conductor', self.sysinv_conf,
                    lambda: _log_has(self.paths.log(
                        'flock-sysinv-conductor'), 'started'))
        self._start('sysinv-api', self.sysinv_conf,
                    lambda: ports.is_listening('127.0.0.1', sysinv_port))

    @staticmethod
    def _made(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def _run(self, script, config_file, *args):
        log = self.paths.log('flock-%s' % script)
        with open(log, 'ab') as out:
            done = subprocess.run(
                [shutil_which(script), '--config-file', config_file, *args],
                stdout=out, stderr=subprocess.STDOUT, timeout=300,
                env=infra.infra_env(self.lab_id), check=False)
        if done.returncode != 0:
            raise exception.LabError('%s failed; see %s' % (script, log))

    def _start(self, script, config_file, ready):
        infra.start(self.paths, self.site.record, 'flock-%s' % script,
                    [shutil_which(script), '--config-file', config_file],
                    ready, timeout=READY_TIMEOUT)

    def site_file(self):
        """sysinv's bootstrap of this lab: its subnets, the lab's address
        plan (controllers .3/.4, the floating .2, other hosts from .10 in
        the order they are provisioned), controller-0's MAC."""
        site = self.site
        c0 = site.record.hosts['controller-0']
        document = {
            'name': 'flock-%s' % self.lab_id, 'system_mode': 'duplex',
            'system_type': 'Standard', 'timezone': 'UTC',
            'dns_servers': ['8.8.8.8'],
            'controller_0': {'mgmt_mac': c0.links['mgmt'].mac}}
        for net, prefix, first in (('mgmt', 'management', 10),
                                   ('cluster-host', 'cluster_host', 10),
                                   ('oam', 'external_oam', 3),
                                   ('pxeboot', 'pxeboot', 10)):
            subnet = site.subnet(net)
            document['%s_subnet' % prefix] = str(subnet)
            document['%s_start_address' % prefix] = str(subnet[first])
            document['%s_floating_address' % prefix] = str(subnet[2])
            document['%s_node_0_address' % prefix] = str(subnet[3])
            document['%s_node_1_address' % prefix] = str(subnet[4])
        document['external_oam_gateway_address'] = str(
            site.subnet('oam')[1])
        return document

    # -- the hosts ------------------------------------------------------------
    def write_key(self):
        if not os.path.exists(self.key_file):
            os.makedirs(self.dir, exist_ok=True)
            fd = os.open(self.key_file, os.O_WRONLY | os.O_CREAT, 0o600)
            with os.fdopen(fd, 'w') as handle:
                handle.write(os.urandom(32).hex())

    def mtce_conf(self, hostname):
        site = self.site
        root = self.paths.host_root(hostname)
        state_path = os.path.join(root, 'var', 'lib', 'mtce')
        sections = {g: dict(v) for g, v in self.mtce.items()}
        sections['DEFAULT'] = {
            'transport_url': site.broker_url(hostname, vhost=self.vhost),
            'state_path': state_path}
        sections['heartbeat'].update(
            auth_key_file=self.key_file,
            mgmt_interface=naming.host_ifname('mgmt'),
            cluster_host_interface=naming.host_ifname('cluster-host'))
        sections['client'].update(
            controller_mgmt_address=site.floating_address('mgmt'),
            controller_clstr_address=site.floating_address('cluster-host'),
            reboot_command='%s,-m,stx_lab.reboot' % sys.executable)
        sections['agent'].update(
            hwmon_hosts_file=os.path.join(state_path, 'hwmon-hosts.json'),
            bmc_secrets_file=os.path.join(state_path, 'bmc-secrets'),
            bmc_key_file=os.path.join(state_path, 'bmc-secrets.key'))
        return sections

    def write_host(self, hostname):
        """The host's configs, init scripts and pmond files; its boot
        services."""
        root = self.paths.host_root(hostname)
        mtce_conf = os.path.join(root, 'etc', 'mtce', 'mtce.conf')
        sysinv_conf = os.path.join(root, 'etc', 'sysinv', 'sysinv.conf')
        testconfig.write_config(self._made(mtce_conf),
                                self.mtce_conf(hostname))
        testconfig.write_config(self._made(sysinv_conf), {
            'DEFAULT': {'transport_url': self.site.broker_url(
                hostname, vhost=self.vhost),
                'state_path': os.path.join(root, 'var', 'lib', 'sysinv')},
            'agent': {'include_virtual': 'true',
                      'inventory_audit_interval': 30,
                      'host_lookup_interval': 2,
                      'report_retry_interval': 2}})
        for sub in ('etc/goenabled.d', 'etc/config.d', 'var/run',
                    'etc/services.d/controller', 'etc/services.d/worker'):
            os.makedirs(os.path.join(root, sub), exist_ok=True)
        daemons = {'mtce-client': mtce_conf, 'pmond': mtce_conf,
                   'sysinv-agent': sysinv_conf}
        if hostname == 'controller-0':
            daemons.update({'mtce-agent': mtce_conf, 'hwmond': mtce_conf})
        services = []
        if hostname == 'controller-0':
            services.append(self._floating_service())
        for name, config_file in daemons.items():
            script = os.path.join(root, 'etc', 'init.d', name)
            argv = [shutil_which(name), '--config-file', config_file]
            _write(script, _INIT_SCRIPT % {
                'name': name, 'host': hostname,
                'pidfile': os.path.join(root, 'var', 'run', name + '.pid'),
                'log': self.paths.log(name, hostname),
                'argv': ' '.join(shlex.quote(a) for a in argv)}, 0o755)
            services.append({'name': name, 'argv': ['sh', script, 'start']})
            if name in PMON_PROCESSES:
                self.write_pmon(hostname, name, **PMON_PROCESSES[name])
        self.site.set_boot_services(hostname, services)

    def write_pmon(self, hostname, process, **settings):
        """``etc/pmon.d/<process>.conf`` of a host (its init script
        restarts it)."""
        values = {'process': process, 'pidfile': 'var/run/%s.pid' % process,
                  'script': 'etc/init.d/%s' % process, 'style': 'lsb',
                  'severity': 'major', 'restarts': 3, 'interval': 1,
                  'debounce': 10, 'startuptime': 2, 'mode': 'passive'}
        values.update(settings)
        text = '[process]\n' + ''.join('%s = %s\n' % item
                                       for item in values.items())
        _write(os.path.join(self.paths.host_root(hostname), 'etc',
                            'pmon.d', '%s.conf' % process), text)

    def _floating_service(self):
        """controller-0 holds the floating addresses (SM's job, once SM
        exists)."""
        commands = []
        for net in ('mgmt', 'cluster-host'):
            subnet = self.site.subnet(net)
            commands.append('ip addr replace %s/%d dev %s' % (
                self.site.floating_address(net), subnet.prefixlen,
                naming.host_ifname(net)))
        return {'name': 'floating-addresses',
                'argv': ['sh', '-c', '; '.join(commands)]}

    # -- sysinv's REST API ----------------------------------------------------
    def api(self, method, path, body=None, expect=(200, 204)):
        response = requests.request(
            method, self.sysinv_url + path, json=body, timeout=60,
            headers={'X-Auth-Token': 'noauth'})
        if response.status_code not in expect:
            raise exception.LabError('%s %s: %s %s' % (
                method, path, response.status_code, response.text[:400]))
        return response.json() if response.content else None

    def hosts(self):
        return self.api('GET', '/v1/ihosts')['ihosts']

    def host(self, ident):
        return self.api('GET', '/v1/ihosts/%s' % ident)

    def patch(self, ident, **values):
        ops = [{'op': 'replace', 'path': '/' + k, 'value': v}
               for k, v in values.items()]
        return self.api('PATCH', '/v1/ihosts/%s' % ident, ops)

    def wait_host(self, ident, what, predicate, timeout=READY_TIMEOUT):
        last = {}

        def check():
            last['host'] = host = self.host(ident)
            return predicate(host)

        try:
            return waiting.wait_for(check, timeout, interval=0.5,
                                    what='%s %s' % (ident, what))
        except waiting.Timeout as exc:
            host = last.get('host') or {}
            raise exception.LabError('%s: %s not reached in %.0fs (%s)' % (
                ident, what, timeout, ', '.join(
                    '%s=%s' % (k, host.get(k)) for k in (
                        'administrative', 'operational', 'availability',
                        'task', 'inv_state', 'action_state')))) from exc

    def wait_available(self, ident, timeout=READY_TIMEOUT):
        return self.wait_host(ident, 'unlocked-enabled-available', lambda h: (
            h['administrative'], h['operational'], h['availability']) == (
            'unlocked', 'enabled', 'available'), timeout)

    def wait_online(self, ident, timeout=READY_TIMEOUT):
        return self.wait_host(ident, 'online and inventoried', lambda h:
                              h['availability'] == 'online' and
                              h.get('inv_state') == 'inventoried' and
                              h.get('action_state') != 'reinstalling',
                              timeout)

    def bmc_values(self, hostname):
        bmc = self.site.bmc(hostname)
        return {'bm_type': bmc.type, 'bm_ip': bmc.address,
                'bm_username': bmc.username, 'bm_password': bmc.password}

    def discovered(self, hostname, timeout=READY_TIMEOUT):
        """sysinv's placeholder of a host, found by its MAC."""
        mac = self.site.record.hosts[hostname].links['mgmt'].mac
        return waiting.wait_for(
            lambda: next((h for h in self.hosts()
                          if h.get('mgmt_mac') == mac), None),
            timeout, interval=0.5, what='%s discovered' % hostname)

    def provision(self, hostname):
        """``host-update`` of a discovered host: name, personality, BMC."""
        placeholder = self.discovered(hostname)
        personality = self.site.record.hosts[hostname].personality
        return self.patch(placeholder['uuid'], hostname=hostname,
                          personality=personality,
                          **self.bmc_values(hostname))

    def unlock(self, hostname):
        return self.patch(hostname, action='unlock')

    # -- the whole site -------------------------------------------------------
    def bring_up(self, unlock='all', hold=()):
        """controller-0 first, then the others, as described above;
        the hosts in ``hold`` are powered on (and discovered) only."""
        site = self.site
        self.write_key()
        for hostname in site.hosts:
            self.write_host(hostname)
        site.boot('controller-0')
        self.wait_online('controller-0')
        self.patch('controller-0', **self.bmc_values('controller-0'))
        if unlock == 'none':
            others = [h for h in site.hosts if h != 'controller-0']
            self._boot(others)
            return
        self.unlock('controller-0')
        self.wait_available('controller-0')
        others = [h for h in site.hosts if h != 'controller-0']
        self._boot(others)
        provisioned = [h for h in others if h not in hold]
        for hostname in provisioned:     # in order: addresses from .10
            self.provision(hostname)
        wanted = {'all': provisioned, 'controllers': [
            h for h in provisioned if h.startswith('controller')],
            'controller-0': []}[unlock]
        for hostname in wanted:
            self.wait_online(hostname)
            self.unlock(hostname)
        for hostname in wanted:
            self.wait_available(hostname)

    def _boot(self, hostnames):
        if not hostnames:
            return
        with concurrent.futures.ThreadPoolExecutor(len(hostnames)) as pool:
            for future in [pool.submit(self.site.boot, h)
                           for h in hostnames]:
                future.result()


def record_extras(site):
    return site.record.extras


def teardown(record):
    """Remove what :class:`Flock` created outside the lab's state: its
    databases and vhost (``stx-lab down`` calls it)."""
    marker = (record.extras or {}).get(MARKER)
    if not marker:
        return
    for name in marker.get('databases', []):
        database = postgres.Database()
        database.name = name
        database.drop()
    if marker.get('vhost'):
        vhost = rabbit.Vhost()
        vhost.name = marker['vhost']
        vhost.delete()


def up(site, profile='standard', workers=2, unlock='all', mtce=None,
       hold=(), **up_kwargs):
    """Build the lab with the Flock in it; returns the :class:`Flock`.

    :param unlock: the hosts unlocked (``all``, ``controllers``,
        ``controller-0``, ``none``).
    :param hold: hosts powered on and discovered, not provisioned.
    :param mtce: maintenance settings over :data:`MTCE_LAB`
        (``{group: {key: value}}``).
    """
    if unlock not in UNLOCK_CHOICES:
        raise exception.LabError('unlock must be one of %s'
                                 % ', '.join(UNLOCK_CHOICES))
    if profile != 'standard':
        raise exception.LabError('the Flock runs in a standard lab (for '
                                 'now), not %s' % profile)
    flock = Flock(site, mtce=mtce)
    flock.write_lease_hook()
    site.up(profile, workers=workers, lease_hook=flock.lease_hook,
            boot=False, **up_kwargs)
    try:
        flock.start_central()
        flock.bring_up(unlock, hold)
    except BaseException:
        if not os.environ.get('STX_LAB_KEEP'):
            site.down()
        raise
    return flock


def load(site):
    """The :class:`Flock` of a running lab built by :func:`up`."""
    if MARKER not in (site.record.extras or {}):
        raise exception.LabError('lab %s does not run the Flock'
                                 % site.lab_id)
    return Flock(site)


def _log_has(path, text):
    try:
        with open(path, errors='replace') as handle:
            return text in handle.read()
    except OSError:
        return False


def shutil_which(name):
    """A console script of the Flock (beside this Python first)."""
    beside = os.path.join(os.path.dirname(sys.executable), name)
    if os.access(beside, os.X_OK):
        return beside
    import shutil
    found = shutil.which(name)
    if found is None:
        raise exception.LabError('%s is not installed' % name)
    return found


