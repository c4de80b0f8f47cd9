"""Host labels: rules (StarlingX's ``label.py`` messages, Kubernetes'
key/value syntax) and the assign/remove flows.

Labels are Kubernetes node labels in StarlingX; sysinv validates them,
stores them and pushes them to the node. There is no Kubernetes here:
labels are validated with Kubernetes' rules and stored.
"""
import re

from sysinv.common import constants as c
from sysinv.common import states as s
from sysinv.conductor.refusals import refuse

LABEL_CONTROLLER = 'openstack-control-plane'
LABEL_COMPUTE = 'openstack-compute-node'
LABEL_OPENVSWITCH = 'openvswitch'
LABEL_REMOTE_STORAGE = 'remote-storage'
LABEL_SRIOVDP = 'sriovdp'
LABEL_SRIOVDP_ISRDMA = 'sriovdp-isrdma'
LABEL_SRIOVDP_VHOSTNET = 'sriovdp-vhostnet'
LABEL_DISABLE_NOHZ_FULL = 'disable-nohz-full'
TOPOLOGY_MANAGER = 'kube-topology-mgr-policy'
CPU_MANAGER = 'kube-cpu-mgr-policy'
MEMORY_MANAGER = 'kube-memory-mgr-policy'
POWER_MANAGER = 'power-management'
POWER_MANAGER_VALUE = 'enabled'
STALLD = 'starlingx.io/stalld'
STALLD_CPU_FUNCTIONS = 'starlingx.io/stalld_cpu_functions'

LOCK_REQUIRED = (
    LABEL_CONTROLLER, LABEL_COMPUTE, LABEL_DISABLE_NOHZ_FULL,
    LABEL_OPENVSWITCH, LABEL_REMOTE_STORAGE, LABEL_SRIOVDP,
    LABEL_SRIOVDP_ISRDMA, LABEL_SRIOVDP_VHOSTNET, TOPOLOGY_MANAGER,
    CPU_MANAGER, MEMORY_MANAGER)
TOPOLOGY_MANAGER_VALUES = ('none', 'best-effort', 'restricted',
                           'single-numa-node')
CPU_MEMORY_MANAGER_VALUES = ('none', 'static')
STALLD_VALUES = ('enabled', 'disabled')
STALLD_CPU_FUNCTION_VALUES = ('all', 'application', 'application-isolated')

_NAME = re.compile(r'^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$')
_PREFIX = re.compile(r'^[a-z0-9]([-a-z0-9]*[a-z0-9])?'
                     r'(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$')


def _invalid(reason):
    refuse('Host label is invalid. Reason: %s' % reason)


def check_key(key):
    """Kubernetes: ``[prefix/]name``, name <= 63 characters of
    alphanumerics, '-', '_', '.', starting and ending alphanumeric;
    prefix a DNS subdomain <= 253 characters."""
    if not isinstance(key, str) or not key:
        _invalid('a label key must be a non-empty string')
    prefix, _, name = key.rpartition('/')
    if '/' in key and not prefix:
        _invalid("label key '%s' has an empty prefix" % key)
    if prefix and (len(prefix) > 253 or not _PREFIX.match(prefix)):
        _invalid("label key prefix '%s' must be a DNS subdomain (lower "
                 "case alphanumerics, '-' and '.', at most 253 characters)"
                 % prefix)
    if len(name) > 63 or not _NAME.match(name):
        _invalid("label key '%s' must be at most 63 characters of "
                 "alphanumerics, '-', '_' or '.', starting and ending with "
                 "an alphanumeric" % key)


def check_value(key, value):
    if not isinstance(value, str):
        _invalid('the value of label %s must be a string' % key)
    if value and (len(value) > 63 or not _NAME.match(value)):
        _invalid("label value '%s' must be empty or at most 63 characters "
                 "of alphanumerics, '-', '_' or '.', starting and ending "
                 "with an alphanumeric" % value)


def check_locked(host, keys):
    if host.get('administrative') == s.ADMIN_LOCKED:
        return
    needing = [k for k in keys if k in LOCK_REQUIRED]
    if needing:
        refuse('Host %s must be locked for label(s)=%s.'
               % (host['hostname'], needing))


def _one_of(key, value, allowed):
    if value.casefold() not in [a.casefold() for a in allowed]:
        refuse('Invalid value for %s label.' % key)


def check_policies(labels):
    for key, value in labels.items():
        if key == POWER_MANAGER and value != POWER_MANAGER_VALUE:
            refuse('Invalid value for %s label.' % POWER_MANAGER)
        elif key == TOPOLOGY_MANAGER:
            _one_of(key, value, TOPOLOGY_MANAGER_VALUES)
        elif key == CPU_MANAGER and value.casefold() == 'none':
            refuse("Setting kube-cpu-mgr-policy to 'none' is not supported")
        elif key in (CPU_MANAGER, MEMORY_MANAGER):
            _one_of(key, value, CPU_MEMORY_MANAGER_VALUES)


def check_stalld(host, labels):
    keys = [k for k in labels if STALLD in k]
    if not keys:
        return
    if c.WORKER not in (host.get('subfunctions') or ''):
        refuse('%s can only be modified on worker nodes.' % keys)
    for key, allowed in ((STALLD, STALLD_VALUES),
                         (STALLD_CPU_FUNCTIONS, STALLD_CPU_FUNCTION_VALUES)):
        value = (labels.get(key) or '').lower()
        if value and value not in allowed:
            refuse('%s invalid value %s=%s. Supported values are %s'
                   % (host['hostname'], key, value, list(allowed)))


def check_assign(host, labels, existing, overwrite):
    """Every rule of assigning ``labels`` {key: value} to ``host``.

    :param existing: {key: label} the host already has among the keys.
    """
    if not isinstance(labels, dict) or not labels:
        refuse('No labels specified.')
    for key, value in labels.items():
        if value is None:
            refuse('Null input detected for Label %s for host %s. Input '
                   'invalid.' % (key, host['hostname']))
        check_key(key)
        check_value(key, value)
    check_locked(host, labels)
    check_policies(labels)
    check_stalld(host, labels)
    if not overwrite:
        for key in labels:
            if key in existing:
                refuse('Label %s exists for host %s. Use overwrite option to '
                       'assign a new value.' % (key, host['hostname']))


def assign(dbapi, host_ident, labels, overwrite=False):
    """``POST /v1/labels/<host>``; returns the written labels."""
    host = dbapi.get_host(host_ident)
    existing = dbapi.find_labels(host['id'], list(labels or {})) \
        if isinstance(labels, dict) else {}
    check_assign(host, labels, existing, overwrite)
    return dbapi.write_labels(host['id'], labels)


def remove(dbapi, ident):
    label = dbapi.get_label(ident)
    host = dbapi.get_host(label['host_id'])
    check_locked(host, [label['label_key']])
    return dbapi.destroy_label(label['id'])
