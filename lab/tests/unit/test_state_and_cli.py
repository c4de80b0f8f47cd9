import os

import pytest

from stx_lab import cli, exception, state


def _record():
    link = state.LinkRecord('mgmt', 'mgmt0', 'flab12w0-mgmt', 'flab12-mgmt',
                            '52:54:00:02:00:0a', '192.168.204.10', 24)
    bmc = state.BmcRecord('ipmi', '192.168.220.12', 623, 'admin', 'u-1')
    host = state.HostRecord('worker-0', 'worker', ['worker'],
                            'flock-ab12-worker-0', {'mgmt': link}, bmc)
    return state.LabRecord(
        lab_id='ab12', profile='standard', workers=1, namespaced=True,
        slot=0, subnets={'mgmt': '192.168.204.0/24'},
        hosts={'worker-0': host}, bridges=['flab12-mgmt'],
        lease_hook='hook', broker={}, database={}, forwards=[])


def test_lab_record_round_trips(tmp_path):
    paths = state.LabPaths('ab12', str(tmp_path))
    assert not paths.exists()
    with pytest.raises(exception.LabNotFound):
        paths.load()
    paths.save(_record())
    loaded = paths.load()
    assert loaded == _record()
    assert loaded.hosts['worker-0'].bmc.url == 'ipmi://192.168.220.12:623'


def test_credentials_are_private(tmp_path):
    paths = state.LabPaths('ab12', str(tmp_path))
    paths.save_credentials({'worker-0': {'username': 'admin',
                                         'password': 'x'}})
    assert os.stat(paths.credentials_file).st_mode & 0o077 == 0
    assert paths.credentials()['worker-0']['password'] == 'x'


def test_cli_reports_errors_in_one_line(tmp_path, capsys):
    code = cli.main(['--state-dir', str(tmp_path), '--lab', 'ab12',
                     'status'])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith('stx-lab: no lab ab12') and err.count('\n') == 1
    assert cli.main(['--state-dir', str(tmp_path), '--lab', 'A!',
                     'down']) == 1


def test_cli_list(tmp_path, capsys):
    state.LabPaths('ab12', str(tmp_path)).save(_record())
    assert cli.main(['--state-dir', str(tmp_path), 'list']) == 0
    assert capsys.readouterr().out.split() == ['ab12']
