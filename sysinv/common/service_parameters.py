"""The service parameter schema: which (service, section, name) exist,
how each value is validated, which ones are mandatory, read-only or
protected, their defaults, and what applying a section does.

StarlingX keeps this table in ``sysinv/common/service_parameter.py``
(``SERVICE_PARAMETER_SCHEMA``); the services, sections, names, ranges and
refusal messages here are StarlingX's. Applying a section marks the hosts
of its personalities with a new config target and pushes the section's
runtime classes to their agents; a section whose change needs a reboot
(``reboot=True``) is only satisfied by a lock/unlock.

The maintenance engineers read ``platform`` / ``maintenance``: its keys,
ranges and defaults are :data:`MTCE_DEFAULTS` and the validators below.
"""
import dataclasses
import ipaddress
import re
from urllib import parse

from sysinv import exception
from sysinv.common import constants as c

WILDCARD = '*wildcard*'
MAX_VALUE_LENGTH = 4096
PROTECTION_MASK = '****'

# -- services and sections ----------------------------------------------------
SERVICE_IDENTITY = 'identity'
SERVICE_PLATFORM = 'platform'
SERVICE_HTTP = 'http'
SERVICE_DOCKER = 'docker'
SERVICE_KUBERNETES = 'kubernetes'

SECTION_IDENTITY_CONFIG = 'config'
SECTION_SECURITY_COMPLIANCE = 'security_compliance'
SECTION_LOCAL_OPENLDAP = 'local-openldap'
SECTION_PLATFORM_CONFIG = 'config'
SECTION_MAINTENANCE = 'maintenance'
SECTION_SYSINV = 'sysinv'
SECTION_COREDUMP = 'coredump'
SECTION_POSTGRESQL = 'postgresql'
SECTION_COLLECTD = 'collectd'
SECTION_HTTP_CONFIG = 'config'
SECTION_DOCKER_PROXY = 'proxy'
SECTION_DOCKER_REGISTRY = 'docker-registry'
SECTION_K8S_REGISTRY = 'k8s-registry'
SECTION_KUBE_CONFIG = 'config'
SECTION_KUBE_CERTIFICATES = 'certificates'
SECTION_KUBE_APISERVER = 'kube_apiserver'
SECTION_KUBE_CONTROLLER_MANAGER = 'kube_controller_manager'
SECTION_KUBE_SCHEDULER = 'kube_scheduler'
SECTION_KUBELET = 'kubelet'

# -- platform maintenance (read by maintenance) -------------------------------
WORKER_BOOT_TIMEOUT = 'worker_boot_timeout'
CONTROLLER_BOOT_TIMEOUT = 'controller_boot_timeout'
HBS_PERIOD = 'heartbeat_period'
HBS_FAILURE_ACTION = 'heartbeat_failure_action'
HBS_FAILURE_THRESHOLD = 'heartbeat_failure_threshold'
HBS_DEGRADE_THRESHOLD = 'heartbeat_degrade_threshold'
MNFA_THRESHOLD = 'mnfa_threshold'
MNFA_TIMEOUT = 'mnfa_timeout'

WORKER_BOOT_TIMEOUT_RANGE = (720, 1800)
CONTROLLER_BOOT_TIMEOUT_RANGE = (1200, 1800)
HBS_PERIOD_RANGE = (100, 1000)
HBS_FAILURE_THRESHOLD_RANGE = (10, 100)
HBS_DEGRADE_THRESHOLD_RANGE = (4, 100)
MNFA_THRESHOLD_RANGE = (2, 100)
MNFA_TIMEOUT_RANGE = (100, 86400)
HBS_FAILURE_ACTIONS = ('fail', 'degrade', 'alarm', 'none')

MTCE_DEFAULTS = {
    WORKER_BOOT_TIMEOUT: '720',
    CONTROLLER_BOOT_TIMEOUT: '1200',
    HBS_PERIOD: '100',
    HBS_FAILURE_ACTION: 'fail',
    HBS_FAILURE_THRESHOLD: '10',
    HBS_DEGRADE_THRESHOLD: '6',
    MNFA_THRESHOLD: '2',
    MNFA_TIMEOUT: '0',
}

TOKEN_EXPIRATION_RANGE = (3600, 14400)
HTTP_PORT = 'http_port'
HTTPS_PORT = 'https_port'
HTTP_DEFAULTS = {HTTP_PORT: '8080', HTTPS_PORT: '8443'}
POD_MAX_PIDS_RANGE = (100, 65535)
MAX_CPU_PERCENTAGE_RANGE = (60, 100)


def _refuse(message):
    raise exception.ClientSideError(reason=message)


# -- validators: (name, value) -> None or ClientSideError ---------------------
def validate_boolean(name, value):
    if value.lower() not in ('true', 'false'):
        _refuse("Parameter '%s' must be a boolean value." % name)


def validate_enabled_disabled(name, value):
    if value.lower() not in ('enabled', 'disabled'):
        _refuse("Parameter '%s' must be of either enabled or disabled "
                'value.' % name)


def _int(name, value):
    try:
        return int(value)
    except (TypeError, ValueError):
        _refuse("Parameter '%s' must be an integer value." % name)


def validate_integer(name, value):
    _int(name, value)


def validate_positive_integer(name, value):
    if _int(name, value) <= 0:
        _refuse("Parameter '%s' must be positive integer." % name)


def validate_zero_or_positive_integer(name, value):
    if _int(name, value) < 0:
        _refuse("Parameter '%s' must be positive integer or zero." % name)


def validate_not_empty(name, value):
    if not value:
        _refuse("Parameter '%s' must not be an empty value." % name)


def in_range(low, high):
    def validate(name, value):
        number = _int(name, value)
        if number < low or number > high:
            _refuse("Parameter '%s' must be between %d and %d."
                    % (name, low, high))
    return validate


def zero_or_range(low, high):
    def validate(name, value):
        number = _int(name, value)
        if number != 0 and (number < low or number > high):
            _refuse("Parameter '%s' must be zero or between %d and %d."
                    % (name, low, high))
    return validate


def validate_token_expiration(name, value):
    low, high = TOKEN_EXPIRATION_RANGE
    number = _int(name, value)
    if number < low or number > high:
        _refuse("Parameter '%s' must be between %d and %d seconds."
                % (name, low, high))


def validate_hbs_failure_action(name, value):
    if value not in HBS_FAILURE_ACTIONS:
        _refuse("Action must be one of '%s', '%s', '%s' or '%s'"
                % HBS_FAILURE_ACTIONS)


def validate_read_only(name, value):
    _refuse("Parameter '%s' is readonly" % name)


def validate_regex(name, value):
    try:
        re.compile(value)
    except re.error:
        _refuse('Parameter %s must be a valid regex' % name)


_DOMAIN = re.compile(r'^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}'
                     r'[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}'
                     r'[A-Za-z0-9])?$')


def is_ip(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def is_domain_or_ip(value):
    return is_ip(value) or bool(_DOMAIN.match(value or ''))


def validate_url(name, value):
    parts = parse.urlparse(value)
    if parts.scheme not in ('http', 'https') or not parts.netloc:
        _refuse("Parameter '%s' must be a valid address." % name)


def validate_no_proxy(name, value):
    for item in value.split(','):
        if not is_domain_or_ip(item.strip()):
            _refuse("Parameter '%s' includes an invalid address '%s'."
                    % (name, item))


def validate_address(name, value):
    if not is_domain_or_ip(value):
        _refuse("Parameter '%s' must be a valid address." % name)


def validate_san_list(name, value):
    for entry in value.split(','):
        if not is_domain_or_ip(entry):
            _refuse('The value provided is not a domain name or IP address.'
                    ' (%s)' % entry)


_SIZE = re.compile(r'^[0-9]+(\.[0-9]+)?[BKMGTPE]$|^0$')


def validate_size(name, value):
    validate_not_empty(name, value)
    if not _SIZE.match(value):
        _refuse("Parameter '%s' has invalid value format." % name)


# -- the schema ---------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Apply:
    """What applying a section does: the personalities whose hosts get a
    new config target, the runtime classes their agents apply, and
    whether only a reboot (lock/unlock) satisfies it."""

    personalities: tuple = (c.CONTROLLER,)
    classes: tuple = ()
    reboot: bool = False


ALL_PERSONALITIES = (c.CONTROLLER, c.WORKER, c.STORAGE)


@dataclasses.dataclass(frozen=True)
class Section:
    mandatory: tuple = ()
    optional: tuple = ()
    validators: dict = dataclasses.field(default_factory=dict)
    resource: dict = dataclasses.field(default_factory=dict)
    readonly: tuple = ()
    protected: tuple = ()
    defaults: dict = dataclasses.field(default_factory=dict)
    apply: Apply = Apply()

    @property
    def names(self):
        return self.mandatory + self.optional

    def validator(self, name):
        if name in self.validators:
            return self.validators[name]
        if WILDCARD in self.names:
            return self.validators.get(WILDCARD)
        return None


_MTCE = Section(
    mandatory=tuple(MTCE_DEFAULTS),
    validators={
        WORKER_BOOT_TIMEOUT: in_range(*WORKER_BOOT_TIMEOUT_RANGE),
        CONTROLLER_BOOT_TIMEOUT: in_range(*CONTROLLER_BOOT_TIMEOUT_RANGE),
        HBS_PERIOD: in_range(*HBS_PERIOD_RANGE),
        HBS_FAILURE_ACTION: validate_hbs_failure_action,
        HBS_FAILURE_THRESHOLD: in_range(*HBS_FAILURE_THRESHOLD_RANGE),
        HBS_DEGRADE_THRESHOLD: in_range(*HBS_DEGRADE_THRESHOLD_RANGE),
        MNFA_THRESHOLD: in_range(*MNFA_THRESHOLD_RANGE),
        MNFA_TIMEOUT: zero_or_range(*MNFA_TIMEOUT_RANGE),
    },
    resource={name: 'platform::mtce::params::%s' % name
              for name in MTCE_DEFAULTS},
    defaults=MTCE_DEFAULTS,
    apply=Apply(ALL_PERSONALITIES, ('platform::mtce::runtime',)))

_KUBE_WILDCARD = {'optional': (WILDCARD,),
                  'validators': {WILDCARD: validate_not_empty}}
_REGISTRY_NAMES = ('url', 'auth-secret', 'type', 'additional-overrides',
                   'secure')
_REGISTRY_APPLY = Apply(ALL_PERSONALITIES, ('platform::docker::runtime',))

SCHEMA = {
    SERVICE_IDENTITY: {
        SECTION_IDENTITY_CONFIG: Section(
            optional=('token_expiration',),
            validators={'token_expiration': validate_token_expiration},
            resource={'token_expiration':
                      'openstack::keystone::params::token_expiration'},
            apply=Apply((c.CONTROLLER,),
                        ('openstack::keystone::server::runtime',))),
        SECTION_SECURITY_COMPLIANCE: Section(
            optional=('unique_last_password_count', 'password_regex',
                      'password_regex_description', 'lockout_seconds',
                      'lockout_failure_attempts'),
            validators={
                'unique_last_password_count':
                    validate_zero_or_positive_integer,
                'password_regex': validate_regex,
                'password_regex_description': validate_not_empty,
                'lockout_seconds': validate_integer,
                'lockout_failure_attempts': validate_integer},
            apply=Apply((c.CONTROLLER,),
                        ('openstack::keystone::server::runtime',))),
        SECTION_LOCAL_OPENLDAP: Section(
            optional=('insecure_service',),
            validators={'insecure_service': validate_enabled_disabled},
            apply=Apply((c.CONTROLLER,), ('platform::ldap::runtime',))),
    },
    SERVICE_PLATFORM: {
        SECTION_PLATFORM_CONFIG: Section(
            optional=('virtual_system', 'max_cpu_percentage'),
            readonly=('virtual_system',),
            validators={
                'virtual_system': validate_boolean,
                'max_cpu_percentage': in_range(*MAX_CPU_PERCENTAGE_RANGE)},
            resource={'virtual_system': 'platform::params::virtual_system'},
            apply=Apply(ALL_PERSONALITIES, reboot=True)),
        SECTION_MAINTENANCE: _MTCE,
        SECTION_SYSINV: Section(protected=('firewall_rules_id',),
                                apply=Apply(())),
        SECTION_COREDUMP: Section(
            optional=('process_size_max', 'external_size_max', 'max_use',
                      'keep_free'),
            validators={name: validate_size for name in (
                'process_size_max', 'external_size_max', 'max_use',
                'keep_free')},
            apply=Apply(ALL_PERSONALITIES, ('platform::coredump::runtime',))),
        SECTION_POSTGRESQL: Section(
            optional=('autovacuum_workers', 'max_worker_processes',
                      'max_parallel_workers',
                      'max_parallel_maintenance_workers',
                      'max_parallel_workers_per_gather'),
            validators={
                'autovacuum_workers': validate_positive_integer,
                'max_worker_processes': validate_zero_or_positive_integer,
                'max_parallel_workers': validate_zero_or_positive_integer,
                'max_parallel_maintenance_workers':
                    validate_zero_or_positive_integer,
                'max_parallel_workers_per_gather':
                    validate_zero_or_positive_integer},
            apply=Apply((c.CONTROLLER,),
                        ('platform::postgresql::custom::runtime',))),
        SECTION_COLLECTD: Section(
            optional=('network_servers',),
            validators={'network_servers': validate_san_list},
            apply=Apply(ALL_PERSONALITIES, ('platform::collectd::runtime',))),
    },
    SERVICE_HTTP: {
        SECTION_HTTP_CONFIG: Section(
            optional=(HTTP_PORT, HTTPS_PORT),
            validators={HTTP_PORT: validate_integer,
                        HTTPS_PORT: validate_integer},
            resource={HTTP_PORT: 'openstack::horizon::params::http_port',
                      HTTPS_PORT: 'openstack::horizon::params::https_port'},
            defaults=HTTP_DEFAULTS,
            apply=Apply((c.CONTROLLER,), ('platform::patching::runtime',
                                          'openstack::horizon::runtime'))),
    },
    SERVICE_DOCKER: {
        SECTION_DOCKER_PROXY: Section(
            optional=('http_proxy', 'https_proxy', 'no_proxy'),
            validators={'http_proxy': validate_url,
                        'https_proxy': validate_url,
                        'no_proxy': validate_no_proxy},
            apply=_REGISTRY_APPLY),
        SECTION_DOCKER_REGISTRY: Section(
            optional=_REGISTRY_NAMES,
            validators={'url': validate_address,
                        'secure': validate_boolean},
            apply=_REGISTRY_APPLY),
        SECTION_K8S_REGISTRY: Section(
            optional=_REGISTRY_NAMES,
            validators={'url': validate_address,
                        'secure': validate_boolean},
            apply=_REGISTRY_APPLY),
    },
    SERVICE_KUBERNETES: {
        SECTION_KUBE_CONFIG: Section(
            optional=('pod_max_pids', 'automatic_recovery'),
            validators={'pod_max_pids': in_range(*POD_MAX_PIDS_RANGE),
                        'automatic_recovery': validate_boolean},
            apply=Apply(ALL_PERSONALITIES,
                        ('platform::kubernetes::runtime',))),
        SECTION_KUBE_CERTIFICATES: Section(
            optional=('apiserver_certsan',),
            validators={'apiserver_certsan': validate_san_list},
            apply=Apply((c.CONTROLLER,),
                        ('platform::kubernetes::certsans::runtime',))),
        SECTION_KUBE_APISERVER: Section(
            optional=('oidc-issuer-url', 'oidc-client-id',
                      'oidc-username-claim', 'oidc-groups-claim', WILDCARD),
            validators={'oidc-issuer-url': validate_url,
                        WILDCARD: validate_not_empty},
            apply=Apply((c.CONTROLLER,),
                        ('platform::kubernetes::master::apiserver::'
                         'runtime',))),
        SECTION_KUBE_CONTROLLER_MANAGER: Section(
            apply=Apply((c.CONTROLLER,), (
                'platform::kubernetes::master::change_apiserver_parameters',
            )), **_KUBE_WILDCARD),
        SECTION_KUBE_SCHEDULER: Section(
            apply=Apply((c.CONTROLLER,), (
                'platform::kubernetes::master::change_apiserver_parameters',
            )), **_KUBE_WILDCARD),
        SECTION_KUBELET: Section(
            apply=Apply(ALL_PERSONALITIES,
                        ('platform::kubernetes::kubelet::runtime',)),
            **_KUBE_WILDCARD),
    },
}


def section(service, name):
    """The :class:`Section` of (service, name), or None."""
    return SCHEMA.get(service, {}).get(name)


def defaults():
    """Every (service, section, name, value) populated when missing."""
    for service, sections in SCHEMA.items():
        for name, spec in sections.items():
            for param, value in spec.defaults.items():
                yield service, name, param, value


def map_resource(resource):
    """(service, section, name) whose hiera key is ``resource``, or
    None (a custom resource must not shadow a schema parameter)."""
    for service, sections in SCHEMA.items():
        for name, spec in sections.items():
            for param, key in spec.resource.items():
                if key == resource:
                    return service, name, param
    return None
