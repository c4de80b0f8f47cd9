"""Parsing pmond's per-process files."""
import pytest

from mtce.pmon import config

SSHD = """\
[process]
process  = sshd
service  = sshd
pidfile  = /var/run/sshd.pid
style    = lsb            ; ocf or lsb
severity = minor          ; minor, major, critical
restarts = 10             ; restart retries before error assertion
interval = 5              ; number of seconds to wait between restarts
debounce = 20             ; number of seconds that a process needs to remain
                          ;   running before degrade is removed and retry count
                          ;   is cleared.
startuptime  = 5          ; Seconds to wait after process start
mode  = passive           ; Monitoring mode: passive (default) or active
"""

ACTIVE = """\
[process]
process = mtce-client
script = /etc/init.d/mtce-client
pidfile = /var/run/mtce-client.pid
severity = major
restarts = 5
interval = 10
debounce = 20
startuptime = 10
mode = active
port = 2201
period = 2
timeout = 1
threshold = 3
quorum = 1
"""


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_stock_sshd_file_with_inline_comments(tmp_path):
    cfg = config.parse_file(_write(tmp_path, 'sshd.conf', SSHD))
    assert (cfg.process, cfg.service, cfg.pidfile, cfg.style) == (
        'sshd', 'sshd', '/var/run/sshd.pid', 'lsb')
    assert (cfg.severity, cfg.restarts, cfg.interval, cfg.debounce,
            cfg.startuptime, cfg.mode) == ('minor', 10, 5, 20, 5, 'passive')
    assert cfg.monitored and cfg.auto_restart and not cfg.quorum
    assert cfg.unknown_keys == ()


def test_active_file_and_defaults(tmp_path):
    cfg = config.parse_file(_write(tmp_path, 'a.conf', ACTIVE))
    assert (cfg.mode, cfg.port, cfg.period, cfg.timeout, cfg.threshold,
            cfg.quorum) == ('active', 2201, 2, 1, 3, True)
    minimal = config.parse_file(_write(
        tmp_path, 'm.conf', '[process]\nprocess = x\nscript = /x\n'
        'pidfile = /x.pid\nfancy = 1\n'))
    # StarlingX's defaults for absent keys: no restart, minor, passive
    assert (minimal.severity, minimal.restarts, minimal.mode,
            minimal.style) == ('minor', 0, 'passive', 'lsb')
    assert not minimal.auto_restart
    assert minimal.unknown_keys == ('fancy',)


def test_status_and_ignore_modes(tmp_path):
    cfg = config.parse_file(_write(
        tmp_path, 's.conf', '[process]\nprocess = s\nscript = /etc/init.d/s'
        '\nmode = status\nperiod = 10\nstart_arg = begin\n'))
    assert (cfg.period, cfg.timeout, cfg.start_arg, cfg.status_arg) == (
        10, 10, 'begin', 'status')
    ignored = config.parse_file(_write(
        tmp_path, 'i.conf', '[process]\nprocess = i\nmode = ignore\n'))
    assert not ignored.monitored


@pytest.mark.parametrize('body, message', [
    ('process = x\n', 'no [process] section header'),
    ('[proc]\nprocess = x\n', 'no [process] section (sections: proc)'),
    ('[process]\nscript = /x\npidfile = /p\n', 'process: is required'),
    ('[process]\nprocess = x\nscript = /x\npidfile = /p\nseverity = huge\n',
     "severity: 'huge' is not one of: minor, major, critical"),
    ('[process]\nprocess = x\nscript = /x\npidfile = /p\nrestarts = abc\n',
     "restarts: 'abc' is not an integer"),
    ('[process]\nprocess = x\nscript = /x\npidfile = /p\ninterval = -1\n',
     'interval: -1 is out of range (must be >= 0)'),
    ('[process]\nprocess = x\npidfile = /p\n', 'no restart method'),
    ('[process]\nprocess = x\nscript = /x\n', 'pidfile: is required'),
    ('[process]\nprocess = x\nscript = /x\npidfile = /p\nmode = fast\n',
     "mode: 'fast' is not one of"),
    ('[process]\nprocess = x\nscript = /x\npidfile = /p\nmode = active\n',
     'port: is required in active mode'),
    ('[process]\nprocess = x\nscript = /x\npidfile = /p\nmode = active\n'
     'port = 70000\n', 'port: 70000 is out of range (must be in 1..65535)'),
    ('[process]\nprocess = x\nscript = /x\npidfile = /p\nmode = active\n'
     'port = 2201\nperiod = 2\ntimeout = 2\n', 'timeout: must be above 0'),
    ('[process]\nprocess = x\nscript = /x\npidfile = /p\nmode = active\n'
     'port = 2201\nperiod = 500\ntimeout = 2\n', 'period: 500 is out of'),
    ('[process]\nprocess = x\nservice = x\nmode = status\nperiod = 5\n',
     'script: is required in status mode'),
    ('[process]\nprocess = x\nscript = /x\nmode = status\n',
     'period: is required in status mode'),
    ('[process]\nprocess = x\nprocess = y\n', 'not a valid INI file'),
    ('[process]\nprocess = x\nscript = /x\npidfile = /p\nquorum = maybe\n',
     "quorum: 'maybe' is not 0 or 1"),
])
def test_bad_files_name_file_and_key(tmp_path, body, message):
    path = _write(tmp_path, 'bad.conf', body)
    with pytest.raises(config.ConfigError) as info:
        config.parse_file(path)
    assert str(info.value).startswith(path + ': ')
    assert message in str(info.value)


def test_unreadable_and_binary_files(tmp_path):
    with pytest.raises(config.ConfigError, match='cannot read'):
        config.parse_file(str(tmp_path / 'missing.conf'))
    path = tmp_path / 'bin.conf'
    path.write_bytes(b'\xff\xfe[process]')
    with pytest.raises(config.ConfigError, match='not UTF-8'):
        config.parse_file(str(path))


def test_load_dir_keeps_good_files_and_reports_bad_ones(tmp_path):
    _write(tmp_path, '10-sshd.conf', SSHD)
    _write(tmp_path, '20-client.conf', ACTIVE)
    _write(tmp_path, '30-bad.conf', '[process]\nprocess = bad\n')
    _write(tmp_path, '40-dup.conf', SSHD)
    _write(tmp_path, 'README', 'not a process file')
    configs, errors = config.load_dir(str(tmp_path))
    assert [c.process for c in configs] == ['sshd', 'mtce-client']
    assert len(errors) == 2
    assert 'no restart method' in str(errors[0])
    assert "process 'sshd' is already defined" in str(errors[1])
    configs, errors = config.load_dir(str(tmp_path / 'nowhere'))
    assert configs == [] and 'cannot list' in str(errors[0])


def test_fingerprint_follows_changes(tmp_path):
    first = config.fingerprint(str(tmp_path))
    path = _write(tmp_path, 'a.conf', SSHD)
    second = config.fingerprint(str(tmp_path))
    assert first != second
    with open(path, 'a') as handle:
        handle.write('quorum = 1\n')
    assert config.fingerprint(str(tmp_path)) != second
    assert config.fingerprint(str(tmp_path / 'nowhere')) is None
