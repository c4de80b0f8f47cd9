"""The Site: a whole StarlingX site (a lab) on one Linux machine.

A :class:`Site` is bound to a lab id and its state directory. ``up``
builds the lab and records everything it creates in ``lab.json`` before
creating it; any later process can ``Site.load`` the lab and act on it,
and ``down`` removes it (namespaces, bridges, processes by PID and by
their ``FLOCK_LAB`` marker, the state directory) even after whatever
built it crashed. ``down`` is idempotent.

Building a namespaced lab (``aio-dx``, ``standard``), in order:

1. under a machine-wide lock, choose an address slot that clashes with no
   existing network (:mod:`stx_lab.addressing`), create one bridge per
   network with the root namespace's ``.1`` on it and the BMC addresses on
   the BMC bridge, a namespace per host and its veths and addresses;
2. write BMC credentials, sensors, DHCP scripts;
3. start the forwarder, dnsmasq and the BMC emulators (:mod:`stx_lab.infra`);
4. boot every host (in parallel) and mark the lab ``up``.

``aio-sx`` needs no root: controller-0 runs on localhost, its root dir a
directory, its BMC on 127.0.0.1, no bridges, dnsmasq or forwarder.

Hosts reach the site infrastructure at the mgmt gateway (``.1`` of mgmt):
``broker_url(host)`` and ``database_host`` give what a host must use.
Controllers also have a route to the BMC network through that gateway.
"""
import concurrent.futures
import contextlib
import dataclasses
import ipaddress
import os
import re
import secrets
import shutil
import socket
import time
from typing import Any
import uuid

from stx_lab import (
    addressing,
    dhcp,
    exception,
    infra,
    naming,
    network,
    procs,
    profiles,
    state,
)
from stx_lab import host as hostmod
from stx_lab.bmc import client as bmc_client
from stx_lab.bmc import sensors as sensormod

ALLOC_LOCK = '/run/stx-lab-alloc.lock'
BMC_TYPES = ('ipmi', 'redfish')
BMC_USER = 'admin'
IPMI_PORT = 623
REDFISH_PORT = 8000
DEFAULT_BROKER = {'host': '127.0.0.1', 'port': 5672, 'user': 'guest',
                  'password': 'guest', 'node': None}
DEFAULT_DATABASE = {'host': '127.0.0.1', 'port': 5432, 'user': 'postgres'}
UP_TIMEOUT = 120.0


@dataclasses.dataclass(frozen=True)
class BmcEndpoint:
    """How to reach a host's BMC (the password included: keep it out of
    logs)."""

    host: str
    type: str
    address: str
    port: int
    username: str
    password: str = dataclasses.field(repr=False)

    @property
    def url(self) -> str:
        if self.type == 'redfish':
            return 'http://%s:%d' % (self.address, self.port)
        return 'ipmi://%s:%d' % (self.address, self.port)


class Site:
    """A lab, running or about to be built, by its id."""

    def __init__(self, lab_id: str | None = None, base_dir: str | None = None):
        self.lab_id = naming.check_lab_id(lab_id or naming.new_lab_id())
        self.paths = state.LabPaths(self.lab_id, base_dir)
        self._record: state.LabRecord | None = None

    @classmethod
    def load(cls, lab_id: str, base_dir: str | None = None) -> 'Site':
        """The running lab ``lab_id``. :raises LabNotFound:"""
        site = cls(lab_id, base_dir)
        site._record = site.paths.load()
        return site

    @property
    def record(self) -> state.LabRecord:
        if self._record is None:
            self._record = self.paths.load()
        return self._record

    @property
    def state_dir(self) -> str:
        return self.paths.root

    # -- building --------------------------------------------------------

    def up(self, profile: str = 'standard', workers: int | None = None,
           bmc: str = 'ipmi', bmc_types: dict[str, str] | None = None,
           subnets: dict[str, str] | None = None,
           lease_hook: str = dhcp.DEFAULT_LEASE_HOOK,
           broker: str | dict[str, Any] | None = None,
           database: dict[str, Any] | None = None,
           forwards: list[tuple[int, str, int]] | None = None,
           services: dict[str, list] | None = None,
           boot: bool = True, timeout: float = UP_TIMEOUT) -> 'Site':
        """Build the lab and boot its hosts; returns once all is up.

        :param bmc: BMC type of every host (``ipmi`` or ``redfish``).
        :param bmc_types: per-host override, e.g. ``{'worker-1':
            'redfish'}``.
        :param subnets: explicit subnets of every network (else a free
            slot's).
        :param lease_hook: command dnsmasq's lease hook hands events to.
        :param broker: ``'private'`` for a RabbitMQ node of the lab's own,
            or the site broker's ``host``/``port``/``user``/``password``
            (default: 127.0.0.1:5672 guest/guest).
        :param forwards: extra ``(port, target host, target port)``
            forwarded from the mgmt gateway.
        :param services: boot services per host (see
            :meth:`set_boot_services`).
        :raises LabExists: when the lab id has state already.
        :raises NeedsRoot: for a namespaced profile without root.
        """
        if self.paths.exists():
            raise exception.LabExists(
                'lab %s exists (state in %s): run "stx-lab --lab %s down" '
                'first' % (self.lab_id, self.paths.root, self.lab_id))
        spec = profiles.get_profile(profile, workers)
        types = self._bmc_types(spec, bmc, bmc_types or {})
        if spec.namespaced:
            self._check_root(spec)
        os.makedirs(self.paths.root, exist_ok=True)
        try:
            self._build(spec, types, subnets, lease_hook, broker, database,
                        forwards or [], services or {}, boot, timeout)
        except BaseException:
            with contextlib.suppress(Exception):
                self.down()
            raise
        return self

    @staticmethod
    def _bmc_types(spec: profiles.Profile, default: str,
                   overrides: dict[str, str]) -> dict[str, str]:
        types = {}
        for host in spec.hosts:
            kind = overrides.get(host.name, default)
            if kind not in BMC_TYPES:
                raise exception.LabError('BMC type must be one of %s, got '
                                         '%r' % (', '.join(BMC_TYPES), kind))
            types[host.name] = kind
        unknown = set(overrides) - set(types)
        if unknown:
            raise exception.UnknownHost('no host %s in profile %s' % (
                ', '.join(sorted(unknown)), spec.name))
        return types

    @staticmethod
    def _check_root(spec: profiles.Profile) -> None:
        if os.geteuid() != 0:
            raise exception.NeedsRoot(
                'profile %s needs root (network namespaces and bridges); '
                'run as root, or use aio-sx' % spec.name)
        for tool in ('ip', 'dnsmasq'):
            if shutil.which(tool) is None:
                raise exception.LabError(
                    '%s is not installed (tools/ensure-host.sh installs it)'
                    % tool)

    def _build(self, spec, types, subnets, lease_hook, broker, database,
               forwards, services, boot, timeout) -> None:
        deadline = time.monotonic() + timeout
        private = None
        if broker == 'private':
            private, broker = infra.new_private_broker()
        if spec.namespaced:
            with state.locked(ALLOC_LOCK):
                record = self._plan(spec, types, subnets, lease_hook,
                                    broker, database, forwards)
                self.paths.save(record)
                self._record = record
                self._create_network(record)
                self._host_env(record)
                self.paths.save(record)
        else:
            record = self._plan_local(spec, types, lease_hook, broker,
                                      database)
            self._pick_bmc_ports(record)
            self._host_env(record)
            self.paths.save(record)
            self._record = record
        self._write_host_files(record, services)
        if private is not None:
            private.start()
        if spec.namespaced:
            dhcp.write_scripts(self.paths, lease_hook)
            infra.start_forwarder(self.paths, record)
            infra.start_dnsmasq(self.paths, record)
        infra.start_ipmi(self.paths, record)
        for host in record.hosts.values():
            if host.bmc.type == 'redfish':
                infra.start_redfish(self.paths, record, host)
        if boot:
            self._boot_all(max(10.0, deadline - time.monotonic()))
        record.state = 'up'
        self.paths.save(record)

    def _plan(self, spec, types, subnets, lease_hook, broker, database,
              forwards) -> state.LabRecord:
        if subnets:
            nets = addressing.parse_subnets(subnets)
            slot = addressing.choose_slot(network.networks_in_use())
        else:
            slot = addressing.choose_slot(network.networks_in_use())
            nets = addressing.slot_subnets(slot)
        bmc_net = nets[profiles.BMC_NETWORK]
        mgmt_gw = str(addressing.gateway(nets['mgmt']))
        hosts = {}
        for position, host in enumerate(spec.hosts):
            links = {}
            for net in host.networks:
                subnet = nets[net]
                links[net] = state.LinkRecord(
                    network=net, ifname=naming.host_ifname(net),
                    peer=naming.veth_bridge_side(self.lab_id, host.name, net),
                    bridge=naming.bridge(self.lab_id, net),
                    mac=addressing.mac_address(slot, net, host),
                    address=None if net == 'pxeboot' else str(
                        addressing.host_address(subnet, host)),
                    prefixlen=subnet.prefixlen)
            routes = []
            if host.personality == 'controller':
                routes.append([str(bmc_net), mgmt_gw])
            address = str(addressing.bmc_address(bmc_net, position))
            hosts[host.name] = state.HostRecord(
                name=host.name, personality=host.personality,
                subfunctions=list(host.subfunctions),
                namespace=naming.namespace(self.lab_id, host.name),
                links=links, routes=routes,
                bmc=self._bmc_record(types[host.name], address))
        broker = dict(DEFAULT_BROKER, **(broker or {}))
        database = dict(DEFAULT_DATABASE, **(database or {}))
        forward_list = [[mgmt_gw, broker['port'], broker['host'],
                         broker['port']],
                        [mgmt_gw, database['port'], database['host'],
                         database['port']]]
        forward_list += [[mgmt_gw, port, target, tport]
                         for port, target, tport in forwards]
        return state.LabRecord(
            lab_id=self.lab_id, profile=spec.name, workers=spec.workers,
            namespaced=True, slot=slot,
            subnets={k: str(v) for k, v in nets.items()}, hosts=hosts,
            bridges=[naming.bridge(self.lab_id, net)
                     for net in profiles.ALL_NETWORKS],
            lease_hook=lease_hook, broker=broker, database=database,
            forwards=forward_list, created_at=time.time())

    def _plan_local(self, spec, types, lease_hook, broker,
                    database) -> state.LabRecord:
        hosts = {}
        for host in spec.hosts:
            hosts[host.name] = state.HostRecord(
                name=host.name, personality=host.personality,
                subfunctions=list(host.subfunctions), namespace=None,
                links={}, bmc=self._bmc_record(types[host.name],
                                               '127.0.0.1'))
        return state.LabRecord(
            lab_id=self.lab_id, profile=spec.name, workers=0,
            namespaced=False, slot=-1, subnets={}, hosts=hosts, bridges=[],
            lease_hook=lease_hook,
            broker=dict(DEFAULT_BROKER, **(broker or {})),
            database=dict(DEFAULT_DATABASE, **(database or {})),
            forwards=[], created_at=time.time())

    @staticmethod
    def _bmc_record(kind: str, address: str) -> state.BmcRecord:
        # ports are picked once the address exists (see _pick_bmc_ports).
        return state.BmcRecord(type=kind, address=address, port=0,
                               username=BMC_USER, uuid=str(uuid.uuid4()))

    def _create_network(self, record: state.LabRecord) -> None:
        nets = {k: ipaddress.ip_network(v) for k, v in record.subnets.items()}
        for net in profiles.ALL_NETWORKS:
            network.create_bridge(naming.bridge(self.lab_id, net),
                                  str(addressing.gateway(nets[net])),
                                  nets[net].prefixlen)
        bmc_bridge = naming.bridge(self.lab_id, profiles.BMC_NETWORK)
        for host in record.hosts.values():
            network.add_address(bmc_bridge, host.bmc.address,
                                nets[profiles.BMC_NETWORK].prefixlen)
            network.create_namespace(host.namespace)
            for link in host.links.values():
                network.create_veth(link.peer, link.bridge, host.namespace,
                                    link.ifname, link.mac)
                if link.address:
                    network.add_address(link.ifname, link.address,
                                        link.prefixlen, host.namespace)
        self._pick_bmc_ports(record)
        self.paths.save(record)

    @staticmethod
    def _pick_bmc_ports(record: state.LabRecord) -> None:
        """Standard ports (623, 8000) on namespaced labs' own BMC
        addresses when free; free ports on 127.0.0.1 otherwise."""
        for host in record.hosts.values():
            bmc = host.bmc
            if bmc.type == 'ipmi':
                preferred, kind = IPMI_PORT, socket.SOCK_DGRAM
            else:
                preferred, kind = REDFISH_PORT, socket.SOCK_STREAM
            if record.namespaced:
                bmc.port = infra.pick_port(bmc.address, preferred, kind)
            else:
                bmc.port = infra.ports.free_port(kind, bmc.address)

    def _host_env(self, record: state.LabRecord) -> None:
        """What a host needs to reach the site, in its environment."""
        for name, host in record.hosts.items():
            host.env = {'FLOCK_BROKER_URL': self.broker_url(name, record),
                        'FLOCK_DATABASE_HOST': self._infra_address(record)}
            mgmt = host.links.get('mgmt')
            if mgmt is not None:
                host.env['FLOCK_MGMT_ADDRESS'] = mgmt.address

    def _write_host_files(self, record: state.LabRecord,
                          services: dict[str, list]) -> None:
        credentials = {}
        for name in record.hosts:
            os.makedirs(self.paths.host_root(name), exist_ok=True)
            os.makedirs(self.paths.log_dir(name), exist_ok=True)
            sensormod.SensorStore(self.paths, name).initialise()
            self.host(name).set_services(services.get(name, []))
            credentials[name] = {'username': BMC_USER,
                                 'password': secrets.token_urlsafe(12)}
        self.paths.save_credentials(credentials)

    def _boot_all(self, timeout: float) -> None:
        names = list(self.record.hosts)
        with concurrent.futures.ThreadPoolExecutor(len(names)) as pool:
            futures = [pool.submit(self.host(n).boot, timeout)
                       for n in names]
            for future in futures:
                future.result()

    # -- tearing down ----------------------------------------------------

    def down(self, keep_state: bool = False) -> None:
        """Remove everything the lab created. Idempotent; works from the
        state file alone, or from the lab id when even that is gone."""
        record = None
        with contextlib.suppress(Exception):
            record = self.paths.load()
        if record is not None:
            infra.stop_recorded(record)
            infra.remove_private_broker(record.broker)
            if record.extras:
                from stx_lab import flock

                with contextlib.suppress(Exception):
                    flock.teardown(record)
        procs.stop_all(procs.marked(self.lab_id), timeout=3.0)
        if os.geteuid() == 0:
            self._remove_network()
        if not keep_state:
            shutil.rmtree(self.paths.root, ignore_errors=True)
        else:
            with contextlib.suppress(Exception):
                record.state = 'down'
                self.paths.save(record)
        self._record = None

    def _remove_network(self) -> None:
        prefix = re.escape(naming.iface_prefix(self.lab_id))
        nets = '|'.join(naming.NET_SHORT.values())
        veth = re.compile(r'^%s[cws]\d+-(?:%s)$' % (prefix, nets))
        bridge = re.compile(r'^%s-(?:%s)$' % (prefix, nets))
        links = network.list_links(naming.iface_prefix(self.lab_id))
        # a veth goes with its peer in the namespace, then the bridges.
        for name in [n for n in links if veth.match(n)]:
            network.delete_link(name)
        for name in network.list_namespaces(
                naming.namespace_prefix(self.lab_id)):
            network.delete_namespace(name)
        for name in [n for n in links if bridge.match(n)]:
            network.delete_link(name)

    def leftovers(self) -> dict[str, list]:
        """What of the lab still exists (all empty after ``down``)."""
        return {
            'namespaces': network.list_namespaces(
                naming.namespace_prefix(self.lab_id))
            if os.path.isdir(network.NETNS_DIR) else [],
            'links': network.list_links(naming.iface_prefix(self.lab_id)),
            'processes': procs.marked(self.lab_id),
            'state': [self.paths.root] if os.path.exists(self.paths.root)
            else [],
        }

    # -- hosts -----------------------------------------------------------

    @property
    def hosts(self) -> list[str]:
        return list(self.record.hosts)

    def _host_record(self, name: str) -> state.HostRecord:
        try:
            return self.record.hosts[name]
        except KeyError:
            raise exception.UnknownHost('no host %r in lab %s (hosts: %s)' % (
                name, self.lab_id, ', '.join(self.record.hosts))) from None

    def host(self, name: str) -> hostmod.Host:
        return hostmod.Host(self.paths, self._host_record(name))

    def set_boot_services(self, hostname: str, services: list) -> None:
        """The commands ``hostname`` runs at every boot (argv lists, or
        dicts with ``argv``, ``name``, ``env``); from its next boot on."""
        self.host(hostname).set_services(services)

    def boot(self, hostname: str) -> None:
        self.host(hostname).boot()

    def halt(self, hostname: str) -> None:
        self.host(hostname).halt()

    def crash(self, hostname: str) -> None:
        self.host(hostname).crash()

    def reset(self, hostname: str) -> None:
        self.host(hostname).reset()

    def exec(self, hostname: str, argv: list[str], **kwargs):
        """Run ``argv`` on the host; see :meth:`Host.exec`."""
        return self.host(hostname).exec(argv, **kwargs)

    def status(self) -> dict[str, Any]:
        record = self.record
        processes = {name: procs.alive(*pid)
                     for name, pid in record.processes.items()}
        return {'lab_id': self.lab_id, 'profile': record.profile,
                'state': record.state, 'state_dir': self.paths.root,
                'subnets': record.subnets,
                'hosts': [self.host(n).status() for n in record.hosts],
                'infrastructure': processes}

    # -- addresses -------------------------------------------------------

    def subnet(self, net: str) -> ipaddress.IPv4Network:
        return ipaddress.ip_network(self.record.subnets[net])

    def gateway(self, net: str) -> str:
        """The root namespace's address on ``net``."""
        return str(addressing.gateway(self.subnet(net)))

    def floating_address(self, net: str) -> str:
        return str(addressing.floating(self.subnet(net)))

    def address(self, hostname: str, net: str) -> str | None:
        """The host's address on ``net`` (pxeboot: its current lease)."""
        if not self.record.namespaced:
            return '127.0.0.1'
        link = self.host(hostname).links().get(net)
        return link['address'] if link else None

    def namespace(self, hostname: str) -> str | None:
        return self._host_record(hostname).namespace

    @staticmethod
    def _infra_address(record: state.LabRecord) -> str:
        if not record.namespaced:
            return '127.0.0.1'
        return str(addressing.gateway(
            ipaddress.ip_network(record.subnets['mgmt'])))

    @property
    def infra_address(self) -> str:
        """Where hosts reach site infrastructure (the mgmt gateway)."""
        return self._infra_address(self.record)

    def broker_url(self, hostname: str | None = None,
                   record: state.LabRecord | None = None,
                   vhost: str = '') -> str:
        """The RabbitMQ URL a host must use (from the root namespace:
        ``hostname=None``)."""
        record = record or self.record
        broker = record.broker
        where = broker['host'] if hostname is None else \
            self._infra_address(record)
        return 'rabbit://%s:%s@%s:%d/%s' % (broker['user'],
                                            broker['password'], where,
                                            broker['port'], vhost)

    @property
    def database_host(self) -> str:
        """The PostgreSQL host every lab host must use."""
        return self.infra_address

    def database_url(self, database: str, hostname: str | None = None) -> str:
        db = self.record.database
        where = db['host'] if hostname is None else self.database_host
        return 'postgresql+psycopg2://%s@%s:%d/%s' % (db['user'], where,
                                                      db['port'], database)

    # -- BMCs, sensors, DHCP -------------------------------------------

    def bmc(self, hostname: str) -> BmcEndpoint:
        record = self._host_record(hostname).bmc
        password = self.paths.credentials()[hostname]['password']
        return BmcEndpoint(hostname, record.type, record.address,
                           record.port, record.username, password)

    def power(self, hostname: str, action: str) -> str:
        """Power ``action`` through the host's BMC (a real IPMI or Redfish
        request); ``status`` returns ``on``/``off``."""
        record = self._host_record(hostname).bmc
        password = self.paths.credentials()[hostname]['password']
        return bmc_client.power(record, password, action)

    def sensors(self, hostname: str) -> list[sensormod.Sensor]:
        self._host_record(hostname)
        return sensormod.SensorStore(self.paths, hostname).all()

    def set_sensor(self, hostname: str, name: str,
                   value: float) -> sensormod.Sensor:
        """Set a sensor of the host's BMC; seen at once by both BMCs."""
        self._host_record(hostname)
        return sensormod.SensorStore(self.paths, hostname).set(name, value)

    def lease_events(self) -> list[list[str]]:
        """Lease hook calls: ``[time, add|old|del, mac, ip, ...]``."""
        return dhcp.lease_events(self.paths)

    # -- faults ----------------------------------------------------------

    @property
    def faults(self):
        from stx_lab import faults

        return faults.Faults(self)


def list_labs(base_dir: str | None = None) -> list[str]:
    base = base_dir or state.base_dir()
    try:
        entries = sorted(os.listdir(base))
    except FileNotFoundError:
        return []
    return [e for e in entries
            if os.path.exists(os.path.join(base, e, state.STATE_FILE))]
