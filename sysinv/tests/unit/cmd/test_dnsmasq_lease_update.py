"""sysinv-dnsmasq-lease-update never holds dnsmasq up."""
import oslo_messaging as messaging
import pytest

from sysinv.cmd import dnsmasq_lease_update as hook
from sysinv.conductor import rpcapi


@pytest.fixture
def calls(conf, monkeypatch):
    sent = []

    def handle(self, context, tags, mac, ip_address, cid=None,
               timeout=None):
        sent.append((tags, mac, ip_address, timeout))
        if mac == '08:00:27:00:00:0e':
            raise messaging.MessageUndeliverable(None, 'x', 'y', None)
        return {'uuid': 'u1'}

    monkeypatch.setattr(rpcapi.ConductorAPI, 'handle_dhcp_lease', handle)
    # the process set-up of a real run (the test's CONF is ready)
    monkeypatch.setattr(hook.conf, 'prepare', lambda argv: None)
    monkeypatch.setattr(hook.rpc, 'init', lambda **kwargs: None)
    monkeypatch.setattr(hook.rpc, 'cleanup', lambda: None)
    monkeypatch.setattr(rpcapi.ConductorAPI, '__init__',
                        lambda self, *a, **k: None)
    monkeypatch.setenv('DNSMASQ_TAGS', 'pxeboot known')
    return sent


def test_add_and_old_ask_the_conductor(calls):
    assert hook.main(['hook', 'add', '08:00:27:00:00:01', '10.0.0.5']) == 0
    assert hook.main(['hook', 'old', '08:00:27:00:00:01', '10.0.0.5',
                      'worker-0']) == 0
    assert [c[:3] for c in calls] == [
        (['pxeboot', 'known'], '08:00:27:00:00:01', '10.0.0.5')] * 2
    assert calls[0][3] == 5


def test_other_events_and_bad_calls_do_nothing(calls):
    assert hook.main(['hook', 'del', '08:00:27:00:00:01', '10.0.0.5']) == 0
    assert hook.main(['hook', 'init']) == 0
    assert hook.main(['hook', 'explode']) == 0
    assert hook.main(['hook']) == 0
    assert calls == []


def test_an_unreachable_conductor_is_not_an_error(calls):
    assert hook.main(['hook', 'add', '08:00:27:00:00:0e', '10.0.0.6']) == 0
    assert len(calls) == 1
