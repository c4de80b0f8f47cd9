"""The shipped config sample lists every option of sysinv."""
import os

from stx_common.conf import opts as common_opts
from sysinv import conf, policies

ETC = os.path.join(os.path.dirname(__file__), '..', '..', 'etc')


def test_config_sample_has_every_option():
    with open(os.path.join(ETC, 'sysinv', 'sysinv.conf.sample')) as handle:
        sample = handle.read()
    for group, options in conf.list_opts() + common_opts.list_opts():
        assert '[%s]' % group in sample
        for opt in options:
            assert '#%s = ' % opt.dest in sample or \
                '#%s =\n' % opt.dest in sample, (group, opt.dest)


def test_policy_rules_are_documented():
    names = [r.name for r in policies.list_rules()]
    assert len(names) == len(set(names))
    for rule in policies.RULES:
        assert rule.description and rule.operations


def test_policy_sample_has_every_rule():
    with open(os.path.join(ETC, 'sysinv', 'policy.yaml.sample')) as handle:
        sample = handle.read()
    for rule in policies.list_rules():
        assert '#"%s":' % rule.name in sample, rule.name
