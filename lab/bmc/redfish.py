"""A Redfish BMC of a lab host: the sushy-tools emulator, wired to the host.

``python -m stx_lab.bmc.redfish --base DIR --lab ID --host NAME`` runs one
sushy-tools emulator (fake systems driver) for one host, bound to its BMC
address (port 8000, or a free port on 127.0.0.1 for ``aio-sx``), with
HTTP basic auth from a bcrypt htpasswd file. Three changes to the stock
emulator:

* power: the fake driver's ``get/set_power_state`` are replaced by the
  lab host's power through :mod:`stx_lab.bmc.power`. The stock driver
  applies changes after a random 1-11 s delay; here a ``Reset`` is
  acknowledged at once and carried out at once (``On``/``ForceOn``: boot,
  ``ForceOff``: halt, ``GracefulShutdown``: shutdown,
  ``GracefulRestart``/``ForceRestart``/``PowerCycle``: reset);
* sensors: sushy-tools serves a static Chassis ``Thermal`` and no
  ``Power`` at all. A WSGI middleware (inside the auth middleware) serves
  both from :mod:`stx_lab.bmc.sensors`: ``Temperatures`` and ``Fans`` in
  Thermal, ``Voltages``, ``PowerControl`` and ``PowerSupplies`` in Power,
  with thresholds and ``Status.Health``, and adds the ``Power`` link to the
  chassis resource;
* the state directory of the fake driver is the lab's, never shared.
"""
import argparse
import json
import logging
import os
import re
import sys
import uuid as uuidlib

import bcrypt

from stx_lab import host as hostmod
from stx_lab import state
from stx_lab.bmc import power, sensors

LOG = logging.getLogger('stx_lab.bmc.redfish')
REDFISH_PORT = 8000
CHASSIS_ID = 'Chassis-1'
_SENSOR_PATH = re.compile(r'^/redfish/v1/Chassis/([^/]+)/(Thermal|Power)/?$')
_CHASSIS_PATH = re.compile(r'^/redfish/v1/Chassis/([^/]+)/?$')

# Redfish ResetType -> power action.
RESET_TYPES = {
    'On': 'on', 'ForceOn': 'on', 'ForceOff': 'off',
    'GracefulShutdown': 'soft', 'GracefulRestart': 'reset',
    'ForceRestart': 'reset', 'PowerCycle': 'cycle',
}


def _thresholds(sensor: sensors.Sensor, suffix: str = '') -> dict:
    names = {'unc': 'UpperThresholdNonCritical',
             'ucr': 'UpperThresholdCritical', 'unr': 'UpperThresholdFatal',
             'lnc': 'LowerThresholdNonCritical',
             'lcr': 'LowerThresholdCritical', 'lnr': 'LowerThresholdFatal'}
    return {names[k] + suffix: v for k, v in sensor.thresholds().items()}


def _status(sensor: sensors.Sensor) -> dict:
    return {'State': 'Enabled', 'Health': sensor.health}


def thermal(chassis: str, sensor_list: list[sensors.Sensor]) -> dict:
    """The Chassis Thermal resource."""
    base = '/redfish/v1/Chassis/%s/Thermal' % chassis
    temps, fans = [], []
    for sensor in sensor_list:
        if sensor.kind == sensors.TEMPERATURE:
            temps.append(dict({
                '@odata.id': '%s#/Temperatures/%d' % (base, len(temps)),
                'MemberId': str(len(temps)), 'Name': sensor.name,
                'SensorNumber': sensor.number,
                'ReadingCelsius': sensor.value, 'Status': _status(sensor),
            }, **_thresholds(sensor)))
        elif sensor.kind == sensors.FAN:
            fans.append(dict({
                '@odata.id': '%s#/Fans/%d' % (base, len(fans)),
                'MemberId': str(len(fans)), 'Name': sensor.name,
                'SensorNumber': sensor.number, 'Reading': sensor.value,
                'ReadingUnits': 'RPM', 'Status': _status(sensor),
            }, **_thresholds(sensor)))
    return {'@odata.type': '#Thermal.v1_3_0.Thermal',
            '@odata.id': base, 'Id': 'Thermal', 'Name': 'Thermal',
            'Temperatures': temps, 'Fans': fans}


def power_resource(chassis: str, sensor_list: list[sensors.Sensor]) -> dict:
    """The Chassis Power resource."""
    base = '/redfish/v1/Chassis/%s/Power' % chassis
    volts, control, supplies = [], [], []
    for sensor in sensor_list:
        if sensor.kind == sensors.VOLTAGE:
            volts.append(dict({
                '@odata.id': '%s#/Voltages/%d' % (base, len(volts)),
                'MemberId': str(len(volts)), 'Name': sensor.name,
                'SensorNumber': sensor.number,
                'ReadingVolts': sensor.value, 'Status': _status(sensor),
            }, **_thresholds(sensor)))
        elif sensor.kind == sensors.POWER:
            control.append({
                '@odata.id': '%s#/PowerControl/%d' % (base, len(control)),
                'MemberId': str(len(control)), 'Name': sensor.name,
                'PowerConsumedWatts': sensor.value,
                'Status': _status(sensor)})
            supplies.append({
                '@odata.id': '%s#/PowerSupplies/%d' % (base, len(supplies)),
                'MemberId': str(len(supplies)), 'Name': sensor.name,
                'LastPowerOutputWatts': sensor.value,
                'Status': _status(sensor)})
    return {'@odata.type': '#Power.v1_5_0.Power', '@odata.id': base,
            'Id': 'Power', 'Name': 'Power', 'Voltages': volts,
            'PowerControl': control, 'PowerSupplies': supplies}


class SensorMiddleware:
    """Serves Thermal and Power from the lab's sensors."""

    def __init__(self, app, store: sensors.SensorStore):
        self.app = app
        self.store = store

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '')
        method = environ.get('REQUEST_METHOD', 'GET')
        match = _SENSOR_PATH.match(path)
        if match and method == 'GET':
            chassis, resource = match.groups()
            build = thermal if resource == 'Thermal' else power_resource
            return self._json(start_response,
                              build(chassis, self.store.all()))
        match = _CHASSIS_PATH.match(path)
        if match and method == 'GET':
            return self._with_power_link(environ, start_response,
                                         match.group(1))
        return self.app(environ, start_response)

    @staticmethod
    def _json(start_response, body: dict):
        data = json.dumps(body).encode()
        start_response('200 OK', [('Content-Type', 'application/json'),
                                  ('Content-Length', str(len(data)))])
        return [data]

    def _with_power_link(self, environ, start_response, chassis: str):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured['status'], captured['headers'] = status, headers
            return lambda data: None

        body = b''.join(self.app(environ, capture))
        if captured['status'].startswith('200'):
            try:
                resource = json.loads(body)
                resource['Power'] = {
                    '@odata.id': '/redfish/v1/Chassis/%s/Power' % chassis}
                body = json.dumps(resource).encode()
            except ValueError:
                pass
        headers = [(k, v) for k, v in captured['headers']
                   if k.lower() != 'content-length']
        headers.append(('Content-Length', str(len(body))))
        start_response(captured['status'], headers)
        return [body]


def _lab_driver(base_driver, control: power.PowerControl):
    """A sushy-tools fake systems driver whose power is the lab host's."""

    class LabSystemsDriver(base_driver):

        def get_power_state(self, identity):
            self._get(identity)            # 404 for unknown systems
            return 'On' if control.state() == power.ON else 'Off'

        def set_power_state(self, identity, state_name):
            from sushy_tools import error

            self._get(identity)
            try:
                action = RESET_TYPES[state_name]
            except KeyError:
                raise error.NotSupportedError(
                    'Power state %s is not supported' % state_name) from None
            control.request(action)

    return LabSystemsDriver


def write_config(paths: state.LabPaths, record: state.HostRecord,
                 password: str) -> str:
    """The emulator's config file (and htpasswd); returns its path."""
    directory = paths.path('bmc', record.name)
    os.makedirs(directory, mode=0o700, exist_ok=True)
    auth_file = os.path.join(directory, 'htpasswd')
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=5))
    fd = os.open(auth_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w') as handle:
        handle.write('%s:%s\n' % (record.bmc.username, hashed.decode()))
    mgmt = record.links.get('mgmt')
    nics = [{'mac': mgmt.mac, 'ip': mgmt.address}] if mgmt else []
    config = {
        'SUSHY_EMULATOR_LISTEN_IP': record.bmc.address,
        'SUSHY_EMULATOR_LISTEN_PORT': record.bmc.port,
        'SUSHY_EMULATOR_FAKE_DRIVER': True,
        'SUSHY_EMULATOR_STATE_DIR': os.path.join(directory, 'state'),
        'SUSHY_EMULATOR_AUTH_FILE': auth_file,
        'SUSHY_EMULATOR_FAKE_SYSTEMS': [{
            'uuid': record.bmc.uuid, 'name': record.name,
            'power_state': 'Off', 'external_notifier': False,
            'nics': nics}],
        'SUSHY_EMULATOR_CHASSIS': [{
            'Id': CHASSIS_ID, 'Name': record.name,
            'UUID': str(uuidlib.uuid5(uuidlib.UUID(record.bmc.uuid),
                                      'chassis'))}],
    }
    path = os.path.join(directory, 'emulator.conf')
    with open(path, 'w') as handle:
        for key, value in config.items():
            handle.write('%s = %r\n' % (key, value))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='stx_lab.bmc.redfish')
    parser.add_argument('--base', required=True)
    parser.add_argument('--lab', required=True)
    parser.add_argument('--host', required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO,
                        format='%(asctime)s %(name)s %(message)s')
    paths = state.LabPaths(args.lab, args.base)
    record = paths.load().hosts[args.host]
    password = paths.credentials()[args.host]['password']
    config = write_config(paths, record, password)
    del password

    from sushy_tools.emulator import main as emulator
    from sushy_tools.emulator.resources.systems import fakedriver

    control = power.PowerControl(hostmod.Host(paths, record))
    fakedriver.FakeDriver = _lab_driver(fakedriver.FakeDriver, control)
    store = sensors.SensorStore(paths, args.host)
    emulator.app.wsgi_app = SensorMiddleware(emulator.app.wsgi_app, store)
    LOG.info('Redfish BMC of %s on %s:%d', args.host, record.bmc.address,
             record.bmc.port)
    sys.argv = ['sushy-emulator', '--config', config]
    return emulator.main()


if __name__ == '__main__':
    sys.exit(main())
