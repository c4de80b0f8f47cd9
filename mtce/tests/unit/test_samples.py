"""The shipped config sample lists every option of mtce."""
import os

from mtce import conf

ETC = os.path.join(os.path.dirname(__file__), '..', '..', 'etc')


def test_config_sample_has_every_option():
    with open(os.path.join(ETC, 'mtce.conf.sample')) as handle:
        sample = handle.read()
    for group, options in conf.list_opts():
        assert '[%s]' % group in sample
        for opt in options:
            assert '#%s = ' % opt.dest in sample or \
                '#%s =\n' % opt.dest in sample, (group, opt.dest)
