"""Checks of a system PATCH: pure functions, StarlingX's messages.

:func:`check_patch` turns the JSON-Patch of ``/v1/isystems/<uuid>`` into
the values to store, honouring StarlingX's rules: software_version never
changes, system_type only while unset, system_mode only on All-in-one
systems (and not back to simplex once configured), known time zones,
geolocation limits, the capability pseudo-fields (``sdn_enabled``,
``https_enabled``, ``vswitch_type``) and ``security_feature``.
"""
import zoneinfo

from stx_common.api import jsonpatch
from sysinv.common import constants as c
from sysinv.conductor.host_checks import refuse

FIELDS = ('name', 'system_type', 'system_mode', 'description', 'contact',
          'location', 'latitude', 'longitude', 'timezone',
          'software_version', 'capabilities', 'region_name',
          'service_project_name', 'distributed_cloud_role',
          'security_feature', 'security_profile')
READ_ONLY = ('uuid', 'id', 'created_at', 'updated_at', 'services',
             'software_version', 'links', 'ihosts')
PSEUDO = ('sdn_enabled', 'https_enabled', 'vswitch_type')
ASCII_FIELDS = ('name', 'description', 'contact', 'location')
TEXT_LIMIT = 255
COORDINATE_LIMIT = 30


def _flag(name, value):
    text = str(value).strip().lower()
    if text not in ('true', 'false'):
        refuse("%s must be 'true' or 'false', not %r" % (name, value))
    return text == 'true'


def _check_mode(system, new_mode, configured, controller_locked):
    current = system.get('system_mode')
    if new_mode == current or current is None:
        return
    if system.get('system_type') != c.TIS_AIO_BUILD:
        refuse('system_mode can only be modified on an AIO system')
    options = [c.SYSTEM_MODE_DUPLEX, c.SYSTEM_MODE_DUPLEX_DIRECT]
    if configured:
        if current == c.SYSTEM_MODE_DUPLEX:
            refuse('Cannot modify system mode when it is set to %s.'
                   % current)
        if new_mode != c.SYSTEM_MODE_SIMPLEX and not controller_locked:
            refuse('Cannot modify system mode to %s: %s must be locked '
                   'first.' % (new_mode, c.CONTROLLER_0_HOSTNAME))
    else:
        options.append(c.SYSTEM_MODE_SIMPLEX)
    if new_mode not in options:
        refuse("Invalid value for system_mode, it can only be modified to "
               "'%s' or '%s'" % (c.SYSTEM_MODE_DUPLEX,
                                 c.SYSTEM_MODE_DUPLEX_DIRECT))


def _check_op(system, field, value, configured, controller_locked):
    if field in READ_ONLY:
        refuse('%s field cannot be modified.' % field)
    if field == 'system_type':
        if system.get('system_type') is not None:
            refuse('system_type field cannot be modified.')
        if value not in c.SYSTEM_TYPES:
            refuse('system_type must be one of %s' % ', '.join(
                c.SYSTEM_TYPES))
    elif field == 'system_mode':
        _check_mode(system, value, configured, controller_locked)
    elif field == 'timezone':
        check_timezone(value)
    elif field in ('latitude', 'longitude') and value is not None:
        _check_coordinate(field, value)


def check_timezone(value):
    try:
        zoneinfo.ZoneInfo(str(value))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        refuse('Timezone file %s does not exist.' % value)


def _check_coordinate(field, value):
    if len(str(value)) > COORDINATE_LIMIT:
        refuse('Geolocation coordinates can not be longer than 30 '
               'characters')
    bound = 90 if field == 'latitude' else 180
    try:
        number = float(value)
    except (TypeError, ValueError):
        refuse('%s must be a number, not %r' % (field, value))
    if not -bound <= number <= bound:
        refuse('%s must be between -%d and %d' % (field, bound, bound))


def _pseudo(system, values, configured):
    """Capabilities and roles set through pseudo-paths."""
    capabilities = dict(system.get('capabilities') or {})
    updates = {}
    if 'sdn_enabled' in values:
        capabilities['sdn_enabled'] = _flag('sdn_enabled',
                                            values['sdn_enabled'])
    if 'https_enabled' in values:
        https = _flag('https_enabled', values['https_enabled'])
        if https == capabilities.get('https_enabled'):
            refuse('https_enabled is already set as %s'
                   % str(https).lower())
        capabilities['https_enabled'] = https
    if 'vswitch_type' in values:
        vswitch = values['vswitch_type']
        if vswitch == capabilities.get('vswitch_type'):
            refuse('vswitch_type is already set as %s' % vswitch)
        if vswitch not in c.VSWITCH_TYPES:
            refuse('vswitch_type must be one of %s'
                   % ', '.join(c.VSWITCH_TYPES))
        capabilities['vswitch_type'] = vswitch
    if capabilities != (system.get('capabilities') or {}):
        updates['capabilities'] = capabilities
    if 'distributed_cloud_role' in values:
        role = values['distributed_cloud_role']
        if system.get('distributed_cloud_role') is not None and configured:
            refuse('distributed_cloud_role is already set  as %s'
                   % system['distributed_cloud_role'])
        if role not in c.DISTRIBUTED_CLOUD_ROLES + (None,) or configured:
            refuse('Unexpected value %s specified for distributed_cloud_role'
                   % role)
        updates['distributed_cloud_role'] = role
    if 'security_feature' in values:
        feature = values['security_feature']
        if feature not in c.SECURITY_FEATURE_OPTS:
            refuse('Unexpected value %s specified for security_feature'
                   % feature)
        updates['security_feature'] = c.SECURITY_FEATURE_OPTS[feature]
    return updates


def check_patch(system, patch, configured, controller_locked):
    """The values a system PATCH stores.

    :param configured: the initial configuration is complete (the first
        controller has been provisioned).
    :param controller_locked: controller-0 is locked.
    :returns: {field: new value} of what changes.
    """
    jsonpatch.validate_patch(patch)
    special = {}
    plain = []
    for op in patch:
        field = op['path'].lstrip('/').split('/')[0]
        value = op.get('value')
        _check_op(system, field, value, configured, controller_locked)
        if field in PSEUDO + ('distributed_cloud_role', 'security_feature'):
            special[field] = None if op['op'] == 'remove' else value
        else:
            plain.append(op)
    doc = {k: system.get(k) for k in FIELDS}
    patched = jsonpatch.apply_patch(doc, plain) if plain else doc
    for field in patched:
        if field not in doc:
            refuse("'%s' is not an attribute of the system" % field)
    updates = {k: v for k, v in patched.items() if v != doc.get(k)}
    for field in ASCII_FIELDS:
        value = updates.get(field)
        if value is None:
            continue
        if not isinstance(value, str) or not value.isascii():
            refuse('%s field must contain ASCII characters only.' % field)
        if len(value) > TEXT_LIMIT:
            refuse('%s field is longer than %d characters.'
                   % (field, TEXT_LIMIT))
    if 'capabilities' in updates and not isinstance(
            updates['capabilities'], dict):
        refuse('capabilities must be a dictionary')
    updates.update(_pseudo(dict(system, **updates), special, configured))
    return updates
