"""Site profiles as data: which hosts a lab has and how they are wired.

=============  ====================================================  =====
profile        hosts                                                 root
=============  ====================================================  =====
``aio-sx``     controller-0 on localhost (its root dir a directory)  no
``aio-dx``     controller-0, controller-1                            yes
``standard``   controller-0, controller-1, worker-0 .. worker-N-1    yes
=============  ====================================================  =====

Controllers have a link on every platform network (oam, mgmt,
cluster-host, pxeboot); workers have no OAM link, as in StarlingX.
"""
import dataclasses

from stx_lab import exception, naming

PLATFORM_NETWORKS = ('oam', 'mgmt', 'cluster-host', 'pxeboot')
BMC_NETWORK = 'bmc'
ALL_NETWORKS = PLATFORM_NETWORKS + (BMC_NETWORK,)
WORKER_NETWORKS = ('mgmt', 'cluster-host', 'pxeboot')
DEFAULT_WORKERS = 2
MAX_WORKERS = 89


@dataclasses.dataclass(frozen=True)
class HostSpec:
    """One host of a profile."""

    name: str
    personality: str
    subfunctions: tuple[str, ...]
    networks: tuple[str, ...]

    @property
    def short(self) -> str:
        return naming.host_short(self.name)

    @property
    def index(self) -> int:
        return int(self.name.rsplit('-', 1)[1])


@dataclasses.dataclass(frozen=True)
class Profile:
    """A named set of hosts; ``namespaced`` profiles need root."""

    name: str
    hosts: tuple[HostSpec, ...]
    namespaced: bool

    def host(self, name: str) -> HostSpec:
        for spec in self.hosts:
            if spec.name == name:
                return spec
        raise exception.UnknownHost('no host %r in profile %s'
                                    % (name, self.name))

    @property
    def workers(self) -> int:
        return sum(1 for h in self.hosts if h.personality == 'worker')


def _controller(index: int, aio: bool, networks=PLATFORM_NETWORKS):
    subfunctions = ('controller', 'worker') if aio else ('controller',)
    return HostSpec('controller-%d' % index, 'controller', subfunctions,
                    tuple(networks))


def _worker(index: int) -> HostSpec:
    return HostSpec('worker-%d' % index, 'worker', ('worker',),
                    WORKER_NETWORKS)


PROFILES = ('aio-sx', 'aio-dx', 'standard')


def get_profile(name: str, workers: int | None = None) -> Profile:
    """The profile called ``name``; ``workers`` only for ``standard``.

    :raises LabError: for an unknown profile or a bad worker count.
    """
    if name == 'aio-sx':
        _no_workers(name, workers)
        return Profile(name, (_controller(0, True, ()),), namespaced=False)
    if name == 'aio-dx':
        _no_workers(name, workers)
        return Profile(name, (_controller(0, True), _controller(1, True)),
                       namespaced=True)
    if name == 'standard':
        count = DEFAULT_WORKERS if workers is None else workers
        if not 0 <= count <= MAX_WORKERS:
            raise exception.LabError('workers must be between 0 and %d'
                                     % MAX_WORKERS)
        hosts = (_controller(0, False), _controller(1, False)) + tuple(
            _worker(i) for i in range(count))
        return Profile(name, hosts, namespaced=True)
    raise exception.LabError('unknown profile %r (one of: %s)'
                             % (name, ', '.join(PROFILES)))


def _no_workers(name: str, workers: int | None) -> None:
    if workers:
        raise exception.LabError('profile %s has no workers' % name)
