"""The shipped config and policy samples list every option and rule."""
import os

from fm import conf, policies
from stx_common.conf import opts as common_opts

ETC = os.path.join(os.path.dirname(__file__), '..', '..', 'etc')


def _read(name):
    with open(os.path.join(ETC, name)) as handle:
        return handle.read()


def test_config_sample_has_every_option():
    sample = _read('fm.conf.sample')
    for group, options in conf.list_opts() + common_opts.list_opts():
        assert '[%s]' % group in sample
        for opt in options:
            assert '#%s = ' % opt.dest in sample or \
                '#%s =\n' % opt.dest in sample, (group, opt.dest)


def test_policy_sample_has_every_rule():
    sample = _read('policy.yaml.sample')
    for rule in policies.list_rules():
        assert '#"%s":' % rule.name in sample
