"""Talking to a lab host's BMC the way maintenance does.

Fault injection and the CLI power hosts through their BMC for real: IPMI
with ``ipmitool -I lanplus`` (the password passed in ``IPMI_PASSWORD``
with ``-E``, never on the command line), Redfish with the DMTF ``redfish``
library (basic auth; sushy-tools has no sessions with an auth file).
"""
import os
import shutil
import subprocess

from stx_lab import exception, state

# lab power action -> ipmitool "power" argument / Redfish ResetType.
IPMI_ACTIONS = {'on': 'on', 'off': 'off', 'reset': 'reset',
                'cycle': 'cycle', 'soft': 'soft'}
REDFISH_ACTIONS = {'on': 'On', 'off': 'ForceOff', 'reset': 'ForceRestart',
                   'cycle': 'PowerCycle', 'soft': 'GracefulShutdown'}
ACTIONS = tuple(IPMI_ACTIONS) + ('status',)
TIMEOUT = 30


def ipmitool_argv(bmc: state.BmcRecord, *command: str) -> list[str]:
    """ipmitool's command line for ``command`` (password from the
    environment: run it with :func:`ipmitool_env`)."""
    binary = shutil.which('ipmitool') or 'ipmitool'
    return [binary, '-I', 'lanplus', '-H', bmc.address, '-p', str(bmc.port),
            '-U', bmc.username, '-E'] + list(command)


def ipmitool_env(password: str) -> dict[str, str]:
    return dict(os.environ, IPMI_PASSWORD=password)


def ipmitool(bmc: state.BmcRecord, password: str, *command: str) -> str:
    """Run ipmitool against ``bmc``; return its output.

    :raises BmcError: when ipmitool fails.
    """
    try:
        result = subprocess.run(ipmitool_argv(bmc, *command),
                                env=ipmitool_env(password),
                                capture_output=True, text=True,
                                timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise exception.BmcError('ipmitool %s: %s' % (' '.join(command),
                                                      exc)) from exc
    if result.returncode != 0:
        raise exception.BmcError('ipmitool %s failed: %s' % (
            ' '.join(command), result.stderr.strip() or result.stdout))
    return result.stdout


class RedfishClient:
    """A Redfish session (basic auth) to one BMC."""

    def __init__(self, bmc: state.BmcRecord, password: str):
        import redfish

        self._client = redfish.redfish_client(
            base_url=bmc.url, username=bmc.username, password=password,
            default_prefix='/redfish/v1', timeout=TIMEOUT, max_retry=3)
        self._client.login(auth='basic')

    def close(self) -> None:
        self._client.logout()

    def __enter__(self) -> 'RedfishClient':
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def get(self, path: str) -> dict:
        response = self._client.get(path)
        if response.status != 200:
            raise exception.BmcError('GET %s: HTTP %d' % (path,
                                                          response.status))
        return response.dict

    def system_path(self) -> str:
        members = self.get('/redfish/v1/Systems')['Members']
        return members[0]['@odata.id']

    def chassis_path(self) -> str:
        members = self.get('/redfish/v1/Chassis')['Members']
        return members[0]['@odata.id']

    def power_state(self) -> str:
        return self.get(self.system_path())['PowerState'].lower()

    def reset(self, reset_type: str) -> None:
        path = self.system_path() + '/Actions/ComputerSystem.Reset'
        response = self._client.post(path, body={'ResetType': reset_type})
        if response.status not in (200, 202, 204):
            raise exception.BmcError('Reset %s: HTTP %d %s' % (
                reset_type, response.status, response.text))


def power(bmc: state.BmcRecord, password: str, action: str) -> str:
    """Power ``action`` (on, off, reset, cycle, soft, status) through the
    BMC; returns ``on``/``off`` for ``status``, else ``''``.

    :raises BmcError: when the BMC refuses or cannot be reached.
    """
    if action not in ACTIONS:
        raise exception.LabError('unknown power action %r (one of: %s)'
                                 % (action, ', '.join(ACTIONS)))
    if bmc.type == 'ipmi':
        if action == 'status':
            output = ipmitool(bmc, password, 'power', 'status')
            return 'on' if output.strip().endswith('on') else 'off'
        ipmitool(bmc, password, 'power', IPMI_ACTIONS[action])
        return ''
    try:
        with RedfishClient(bmc, password) as client:
            if action == 'status':
                return client.power_state()
            client.reset(REDFISH_ACTIONS[action])
            return ''
    except exception.BmcError:
        raise
    except Exception as exc:  # noqa: BLE001 - the library's many errors
        raise exception.BmcError('Redfish %s on %s: %s' % (
            action, bmc.url, exc)) from exc
