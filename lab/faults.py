"""Fault injection in a running lab, for tests and ``stx-lab``.

=====================  =================================================
fault                  how
=====================  =================================================
power off / on /       a real IPMI (ipmitool) or Redfish request to the
reset / cycle          host's emulated BMC, which halts / boots the host
crash                  SIGKILL every process of the host, down its
                       links; no BMC involved, the power stays on
cut / restore a link   down / up the bridge side of one veth: the host
                       loses carrier on that network only
kill a process         a signal (SIGKILL by default) to the host's
                       processes of that name
stop / start broker    ``rabbitmqctl stop_app`` / ``start_app`` (see
                       :mod:`stx_lab.infra` for the impact)
sensor value           rewrite one sensor of the host's BMC
=====================  =================================================
"""
import signal
from typing import TYPE_CHECKING

from stx_lab import infra

if TYPE_CHECKING:
    from stx_lab.site import Site


class Faults:
    """The faults one can inject into ``site``."""

    def __init__(self, site: 'Site'):
        self.site = site

    def power_off(self, host: str) -> None:
        self.site.power(host, 'off')

    def power_on(self, host: str) -> None:
        self.site.power(host, 'on')

    def power_reset(self, host: str) -> None:
        self.site.power(host, 'reset')

    def power_cycle(self, host: str) -> None:
        self.site.power(host, 'cycle')

    def power_status(self, host: str) -> str:
        return self.site.power(host, 'status')

    def crash(self, host: str) -> None:
        self.site.crash(host)

    def cut_link(self, host: str, network: str) -> None:
        self.site.host(host).cut_link(network)

    def restore_link(self, host: str, network: str) -> None:
        self.site.host(host).restore_link(network)

    def kill_process(self, host: str, name: str,
                     sig: int = signal.SIGKILL) -> list[int]:
        """Signal the host's processes called ``name``; their PIDs."""
        return self.site.host(host).kill_process(name, sig)

    def stop_broker(self) -> None:
        infra.stop_broker(self.site.record.broker)

    def start_broker(self) -> None:
        infra.start_broker(self.site.record.broker)

    def set_sensor(self, host: str, sensor: str, value: float) -> None:
        self.site.set_sensor(host, sensor, value)
