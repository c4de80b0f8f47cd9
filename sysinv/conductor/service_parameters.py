"""Service parameter flows: add, modify, delete and apply, with the
checks of StarlingX's ``service_parameter.py`` API (messages included)
against the schema of :mod:`sysinv.common.service_parameters`.

Adding, modifying or deleting a parameter records it and marks the hosts
its section applies to with a new config target (they show "Config
out-of-date" until the service is applied). ``apply`` runs the service's
semantic checks, then pushes each section's runtime classes and values to
the agents of those hosts, which write them and report ``config_applied``;
a section whose change needs a reboot only gets the target.
"""
import threading

from sysinv.common import constants as c
from sysinv.common import service_parameters as schema
from sysinv.conductor import config
from sysinv.conductor.refusals import refuse

_LOCK = threading.Lock()
MUTABLE = ('value', 'personality', 'resource')
IMMUTABLE = ('service', 'section', 'name', 'uuid', 'id')


def _text(name, value):
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        refuse("Parameter '%s' must be a string value." % name)
    return value


def check_service(service):
    if not service:
        refuse('Unspecified service name')
    if service not in schema.SCHEMA:
        refuse('Invalid service name %s.' % service)
    return service


def check_syntax(record):
    """StarlingX's ``_check_parameter_syntax``."""
    spec = schema.section(record['service'], record['section'])
    name, value = record['name'], record['value']
    if name not in spec.names and schema.WILDCARD not in spec.names:
        refuse('The parameter name %s is invalid for service %s section %s'
               % (name, record['service'], record['section']))
    if not value:
        refuse('The service parameter value is mandatory')
    if len(value) > schema.MAX_VALUE_LENGTH:
        refuse('The service parameter value is restricted to at most %d '
               'characters.' % schema.MAX_VALUE_LENGTH)
    validator = spec.validator(name)
    if validator is not None:
        validator(name, value)


def check_custom_syntax(record):
    """A custom resource parameter (personality/resource given)."""
    personality, resource = record['personality'], record['resource']
    if resource is None:
        refuse('Unspecified resource')
    if personality is not None and personality not in c.PERSONALITIES:
        refuse('%s is not a supported personality type' % personality)
    if len(resource) > schema.MAX_VALUE_LENGTH:
        refuse('The custom resource option is restricted to at most %d '
               'characters.' % schema.MAX_VALUE_LENGTH)
    spec = schema.section(record['service'], record['section'])
    if spec is not None and record['name'] in spec.names:
        refuse('The parameter name %s is reserved for service %s section '
               '%s, and cannot be customized' % (
                   record['name'], record['service'], record['section']))
    value = record.get('value')
    if value is not None and len(value) > schema.MAX_VALUE_LENGTH:
        refuse('The service parameter value is restricted to at most %d '
               'characters.' % schema.MAX_VALUE_LENGTH)
    mapped = schema.map_resource(resource)
    if mapped is not None:
        refuse('The specified resource is reserved for service=%s '
               'section=%s name=%s and cannot be customized.' % mapped)


def check_read_only(record):
    spec = schema.section(record['service'], record['section'])
    if spec is not None and record['name'] in spec.readonly:
        refuse("The parameter '%s' is readonly." % record['name'])


def _mark(dbapi, service, section, client=None):
    """Give the hosts the section applies to a new config target."""
    spec = schema.section(service, section)
    if spec is None or not spec.apply.personalities:
        return None
    config_uuid, _ = config.update_hosts(
        dbapi, spec.apply.personalities, reboot=spec.apply.reboot,
        client=client)
    return config_uuid


def add(dbapi, body, client=None):
    """POST: one or more parameters of one section; returns the rows."""
    body = body or {}
    personality = body.get('personality')
    resource = body.get('resource')
    custom = personality is not None or resource is not None
    service = body.get('service')
    section = body.get('section')
    if custom:
        if resource is None:
            refuse('Unspecified resource')
        if not service:
            refuse('Unspecified service name')
    else:
        check_service(service)
    if not section:
        refuse('Unspecified section name.')
    if not custom and schema.section(service, section) is None:
        refuse('Invalid service section %s.' % section)
    parameters = body.get('parameters')
    if not parameters or not isinstance(parameters, dict):
        refuse('Unspecified parameters.')
    if custom and len(parameters) > 1:
        refuse('Cannot specify multiple parameters with custom resource.')
    records = []
    with _LOCK:
        for name, value in parameters.items():
            record = {'service': service, 'section': section, 'name': name,
                      'value': _text(name, value),
                      'personality': personality, 'resource': resource}
            if custom:
                check_custom_syntax(record)
            else:
                check_syntax(record)
            if dbapi.find_service_parameter(service, section, name,
                                            personality, resource):
                if custom:
                    refuse('Service parameter add failed: Parameter already '
                           'exists: service=%s section=%s name=%s '
                           'personality=%s resource=%s' % (
                               service, section, name, personality,
                               resource))
                refuse('Service parameter add failed: Parameter already '
                       'exists: service=%s section=%s name=%s'
                       % (service, section, name))
            records.append(record)
        rows = dbapi.create_service_parameters(records)
    _mark(dbapi, service, section, client)
    return rows


def modify(dbapi, ident, changes, client=None):
    """PATCH: a parameter's value (custom ones: also personality and
    resource)."""
    row = dbapi.get_service_parameter(ident)
    # StarlingX's client restates the name with the new value.
    changes = {k: v for k, v in changes.items()
               if not (k in IMMUTABLE + ('personality', 'resource') and
                       v == row.get(k))}
    fixed = [f for f in changes if f in IMMUTABLE]
    if fixed:
        refuse('The following fields can not be modified: %s'
               % ', '.join(sorted(fixed)))
    unknown = [f for f in changes if f not in MUTABLE]
    if unknown:
        refuse("'/%s' cannot be changed" % sorted(unknown)[0])
    updates = {k: _text(k, v) for k, v in changes.items()}
    record = dict(row, **updates)
    custom = row.get('personality') is not None or \
        row.get('resource') is not None
    if custom:
        check_custom_syntax(record)
    else:
        if 'personality' in updates or 'resource' in updates:
            refuse('The following fields can not be modified: %s' % ', '.join(
                sorted(k for k in updates if k != 'value')))
        check_syntax(record)
        check_read_only(record)
    updated = dbapi.update_service_parameter(row['id'], updates)
    _mark(dbapi, row['service'], row['section'], client)
    return updated


def delete(dbapi, ident, client=None):
    row = dbapi.get_service_parameter(ident)
    if row['section'] == schema.SECTION_MAINTENANCE:
        refuse("Platform Maintenance Parameter '%s' is required."
               % row['name'])
    spec = schema.section(row['service'], row['section'])
    if spec is not None and row['name'] in spec.mandatory:
        refuse('The parameter %s is mandatory and cannot be deleted.'
               % row['name'])
    dbapi.destroy_service_parameter(row['id'])
    _mark(dbapi, row['service'], row['section'], client)
    return row


def _value(dbapi, service, section, name):
    row = dbapi.find_service_parameter(service, section, name)
    return row['value'] if row else None


def check_apply(dbapi, service):
    """StarlingX's ``_service_parameter_apply_semantic_check``."""
    for section, spec in schema.SCHEMA[service].items():
        for name in spec.mandatory:
            if _value(dbapi, service, section, name) is None:
                refuse("Unable to apply service parameters. Missing service "
                       "parameter '%s' for service '%s' in section '%s'."
                       % (name, service, section))
    if service == schema.SERVICE_PLATFORM:
        failure = _value(dbapi, service, schema.SECTION_MAINTENANCE,
                         schema.HBS_FAILURE_THRESHOLD)
        degrade = _value(dbapi, service, schema.SECTION_MAINTENANCE,
                         schema.HBS_DEGRADE_THRESHOLD)
        if failure is not None and degrade is not None and \
                int(degrade) >= int(failure):
            refuse("Unable to apply service parameters. Service parameter "
                   "'%s' should be greater than '%s' "
                   % (schema.HBS_FAILURE_THRESHOLD,
                      schema.HBS_DEGRADE_THRESHOLD))
    elif service == schema.SERVICE_KUBERNETES:
        names = ('oidc-issuer-url', 'oidc-client-id', 'oidc-username-claim',
                 'oidc-groups-claim')
        given = [bool(_value(dbapi, service, schema.SECTION_KUBE_APISERVER,
                             n)) for n in names]
        if given not in ([False] * 4, [True, True, True, False],
                         [True] * 4):
            refuse('Unable to apply service parameters. Please choose one of '
                   'the valid Kubernetes OIDC parameter setups: (None) or '
                   '(oidc_issuer_url, oidc_client_id, oidc_username_claim) '
                   'or (the previous 3 plus oidc_groups_claim)')


def values_of(dbapi, service, section=None):
    """{section: {name: value}} of the stored schema parameters."""
    result = {}
    filters = {'service': service, 'personality': None, 'resource': None}
    if section:
        filters['section'] = section
    for row in dbapi.list_service_parameters(filters):
        result.setdefault(row['section'], {})[row['name']] = row['value']
    return result


def apply(dbapi, context, service, section=None, agents=None, client=None):
    """``service_parameter/apply``: push the runtime sections of the
    service (or the one named) to their hosts under one config uuid;
    returns it (None when nothing is applied at runtime). Sections whose
    change needs a reboot got their target when they changed."""
    check_service(service)
    if section and schema.section(service, section) is None:
        refuse('Invalid service section %s.' % section)
    check_apply(dbapi, service)
    runtime = [(name, spec) for name, spec in schema.SCHEMA[service].items()
               if (not section or name == section) and
               spec.apply.personalities and not spec.apply.reboot]
    if not runtime:
        return None
    personalities = tuple(sorted({p for _, spec in runtime
                                  for p in spec.apply.personalities}))
    stored = values_of(dbapi, service, section)
    config_uuid, hosts = config.update_hosts(dbapi, personalities,
                                             client=client)
    for host in hosts:
        mine = [(name, spec) for name, spec in runtime
                if host.get('personality') in spec.apply.personalities]
        part = {'classes': [k for _, spec in mine
                            for k in spec.apply.classes],
                'personalities': list(personalities),
                'service_parameters': {service: {
                    name: stored.get(name, {}) for name, _ in mine}}}
        config.push(context, config_uuid, part, [host], agents)
    return config_uuid


def runtime_parts(dbapi, host):
    """The service parameter part a (re)starting agent applies."""
    classes = []
    sections = {}
    for service, spec_sections in schema.SCHEMA.items():
        stored = None
        for name, spec in spec_sections.items():
            if host.get('personality') not in spec.apply.personalities or \
                    spec.apply.reboot:
                continue
            if stored is None:
                stored = values_of(dbapi, service)
            classes.extend(spec.apply.classes)
            sections.setdefault(service, {})[name] = stored.get(name, {})
    if not sections:
        return []
    return [{'classes': classes, 'service_parameters': sections}]


def populate_defaults(dbapi):
    """Insert the schema's default parameters that are missing (the
    conductor does it at start, as StarlingX's does); returns how many."""
    missing = []
    with _LOCK:
        for service, section, name, value in schema.defaults():
            if dbapi.find_service_parameter(service, section, name) is None:
                missing.append({'service': service, 'section': section,
                                'name': name, 'value': value})
        if missing:
            dbapi.create_service_parameters(missing)
    return len(missing)


def ensure_defaults(dbapi):
    """:func:`populate_defaults` at conductor start; a failure is logged
    (the next start fills what is missing)."""
    try:
        return populate_defaults(dbapi)
    except Exception:  # noqa: BLE001 - the conductor must start anyway
        import logging
        logging.getLogger(__name__).exception(
            'Cannot populate the default service parameters')
        return 0
