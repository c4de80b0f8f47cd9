"""The IPMI BMCs of a lab: pyghmi ``Bmc`` subclasses, one process each.

``python -m stx_lab.bmc.ipmi --base DIR --lab ID [--host NAME]`` serves
the BMC of every host of the lab whose BMC type is ``ipmi`` (or of host
``NAME`` only: the lab runs one process per BMC), each bound to its own address
on the BMC network (never the wildcard) and UDP port 623 (a free port on
127.0.0.1 for ``aio-sx``). Real ``ipmitool -I lanplus`` works against it:

* ``power status|on|off|cycle|reset|soft``, ``chassis status``,
  ``chassis bootdev``, ``mc info``, ``mc guid``: pyghmi's own handling,
  with power wired to the lab host through :mod:`stx_lab.bmc.power`;
* ``sensor list`` and ``sdr list``: the SDR commands of
  :mod:`stx_lab.bmc.sdr`, reading values from :mod:`stx_lab.bmc.sensors`
  on every request, so values set by a test show at once.

pyghmi's server always answers an RMCP+ open-session request with cipher
suite 3 (HMAC-SHA1), even to a client proposing SHA-256, which makes the
pyghmi *client* fail in RAKP2. The patch below refuses non-SHA1 proposals
("no matching cipher suite"), after which the client retries with SHA-1;
ipmitool is not affected. Passwords come from the lab's credentials file
and are never logged.
"""
import argparse
import logging
import sys
import uuid as uuidlib

from pyghmi.ipmi import bmc as pyghmi_bmc
from pyghmi.ipmi.private import serversession
from pyghmi.ipmi.private import session as ipmisession

from stx_lab import host as hostmod
from stx_lab import state
from stx_lab.bmc import power, sdr, sensors

LOG = logging.getLogger('stx_lab.bmc.ipmi')
IPMI_PORT = 623
NO_MATCHING_CIPHER_SUITE = 0x11

_original_open_session = \
    serversession.ServerSession.create_open_session_response


def _sha1_only_open_session(self, request):
    """Refuse an RMCP+ open-session proposal other than HMAC-SHA1."""
    request = bytearray(request)
    if len(request) >= 32 and (request[12] != 1 or request[20] != 1):
        return bytearray([request[0], NO_MATCHING_CIPHER_SUITE, 0, 0]) + \
            request[4:8]
    return _original_open_session(self, request)


serversession.ServerSession.create_open_session_response = \
    _sha1_only_open_session


def _sessionless_data(self, data, sockaddr):
    """A packet queued to a session whose client address was meanwhile
    taken by a new session from the same port (pyghmi's ServerSession
    has no such method and its event loop died on it): the BMC handles
    it as the start of a new session."""
    self.bmc.sessionless_data(data, sockaddr)


serversession.ServerSession.sessionless_data = _sessionless_data


class LabBmc(pyghmi_bmc.Bmc):
    """The IPMI BMC of one lab host."""

    def __init__(self, authdata: dict[str, str], address: str, port: int,
                 host: hostmod.Host, bmc_uuid: str):
        super().__init__(authdata, port=port, address=address)
        self.host = host
        self.uuid = uuidlib.UUID(bmc_uuid)
        self.power = power.PowerControl(host)
        self.sensors = sensors.SensorStore(host.paths, host.name)
        self.additionaldevices = 0x02      # an SDR repository device
        self.boot_device = 'default'
        self._reservation = 0

    def get_power_state(self):
        return self.power.state()

    def power_on(self):
        self.power.request('on')

    def power_off(self):
        self.power.request('off')

    def power_shutdown(self):
        self.power.request('soft')

    def power_reset(self):
        self.power.request('reset')

    def power_cycle(self):
        self.power.request('cycle')

    def pulse_diag(self):
        return 0

    def cold_reset(self):
        return 0

    def is_active(self):
        return self.power.state() == power.ON

    def get_system_guid(self):
        return self.uuid

    def get_boot_device(self):
        return self.boot_device

    def set_boot_device(self, bootdevice):
        self.boot_device = bootdevice

    def handle_raw_request(self, request, session):
        handled = self._sensor_command(request)
        if handled is None:
            return super().handle_raw_request(request, session)
        code, data = handled
        session.send_ipmi_response(data=data, code=code)

    def _sensor_command(self, request) -> tuple[int, list[int]] | None:
        netfn, command = request['netfn'], request['command']
        data = bytes(request.get('data') or b'')
        if netfn == sdr.NETFN_STORAGE:
            if command == sdr.CMD_GET_SDR_REPOSITORY_INFO:
                return sdr.CC_OK, self._repository().info()
            if command == sdr.CMD_RESERVE_SDR_REPOSITORY:
                self._reservation = self._reservation % 0xfffe + 1
                return sdr.CC_OK, [self._reservation & 0xff,
                                   self._reservation >> 8]
            if command == sdr.CMD_GET_SDR:
                return self._repository().get(data)
        elif netfn == sdr.NETFN_SENSOR and data:
            if command == sdr.CMD_GET_SENSOR_READING:
                return self._repository().reading(data[0])
            if command == sdr.CMD_GET_SENSOR_THRESHOLDS:
                return self._repository().thresholds(data[0])
            if command == sdr.CMD_GET_SENSOR_HYSTERESIS:
                return self._repository().hysteresis(data[0])
        return None

    def _repository(self) -> sdr.Repository:
        return sdr.Repository(self.sensors.all())


def serve(paths: state.LabPaths, only: str | None = None) -> list[LabBmc]:
    """Create the BMC of every IPMI host of the lab, or of host ``only``
    (bound, not served)."""
    record = paths.load()
    credentials = paths.credentials()
    bmcs = []
    for name, host_record in record.hosts.items():
        bmc = host_record.bmc
        if bmc.type != 'ipmi' or only not in (None, name):
            continue
        authdata = {bmc.username: credentials[name]['password']}
        host = hostmod.Host(paths, host_record)
        bmcs.append(LabBmc(authdata, bmc.address, bmc.port, host, bmc.uuid))
        LOG.info('BMC of %s on %s:%d (user %s)', name, bmc.address,
                 bmc.port, bmc.username)
    return bmcs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='stx_lab.bmc.ipmi')
    parser.add_argument('--base', required=True)
    parser.add_argument('--lab', required=True)
    parser.add_argument('--host', help='serve this host\'s BMC only')
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO,
                        format='%(asctime)s %(name)s %(message)s')
    bmcs = serve(state.LabPaths(args.lab, args.base), args.host)
    LOG.info('serving %d IPMI BMCs', len(bmcs))
    while True:
        try:
            ipmisession.Session.wait_for_rsp(timeout=30)
        except Exception:  # noqa: BLE001 - one bad packet must not kill us
            LOG.exception('IPMI packet handling failed')


if __name__ == '__main__':
    sys.exit(main())
