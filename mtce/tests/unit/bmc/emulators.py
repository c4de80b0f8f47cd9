"""Real BMC emulators on loopback for the unit tests of mtce's BMC code.

Both run as processes of their own (``python -m
mtce.tests.unit.bmc.emulators ipmi|redfish ...``), read their sensors from
a JSON file the test rewrites (:meth:`set_sensor`) and append every power
request they receive to a file (:meth:`requests`):

* :class:`IpmiEmulator`: pyghmi's ``Bmc`` with the lab's SDR repository
  (:mod:`stx_lab.bmc.sdr`), so sensor reads with thresholds work, and the
  lab's open-session patch (refuse non-SHA1 cipher proposals) that
  pyghmi's client needs. It runs in a process of its own: pyghmi's client
  and server share one I/O loop and session cache in a process, which
  stalls when both run in the same one.
* :class:`RedfishEmulator`: sushy-tools' emulator (fake systems driver
  without its random power delay, basic auth) with the lab's
  Thermal/Power middleware.
"""
import argparse
import dataclasses
import json
import os
import socket
import sys
import types
import uuid

import bcrypt

from stx_common.testing import ports, process, waiting

USER = 'admin'


class _SensorFile:
    """Sensors as a JSON file the test rewrites and an emulator reads."""

    def __init__(self, path):
        from stx_lab.bmc import sensors

        self.path = path
        self._sensors = sensors.default_sensors()
        self.write()

    def write(self):
        tmp = self.path + '.tmp'
        with open(tmp, 'w') as handle:
            json.dump([dataclasses.asdict(s) for s in self._sensors], handle)
        os.replace(tmp, self.path)

    def set(self, name, value):
        for sensor in self._sensors:
            if sensor.name == name:
                sensor.value = float(value)
                self.write()
                return sensor
        raise KeyError(name)


def _read_lines(path):
    try:
        with open(path) as handle:
            return handle.read().split()
    except FileNotFoundError:
        return []


class _Emulator:
    """A BMC emulator process with its sensors and power log files."""

    kind = None

    def __init__(self, workdir, password, username=USER, power='on'):
        self.workdir = str(workdir)
        os.makedirs(self.workdir, exist_ok=True)
        self.username = username
        self.password = password
        self.address = '127.0.0.1'
        self.sensor_file = _SensorFile(os.path.join(self.workdir,
                                                    'sensors.json'))
        self.power_log = os.path.join(self.workdir, 'power.log')
        self.power_file = os.path.join(self.workdir, 'power')
        with open(self.power_file, 'w') as handle:
            handle.write(power.lower())
        self.proc = None

    def _launch(self, *args):
        self.proc = process.ServiceProcess(
            [sys.executable, '-m', __name__, self.kind,
             '--sensors', self.sensor_file.path,
             '--power-log', self.power_log] + list(args),
            os.path.join(self.workdir, '%s.log' % self.kind))
        self.proc.start()

    def stop(self):
        if self.proc is not None:
            self.proc.stop()

    def set_sensor(self, name, value):
        return self.sensor_file.set(name, value)

    def requests(self):
        """The power requests received, in order."""
        return _read_lines(self.power_log)

    def wait_for_request(self, request, timeout=10.0):
        return waiting.wait_for(lambda: request in self.requests(), timeout,
                                interval=0.05,
                                what='BMC request %s' % request)


class IpmiEmulator(_Emulator):
    """pyghmi's ``Bmc`` as a process on 127.0.0.1 (UDP, free port), with
    the lab's SDR repository."""

    kind = 'ipmi'

    def start(self):
        self.port = ports.free_port(socket.SOCK_DGRAM)
        secret = os.path.join(self.workdir, 'password')
        fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, 'w') as handle:
            handle.write(self.password)
        ready = os.path.join(self.workdir, 'ready')
        self._launch('--port', str(self.port), '--user', self.username,
                     '--password-file', secret, '--power-file',
                     self.power_file, '--ready-file', ready)
        self.proc.wait_until(lambda: os.path.exists(ready), timeout=60,
                             what='IPMI emulator ready')
        return self

    @property
    def power_state(self):
        return _read_lines(self.power_file)[0]


class RedfishEmulator(_Emulator):
    """sushy-tools' emulator as a process on a free loopback port."""

    kind = 'redfish'

    def start(self):
        self.port = ports.free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        auth = os.path.join(self.workdir, 'htpasswd')
        hashed = bcrypt.hashpw(self.password.encode(),
                               bcrypt.gensalt(rounds=4))
        with open(auth, 'w') as handle:
            handle.write('%s:%s\n' % (self.username, hashed.decode()))
        power = 'On' if _read_lines(self.power_file)[0] == 'on' else 'Off'
        config = {
            'SUSHY_EMULATOR_LISTEN_IP': '127.0.0.1',
            'SUSHY_EMULATOR_LISTEN_PORT': self.port,
            'SUSHY_EMULATOR_FAKE_DRIVER': True,
            'SUSHY_EMULATOR_STATE_DIR': os.path.join(self.workdir, 'state'),
            'SUSHY_EMULATOR_AUTH_FILE': auth,
            'SUSHY_EMULATOR_FAKE_SYSTEMS': [{
                'uuid': str(uuid.uuid4()), 'name': 'host-0',
                'power_state': power, 'external_notifier': False,
                'nics': []}],
            'SUSHY_EMULATOR_CHASSIS': [{
                'Id': 'Chassis-1', 'Name': 'host-0',
                'UUID': str(uuid.uuid4())}],
        }
        path = os.path.join(self.workdir, 'emulator.conf')
        with open(path, 'w') as handle:
            for key, value in config.items():
                handle.write('%s = %r\n' % (key, value))
        self._launch('--config', path)
        self.proc.wait_until(
            lambda: ports.is_listening('127.0.0.1', self.port), timeout=60,
            what='sushy-tools emulator listening')
        return self


class _FileSensors:
    """The lab's sensor store interface over one JSON file."""

    def __init__(self, path):
        self.path = path

    def all(self):
        from stx_lab.bmc import sensors

        with open(self.path) as handle:
            return [sensors.Sensor(**item) for item in json.load(handle)]


def _ipmi(args):
    from pyghmi.ipmi import bmc as pyghmi_bmc

    from stx_lab.bmc import ipmi as lab_ipmi  # the SHA1-only patch
    from stx_lab.bmc import sdr

    with open(args.password_file) as handle:
        password = handle.read()
    store = _FileSensors(args.sensors)

    def power(request, state):
        with open(args.power_log, 'a') as handle:
            handle.write(request + '\n')
        with open(args.power_file, 'w') as handle:
            handle.write(state)

    class EmulatedBmc(pyghmi_bmc.Bmc):
        _reservation = 0

        def get_power_state(self):
            return _read_lines(args.power_file)[0]

        def power_on(self):
            power('on', 'on')

        def power_off(self):
            power('off', 'off')

        def power_shutdown(self):
            power('soft', 'off')

        def power_reset(self):
            power('reset', 'on')

        def power_cycle(self):
            power('cycle', 'on')

        def handle_raw_request(self, request, session):
            handled = lab_ipmi.LabBmc._sensor_command(self, request)
            if handled is None:
                return super().handle_raw_request(request, session)
            session.send_ipmi_response(data=handled[1], code=handled[0])

        def _repository(self):
            return sdr.Repository(store.all())

    bmc = EmulatedBmc({args.user: password}, port=args.port,
                      address='127.0.0.1')
    open(args.ready_file, 'w').close()
    bmc.listen()


def _redfish(args):
    from sushy_tools.emulator import main as emulator
    from sushy_tools.emulator.resources.systems import fakedriver

    from stx_lab.bmc import redfish as lab_redfish

    # Power changes at once (the stock driver waits 1-11 s).
    fakedriver.random = types.SimpleNamespace(randint=lambda a, b: 0)
    stock = fakedriver.FakeDriver

    class RecordingDriver(stock):
        def set_power_state(self, identity, state):
            with open(args.power_log, 'a') as handle:
                handle.write(state + '\n')
            return super().set_power_state(identity, state)

    fakedriver.FakeDriver = RecordingDriver
    emulator.app.wsgi_app = lab_redfish.SensorMiddleware(
        emulator.app.wsgi_app, _FileSensors(args.sensors))
    sys.argv = ['sushy-emulator', '--config', args.config]
    return emulator.main()


def main(argv=None):
    parser = argparse.ArgumentParser(prog='bmc-emulator')
    parser.add_argument('kind', choices=['ipmi', 'redfish'])
    parser.add_argument('--sensors', required=True)
    parser.add_argument('--power-log', required=True)
    parser.add_argument('--config')
    parser.add_argument('--port', type=int)
    parser.add_argument('--user')
    parser.add_argument('--password-file')
    parser.add_argument('--power-file')
    parser.add_argument('--ready-file')
    args = parser.parse_args(argv)
    if args.kind == 'ipmi':
        return _ipmi(args)
    return _redfish(args)


if __name__ == '__main__':
    sys.exit(main())
