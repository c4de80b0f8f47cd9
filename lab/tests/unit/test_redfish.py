import io
import json

from stx_lab.bmc import redfish, sensors


def _store(values=None):
    class Store:
        def all(self):
            found = sensors.default_sensors()
            for sensor in found:
                if values and sensor.name in values:
                    sensor.value = values[sensor.name]
            return found

    return Store()


def test_thermal_and_power_resources():
    found = _store({'CPU Temp': 91}).all()
    thermal = redfish.thermal('Chassis-1', found)
    cpu = thermal['Temperatures'][0]
    assert cpu['Name'] == 'CPU Temp' and cpu['ReadingCelsius'] == 91
    assert cpu['UpperThresholdCritical'] == 90
    assert cpu['Status']['Health'] == 'Critical'
    assert [f['ReadingUnits'] for f in thermal['Fans']] == ['RPM', 'RPM']
    power = redfish.power_resource('Chassis-1', found)
    assert [v['ReadingVolts'] for v in power['Voltages']] == [12.0, 3.3]
    assert power['PowerControl'][0]['PowerConsumedWatts'] == 180
    assert power['@odata.id'] == '/redfish/v1/Chassis/Chassis-1/Power'


def _call(app, path, method='GET'):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen['status'], seen['headers'] = status, dict(headers)

    body = b''.join(app({'PATH_INFO': path, 'REQUEST_METHOD': method,
                         'wsgi.input': io.BytesIO()}, start_response))
    return seen['status'], seen['headers'], body


def test_middleware_serves_sensors_and_links_power():
    def inner(environ, start_response):
        body = json.dumps({'Id': 'c1', 'Thermal': {}}).encode()
        start_response('200 OK', [('Content-Type', 'application/json'),
                                  ('Content-Length', str(len(body)))])
        return [body]

    app = redfish.SensorMiddleware(inner, _store({'System Fan 1': 900}))
    status, _, body = _call(app, '/redfish/v1/Chassis/c1/Thermal')
    assert status.startswith('200')
    fan = json.loads(body)['Fans'][0]
    assert fan['Reading'] == 900 and fan['Status']['Health'] == 'Warning'
    status, headers, body = _call(app, '/redfish/v1/Chassis/c1')
    resource = json.loads(body)
    assert resource['Power'] == {
        '@odata.id': '/redfish/v1/Chassis/c1/Power'}
    assert headers['Content-Length'] == str(len(body))
    status, _, body = _call(app, '/redfish/v1/Systems')
    assert json.loads(body) == {'Id': 'c1', 'Thermal': {}}


def test_reset_types_map_to_power_actions():
    assert redfish.RESET_TYPES['ForceOff'] == 'off'
    assert redfish.RESET_TYPES['On'] == 'on'
    assert redfish.RESET_TYPES['ForceRestart'] == 'reset'
    assert redfish.RESET_TYPES['GracefulShutdown'] == 'soft'
