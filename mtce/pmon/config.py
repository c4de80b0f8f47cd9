"""The per-process files of pmond (``etc/pmon.d/*.conf``).

StarlingX's format: one INI file per monitored process, section
``[process]``, ``;`` or ``#`` comments (also after a value)::

    [process]
    process  = sshd
    service  = sshd
    pidfile  = /var/run/sshd.pid
    style    = lsb            ; ocf or lsb
    severity = minor          ; minor, major, critical
    restarts = 10             ; restart retries before error assertion
    interval = 5              ; seconds to wait between restarts
    debounce = 20             ; seconds a restarted process must stay up
    startuptime = 5           ; seconds before the debounce monitor starts
    mode = passive            ; passive, active, status or ignore

:func:`parse_file` turns one file into a :class:`ProcessConfig` or raises
:class:`ConfigError` naming the file and the key; :func:`load_dir` loads a
directory, skipping (and reporting) the bad files, as pmond does: a
process whose file is wrong is not monitored, the others are.
"""
import configparser
import dataclasses
import os

SECTION = 'process'

MODE_PASSIVE = 'passive'
MODE_ACTIVE = 'active'
MODE_STATUS = 'status'
MODE_IGNORE = 'ignore'
MODES = (MODE_PASSIVE, MODE_ACTIVE, MODE_STATUS, MODE_IGNORE)

STYLE_LSB = 'lsb'
STYLE_OCF = 'ocf'
STYLES = (STYLE_LSB, STYLE_OCF)

SEVERITY_MINOR = 'minor'
SEVERITY_MAJOR = 'major'
SEVERITY_CRITICAL = 'critical'
SEVERITIES = (SEVERITY_MINOR, SEVERITY_MAJOR, SEVERITY_CRITICAL)

ACTIVE_PERIOD_RANGE = (1, 120)

KNOWN_KEYS = frozenset({
    'process', 'service', 'script', 'style', 'pidfile', 'severity',
    'restarts', 'interval', 'debounce', 'startuptime', 'mode', 'quorum',
    'full_init_reqd', 'subfunction', 'port', 'period', 'timeout',
    'threshold', 'start_arg', 'status_arg', 'status_failure_text',
})


class ConfigError(ValueError):
    """A process file is unreadable or wrong; the message names the file
    and the key."""

    def __init__(self, path, message):
        self.path = path
        super().__init__('%s: %s' % (path, message))


@dataclasses.dataclass(frozen=True)
class ProcessConfig:
    """One monitored process, as its file describes it."""

    process: str
    path: str = ''
    service: str = ''
    script: str = ''
    style: str = STYLE_LSB
    pidfile: str = ''
    severity: str = SEVERITY_MINOR
    restarts: int = 0
    interval: float = 0.0
    debounce: float = 0.0
    startuptime: float = 0.0
    mode: str = MODE_PASSIVE
    quorum: bool = False
    full_init_reqd: bool = False
    subfunction: str = ''
    port: int = 0
    period: float = 0.0
    timeout: float = 0.0
    threshold: int = 0
    start_arg: str = 'start'
    status_arg: str = 'status'
    status_failure_text: str = ''
    unknown_keys: tuple = ()

    @property
    def monitored(self):
        return self.mode != MODE_IGNORE

    @property
    def auto_restart(self):
        return self.restarts > 0


class _Reader:
    """Typed access to the [process] values of one file."""

    def __init__(self, path, values):
        self.path = path
        self.values = values

    def fail(self, key, message):
        raise ConfigError(self.path, '[%s] %s: %s' % (SECTION, key, message))

    def text(self, key, default=''):
        return self.values.get(key, default).strip()

    def choice(self, key, choices, default):
        value = self.text(key, default).lower()
        if value not in choices:
            self.fail(key, '%r is not one of: %s' % (value,
                                                     ', '.join(choices)))
        return value

    def number(self, key, default=0, integer=False, low=0, high=None):
        raw = self.text(key)
        if raw == '':
            return default
        try:
            value = int(raw) if integer else float(raw)
        except ValueError:
            kind = 'an integer' if integer else 'a number'
            self.fail(key, '%r is not %s' % (raw, kind))
        if value < low or (high is not None and value > high):
            bound = '>= %s' % low if high is None else 'in %s..%s' % (low,
                                                                       high)
            self.fail(key, '%s is out of range (must be %s)' % (raw, bound))
        return value

    def flag(self, key):
        raw = self.text(key, '0').lower()
        if raw in ('1', 'true', 'yes', 'on'):
            return True
        if raw in ('0', 'false', 'no', 'off', ''):
            return False
        self.fail(key, '%r is not 0 or 1' % raw)
        return False


def _read(path):
    parser = configparser.ConfigParser(
        inline_comment_prefixes=(';', '#'), comment_prefixes=(';', '#'),
        interpolation=None, strict=True, empty_lines_in_values=False)
    try:
        with open(path, encoding='utf-8') as handle:
            parser.read_file(handle, source=path)
    except OSError as exc:
        raise ConfigError(path, 'cannot read: %s' % exc.strerror) from None
    except UnicodeDecodeError:
        raise ConfigError(path, 'not UTF-8 text') from None
    except configparser.MissingSectionHeaderError:
        raise ConfigError(path, 'no [%s] section header' % SECTION) from None
    except configparser.Error as exc:
        message = str(exc).replace('\n', ' ')
        raise ConfigError(path, 'not a valid INI file: %s' % message) \
            from None
    if not parser.has_section(SECTION):
        raise ConfigError(path, 'no [%s] section (sections: %s)' % (
            SECTION, ', '.join(parser.sections()) or 'none'))
    return dict(parser.items(SECTION))


def parse_file(path):
    """The :class:`ProcessConfig` of one file.

    :raises ConfigError: when the file is unreadable or a key is missing
        or wrong.
    """
    values = _read(path)
    r = _Reader(path, values)
    process = r.text('process')
    if not process:
        r.fail('process', 'is required')
    mode = r.choice('mode', MODES, MODE_PASSIVE)
    config = dict(
        process=process, path=path, service=r.text('service'),
        script=r.text('script'), style=r.choice('style', STYLES, STYLE_LSB),
        pidfile=r.text('pidfile'),
        severity=r.choice('severity', SEVERITIES, SEVERITY_MINOR),
        restarts=r.number('restarts', integer=True),
        interval=r.number('interval'), debounce=r.number('debounce'),
        startuptime=r.number('startuptime'), mode=mode,
        quorum=r.flag('quorum'), full_init_reqd=r.flag('full_init_reqd'),
        subfunction=r.text('subfunction'),
        start_arg=r.text('start_arg', 'start') or 'start',
        status_arg=r.text('status_arg', 'status') or 'status',
        status_failure_text=r.text('status_failure_text'),
        unknown_keys=tuple(sorted(set(values) - KNOWN_KEYS)))
    if mode != MODE_IGNORE:
        if not config['script'] and not config['service']:
            r.fail('script', 'no restart method: set script (or service)')
        if mode in (MODE_PASSIVE, MODE_ACTIVE) and not config['pidfile']:
            r.fail('pidfile', 'is required in %s mode' % mode)
        if mode == MODE_STATUS and not config['script']:
            r.fail('script', 'is required in status mode')
    if mode == MODE_ACTIVE:
        low, high = ACTIVE_PERIOD_RANGE
        config['port'] = r.number('port', integer=True, low=1, high=65535)
        if not config['port']:
            r.fail('port', 'is required in active mode')
        config['period'] = r.number('period', 0, low=low, high=high)
        if not config['period']:
            r.fail('period', 'is required in active mode')
        config['timeout'] = r.number('timeout', 0, low=0)
        if not 0 < config['timeout'] < config['period']:
            r.fail('timeout', 'must be above 0 and below period (%s)'
                   % config['period'])
        config['threshold'] = r.number('threshold', 1, integer=True, low=1)
    elif mode == MODE_STATUS:
        config['period'] = r.number('period', 0, low=0.1)
        if not config['period']:
            r.fail('period', 'is required in status mode')
        config['timeout'] = r.number('timeout', config['period'], low=0.1)
    return ProcessConfig(**config)


def load_dir(directory):
    """Every ``*.conf`` file of ``directory``, in name order.

    :returns: ``(configs, errors)``: the good process configs, and a
        :class:`ConfigError` per bad file (a second file for an already
        defined process name is an error too). A missing directory gives
        no configs and one error.
    """
    try:
        names = sorted(n for n in os.listdir(directory)
                       if n.endswith('.conf'))
    except OSError as exc:
        return [], [ConfigError(directory, 'cannot list: %s' % exc.strerror)]
    configs, errors, seen = [], [], {}
    for name in names:
        path = os.path.join(directory, name)
        if not os.path.isfile(path):
            continue
        try:
            config = parse_file(path)
        except ConfigError as exc:
            errors.append(exc)
            continue
        if config.process in seen:
            errors.append(ConfigError(path, 'process %r is already defined '
                                      'in %s' % (config.process,
                                                 seen[config.process])))
            continue
        seen[config.process] = path
        configs.append(config)
    return configs, errors


def fingerprint(directory):
    """What changes when a file of ``directory`` is added, changed or
    removed (names, sizes and modification times)."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return None
    result = []
    for entry in entries:
        if entry.name.endswith('.conf'):
            try:
                info = entry.stat()
            except OSError:
                continue
            result.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(result)
