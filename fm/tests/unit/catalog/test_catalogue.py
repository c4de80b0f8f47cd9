"""The alarm catalogue: the packaged events.yaml, the loader's checks and
the fault checks producers and fm-manager rely on."""
import configparser
from pathlib import Path
import re

import pytest
import yaml

from fm import catalog
from stx_common.contracts import alarm as contract

# id: (Type, severities) as StarlingX's catalogue gives them.
REQUIRED = {
    '200.001': ('Alarm', ('warning',)),
    '200.004': ('Alarm', ('critical',)),
    '200.005': ('Alarm', ('critical', 'major')),
    '200.006': ('Alarm', ('critical', 'major', 'minor')),
    '200.007': ('Alarm', ('critical', 'major', 'minor')),
    '200.009': ('Alarm', ('critical', 'major')),
    '200.010': ('Alarm', ('warning',)),
    '200.011': ('Alarm', ('critical',)),
    '200.012': ('Alarm', ('major',)),
    '200.013': ('Alarm', ('major',)),
    '200.014': ('Alarm', ('minor',)),
    '200.015': ('Alarm', ('major',)),
    '200.020': ('Log', ('warning',)),
    '200.021': ('Log', ('warning',)),
    '200.022': ('Log', ('warning',)),
    '250.001': ('Alarm', ('major',)),
    '280.001': ('Alarm', ('critical',)),
    '280.002': ('Alarm', ('major',)),
    '280.003': ('Alarm', ('minor',)),
    '280.004': ('Alarm', ('critical', 'major')),
    '400.001': ('Alarm', ('critical', 'major', 'minor')),
    '400.002': ('Alarm', ('major',)),
    '400.003': ('Alarm', ('critical',)),
    '400.004': ('Alarm', ('major',)),
    '400.005': ('Alarm', ('major',)),
    '900.001': ('Alarm', ('minor',)),
    '900.002': ('Alarm', ('major',)),
    '900.003': ('Alarm', ('warning',)),
    '900.004': ('Alarm', ('major',)),
    '900.005': ('Alarm', ('minor',)),
    '900.231': ('Alarm', ('major',)),
    '900.701': ('Alarm', ('major',)),
}
REQUIRED.update({'401.%03d' % n: ('Log', ('critical',))
                 for n in range(1, 8)})
# Orchestration: x01/x02 major, x03 critical, logs x11..x21 critical.
for _digit in range(1, 7):
    REQUIRED['900.%d01' % _digit] = ('Alarm', ('major',))
    REQUIRED['900.%d02' % _digit] = ('Alarm', ('major',))
    REQUIRED['900.%d03' % _digit] = ('Alarm', ('critical',))
    for _n in range(11, 22):
        REQUIRED['900.%d%02d' % (_digit, _n)] = ('Log', ('critical',))

# Marks a key to leave out of a test entry.
_DROP = object()


def _alarm(**changes):
    entry = {
        'Type': 'Alarm',
        'Description': '<hostname> test alarm.',
        'Entity_Instance_ID': 'host=<hostname>',
        'Severity': ['critical', 'major'],
        'Proposed_Repair_Action': 'Fix it.',
        'Maintenance_Action': 'degrade',
        'Inhibit_Alarms': False,
        'Alarm_Type': 'operational-violation',
        'Probable_Cause': 'unknown',
        'Service_Affecting': True,
        'Suppression': True,
        'Management_Affecting_Severity': 'warning',
        'Degrade_Affecting_Severity': 'none',
        'Context': 'starlingx',
    }
    entry.update(changes)
    return {k: v for k, v in entry.items() if v is not _DROP}


def _log(**changes):
    entry = {
        'Type': 'Log',
        'Description': '<hostname> test log.',
        'Entity_Instance_ID': 'host=<hostname>',
        'Severity': 'warning',
        'Alarm_Type': 'other',
        'Probable_Cause': 'unspecified-reason',
        'Service_Affecting': False,
        'Context': 'starlingx',
    }
    entry.update(changes)
    return {k: v for k, v in entry.items() if v is not _DROP}



def _write(tmp_path, entries=None, text=None):
    path = tmp_path / 'events.yaml'
    if text is None:
        text = yaml.safe_dump(entries, sort_keys=True)
    path.write_text(text)
    return path


def _problems(tmp_path, entries=None, text=None):
    with pytest.raises(catalog.CatalogueError) as err:
        catalog.load(_write(tmp_path, entries, text))
    return err.value


def _fault(**changes):
    values = dict(alarm_id='200.004', alarm_state='set',
                  entity_type_id='host', entity_instance_id='host=w0',
                  severity='critical', reason_text='w0 failed',
                  alarm_type='operational-violation',
                  probable_cause='application-subsystem-failure')
    values.update(changes)
    return contract.Fault(**values)


# -- the packaged catalogue -----------------------------------------------
def test_packaged_catalogue_loads():
    cat = catalog.load()
    assert len(cat) == len(cat.alarms()) + len(cat.logs())
    assert len(cat.alarms()) >= 100 and len(cat.logs()) >= 70
    assert all(e.is_alarm and not e.is_log for e in cat.alarms())
    assert all(e.is_log and not e.is_alarm for e in cat.logs())
    ids = [e.alarm_id for e in cat]
    assert ids == sorted(ids)
    assert all(re.fullmatch(r'\d{3}\.\d{3}', i) for i in ids)
    assert catalog.catalogue_path().name == 'events.yaml'
    assert cat.path == str(catalog.catalogue_path())


def test_packaged_file_writes_ids_quoted_and_sorted():
    text = catalog.catalogue_path().read_text()
    keys = re.findall(r'^(\S[^:\n]*):', text, flags=re.M)
    keys = [k for k in keys if not k.startswith(('#', '---'))]
    assert keys and all(re.fullmatch(r'"\d{3}\.\d{3}"', k) for k in keys)
    assert keys == sorted(keys)


@pytest.mark.parametrize('alarm_id', sorted(REQUIRED))
def test_required_ids_have_starlingx_type_and_severities(alarm_id):
    entry = catalog.default().get(alarm_id)
    assert entry is not None, alarm_id
    kind, severities = REQUIRED[alarm_id]
    assert entry.type == kind
    assert entry.severities == severities
    assert entry.description and entry.entity_instance_id


def test_families_are_complete():
    cat = catalog.default()
    families = {}
    for entry in cat:
        families.setdefault(entry.alarm_id[:3], []).append(entry)
    for family in ('100', '200', '250', '280', '400', '401', '900'):
        assert families.get(family), family
    assert '100.101' in cat and '100.150' in cat
    assert all(e.is_log for e in families['401'])


def test_entry_facts_of_maintenance_alarms():
    cat = catalog.default()
    locked = cat.get('200.001')
    assert locked.inhibit_alarms and not locked.suppression
    assert locked.entity_instance_id == ('host=<hostname>',)
    assert locked.probable_causes == ('out-of-service',)
    assert locked.mgmt_affecting('warning')
    assert not locked.degrade_affecting('warning')
    process = cat.get('200.006')
    assert process.service_affecting
    assert process.service_affecting_severities == ('critical', 'major')
    assert not process.service_affecting_for('minor')
    assert process.degrade_affecting('major')
    assert not process.degrade_affecting('minor')
    assert process.description.startswith('critical: ')
    assert '; major: ' in process.description
    bmc = cat.get('200.010')
    assert bmc.mgmt_affecting_severity == 'none'
    assert not bmc.mgmt_affecting('critical')
    assert cat.get('900.101').entity_instance_id == (
        'orchestration=sw-patch',)


def test_texts_are_rendered_on_one_line():
    cat = catalog.default()
    ntp = cat.get('100.114')
    assert ntp.entity_instance_id == ('host=<hostname>.ntp',
                                      'host=<hostname>.ntp=<IP address>')
    events = cat.get('200.020')
    assert len(events.entity_instance_id) == 4
    assert ' OR ' in events.description
    assert all('\n' not in e.description for e in cat)
    assert all('\n' not in e.proposed_repair_action for e in cat)


def test_schema_enumerations_match_the_alarm_contract():
    schema = yaml.safe_load(catalog.schema_path().read_text())
    defs = schema['$defs']
    assert tuple(defs['alarm_type']['enum']) == contract.ALARM_TYPES
    assert tuple(defs['probable_cause']['enum']) == contract.PROBABLE_CAUSES
    assert set(defs['log_severity']['enum']) == (
        set(contract.SEVERITIES) - {'clear'})


def test_entry_point_names_validate_fault():
    setup = configparser.ConfigParser()
    setup.read(Path(catalog.__file__).parents[2] / 'setup.cfg')
    points = setup['options.entry_points']['flock.alarm_catalogue']
    assert points.split() == ['fm', '=', 'fm.catalog:validate_fault']


# -- the loader's checks --------------------------------------------------
def test_a_small_valid_catalogue_loads(tmp_path):
    cat = catalog.load(_write(tmp_path, {'100.001': _alarm(),
                                         '100.002': _log()}))
    assert [e.alarm_id for e in cat] == ['100.001', '100.002']
    assert cat.get('100.001').maintenance_action == 'degrade'
    assert cat.get('100.002').mgmt_affecting_severity == 'none'


def test_maintenance_action_is_optional(tmp_path):
    cat = catalog.load(_write(tmp_path, {
        '100.001': _alarm(Maintenance_Action=_DROP)}))
    assert cat.get('100.001').maintenance_action == ''


@pytest.mark.parametrize('entry, words', [
    (_alarm(Colour='red'), "'Colour' was unexpected"),
    (_log(Suppression=True), "'Suppression' was unexpected"),
    (_alarm(Context=_DROP), "'Context' is a required property"),
    (_alarm(Severity='huge'), "'huge'"),
    (_alarm(Severity='not-applicable'), "'not-applicable'"),
    (_alarm(Alarm_Type='bad-type'), "'bad-type'"),
    (_alarm(Probable_Cause=['unknown', 'bad-cause']), "'bad-cause'"),
    (_alarm(Management_Affecting_Severity='sometimes'), "'sometimes'"),
    (_alarm(Degrade_Affecting_Severity='warning'), "'warning'"),
    (_alarm(Context='elsewhere'), "'elsewhere'"),
    (_alarm(Description={'severe': 'x'}), "'severe'"),
    (_alarm(Type='Event'), "'Event'"),
])
def test_bad_entries_are_refused_naming_the_id(tmp_path, entry, words):
    err = _problems(tmp_path, {'100.001': _alarm(), '300.007': entry})
    assert len(err.problems) >= 1
    assert all(p.startswith('300.007: ') for p in err.problems)
    assert any(words in p for p in err.problems), err.problems
    assert '300.007' in str(err)


def test_parallel_lists_must_have_the_same_length(tmp_path):
    entry = _log(Description=['a', 'b', 'c'],
                 Entity_Instance_ID=['host=<h>.x=a', 'host=<h>.x=b'])
    err = _problems(tmp_path, {'200.020': entry})
    assert err.problems == [
        '200.020: parallel lists must have the same length: '
        'Description (3), Entity_Instance_ID (2)']


def test_equal_parallel_lists_are_accepted(tmp_path):
    entry = _log(Description=['a', 'b'],
                 Entity_Instance_ID=['host=<h>.x=a', 'host=<h>.x=b'],
                 Alarm_Type=['other', 'communication'])
    cat = catalog.load(_write(tmp_path, {'200.020': entry}))
    assert cat.get('200.020').alarm_types == ('other', 'communication')
    assert cat.get('200.020').description == 'a OR b'


def test_severity_maps_only_use_listed_severities(tmp_path):
    entry = _alarm(Description={'critical': 'bad', 'minor': 'mild'})
    err = _problems(tmp_path, {'100.001': entry})
    assert err.problems == ['100.001: Description has severity keys that '
                            'Severity does not list: minor']


def test_duplicate_ids_in_the_text_are_found(tmp_path):
    body = yaml.safe_dump(_log(), sort_keys=False)
    indented = ''.join('    ' + line + '\n' for line in body.splitlines())
    # YAML keeps the last of two equal keys, and reads 200.02 (a float)
    # and "200.020" (a string) as two keys: both are the same id.
    text = ('"200.021":\n' + indented + '\n200.02:\n' + indented +
            '\n"200.020":\n' + indented + '\n"200.021":\n' + indented)
    err = _problems(tmp_path, text=text)
    lines = len(indented.splitlines()) + 2
    assert err.problems == [
        '200.020: duplicate id (line %d, first at line %d)'
        % (1 + 2 * lines, 1 + lines),
        '200.021: duplicate id (line %d, first at line 1)'
        % (1 + 3 * lines)]


def test_float_ids_keep_three_decimals(tmp_path):
    body = yaml.safe_dump(_alarm(), sort_keys=False)
    indented = ''.join('    ' + line + '\n' for line in body.splitlines())
    cat = catalog.load(_write(tmp_path, text='200.010:\n' + indented +
                              '200.100:\n' + indented))
    assert [e.alarm_id for e in cat] == ['200.010', '200.100']


def test_bad_ids_are_refused(tmp_path):
    body = yaml.safe_dump(_alarm(), sort_keys=False)
    indented = ''.join('    ' + line + '\n' for line in body.splitlines())
    text = ('200.0101:\n' + indented + '"20.01":\n' + indented +
            '"200.001":\n' + indented)
    err = _problems(tmp_path, text=text)
    assert len(err.problems) == 2
    assert 'more than three decimals' in err.problems[0]
    assert err.problems[1] == "20.01: id '20.01' is not of the form NNN.NNN"


def test_every_problem_is_listed(tmp_path):
    err = _problems(tmp_path, {'100.001': _alarm(Severity='huge'),
                               '100.002': _log(Colour='red'),
                               '100.003': 'just text'})
    assert sorted(p.split(':')[0] for p in err.problems) == [
        '100.001', '100.002', '100.003']


@pytest.mark.parametrize('text', ['', '- a\n- b\n', 'key: [unclosed\n'])
def test_unusable_files_are_refused(tmp_path, text):
    err = _problems(tmp_path, text=text)
    assert len(err.problems) == 1
    assert err.path.endswith('events.yaml')


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(catalog.CatalogueError) as err:
        catalog.load(tmp_path / 'absent.yaml')
    assert 'cannot read the catalogue' in str(err.value)


# -- checking faults ------------------------------------------------------
def test_check_accepts_good_faults():
    cat = catalog.default()
    cat.check(_fault())
    cat.check(_fault(alarm_id='200.006', severity='minor',
                     entity_instance_id='host=w0.process=sshd'))
    cat.check(_fault(alarm_id='200.021', alarm_state='msg',
                     severity='warning'))
    cat.check(_fault(alarm_id='401.007', alarm_state='log'))


def test_check_refuses_unknown_ids():
    with pytest.raises(contract.InvalidFault) as err:
        catalog.default().check(_fault(alarm_id='999.999'))
    assert 'alarm id 999.999 is not in the alarm catalogue' in str(err.value)


@pytest.mark.parametrize('alarm_id, severity, allowed', [
    ('200.004', 'minor', 'critical'),
    ('200.005', 'warning', 'critical, major'),
    ('200.001', 'critical', 'warning'),
    ('200.004', 'clear', 'critical'),
])
def test_check_refuses_severities_the_entry_does_not_allow(
        alarm_id, severity, allowed):
    with pytest.raises(contract.InvalidFault) as err:
        catalog.default().check(_fault(alarm_id=alarm_id, severity=severity))
    assert ("severity '%s' is not allowed for %s (allowed: %s)"
            % (severity, alarm_id, allowed)) in str(err.value)


def test_check_refuses_a_log_raised_as_an_alarm():
    with pytest.raises(contract.InvalidFault) as err:
        catalog.default().check(_fault(alarm_id='200.022',
                                       severity='warning'))
    assert '200.022 is a log, not an alarm' in str(err.value)


def test_check_refuses_an_alarm_sent_as_a_log():
    for state in ('msg', 'log'):
        with pytest.raises(contract.InvalidFault) as err:
            catalog.default().check(_fault(alarm_state=state))
        assert '200.004 is an alarm, not a log' in str(err.value)


def test_validate_fault_uses_the_packaged_catalogue():
    assert catalog.default() is catalog.default()
    catalog.validate_fault(_fault())
    with pytest.raises(contract.InvalidFault):
        catalog.validate_fault(_fault(alarm_id='999.999'))
    with pytest.raises(contract.InvalidFault):
        catalog.validate_fault(_fault(severity='major'))


# -- event_suppression descriptions ---------------------------------------
def _with_description(text):
    return catalog.Entry(alarm_id='100.001', type='Alarm', description=text,
                         severities=('major',),
                         entity_instance_id=('host=<hostname>',),
                         alarm_types=('other',), probable_causes=('unknown',))


def test_suppression_description_keeps_short_texts():
    assert catalog.suppression_description(
        _with_description('Short.')) == 'Short.'
    exact = 'x' * 250
    assert catalog.suppression_description(
        _with_description(exact)) == exact


def test_suppression_description_truncates_long_texts():
    text = 'y' * 249 + 'z' + 'tail that is cut off'
    shortened = catalog.suppression_description(_with_description(text))
    assert shortened == 'y' * 249 + 'z ...'
    assert len(shortened) == 254
    long_entry = max(catalog.default(), key=lambda e: len(e.description))
    assert len(long_entry.description) > 250
    assert catalog.Catalogue.suppression_description(
        long_entry).endswith(' ...')
