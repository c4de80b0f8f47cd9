"""StarlingX's heartbeat keys, defaults and ranges (period down to 50)."""
from oslo_config import cfg
import pytest

from mtce import conf as mtce_conf


def _conf(tmp_path, text=''):
    path = tmp_path / 'mtce.conf'
    path.write_text(text)
    conf = cfg.ConfigOpts()
    mtce_conf.register_opts(conf)
    conf(['--config-file', str(path)])
    return conf


def test_defaults(tmp_path):
    conf = _conf(tmp_path)
    agent, client = conf.agent, conf.client
    assert agent.heartbeat_period == 1000
    assert agent.heartbeat_degrade_threshold == 6
    assert agent.heartbeat_failure_threshold == 10
    assert agent.hbs_minor_threshold == 4
    assert agent.heartbeat_failure_action == 'fail'
    assert agent.mnfa_threshold == 2 and agent.mnfa_timeout == 0
    assert agent.multicast == '239.1.1.2'
    assert (agent.hbs_agent_mgmnt_port, agent.hbs_agent_clstr_port) == \
        (2103, 2113)
    assert (client.hbs_client_mgmnt_port, client.hbs_client_clstr_port,
            client.pmon_pulse_port) == (2106, 2116, 2109)
    assert conf.mtc_debug.clstr_degrade_only is False
    assert conf.heartbeat.transport == 'multicast'


@pytest.mark.parametrize('key, value', [
    ('heartbeat_period', 50), ('heartbeat_period', 100),
    ('heartbeat_period', 1000),
    ('heartbeat_degrade_threshold', 4), ('heartbeat_degrade_threshold', 100),
    ('heartbeat_failure_threshold', 10),
    ('heartbeat_failure_threshold', 100),
    ('mnfa_threshold', 2), ('mnfa_threshold', 100),
    ('mnfa_timeout', 0), ('mnfa_timeout', 100), ('mnfa_timeout', 86400),
    ('heartbeat_failure_action', 'fail'),
    ('heartbeat_failure_action', 'degrade'),
    ('heartbeat_failure_action', 'alarm'),
    ('heartbeat_failure_action', 'none'),
])
def test_values_in_range_are_accepted(tmp_path, key, value):
    conf = _conf(tmp_path, '[agent]\n%s = %s\n' % (key, value))
    assert getattr(conf.agent, key) == value


@pytest.mark.parametrize('key, value', [
    ('heartbeat_period', 49), ('heartbeat_period', 1001),
    ('heartbeat_degrade_threshold', 3),
    ('heartbeat_degrade_threshold', 101),
    ('heartbeat_failure_threshold', 9),
    ('heartbeat_failure_threshold', 101),
    ('mnfa_threshold', 1), ('mnfa_threshold', 101),
    ('mnfa_timeout', 1), ('mnfa_timeout', 99), ('mnfa_timeout', 86401),
    ('heartbeat_failure_action', 'reboot'),
])
def test_values_out_of_range_are_refused(tmp_path, key, value):
    conf = _conf(tmp_path, '[agent]\n%s = %s\n' % (key, value))
    with pytest.raises(cfg.ConfigFileValueError):
        getattr(conf.agent, key)


def test_the_key_is_a_secret_option():
    opts = dict(mtce_conf.list_opts())['heartbeat']
    assert [o for o in opts if o.name == 'auth_key'][0].secret
