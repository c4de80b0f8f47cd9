"""How the conductor tells maintenance (and the VIM) about hosts.

Each call returns maintenance's :class:`~stx_common.contracts.host.
MtceAnswer`, or None when nobody answered: the topic was never consumed
(maintenance is not deployed: ``MessageUndeliverable`` at once) or the
answer did not come in time. No answer is not an error for the user: the
action stays recorded as in progress and a line is logged, so it can be
replayed once maintenance runs.
"""
from oslo_config import cfg
from oslo_log import log
import oslo_messaging as messaging

from stx_common.contracts import host as contract

CONF = cfg.CONF
LOG = log.getLogger(__name__)

NO_ANSWER = (messaging.MessageUndeliverable, messaging.MessagingTimeout,
             messaging.MessageDeliveryFailure)


class Maintenance:
    """The conductor's side of the host maintenance contract."""

    def __init__(self, mtce_client=None, vim_client=None):
        self._mtce = mtce_client
        self._vim = vim_client

    @property
    def mtce(self):
        if self._mtce is None:
            self._mtce = contract.MtceClient()
        return self._mtce

    @property
    def vim(self):
        if self._vim is None:
            self._vim = contract.VimClient()
        return self._vim

    @staticmethod
    def vim_enabled():
        return CONF.conductor.vim_enabled

    def _ask(self, who, what, host, call):
        try:
            answer = call()
        except NO_ANSWER as exc:
            LOG.warning('%s did not answer %s of host %s (%s); the host '
                        'stays as recorded', who, what,
                        host.get('hostname') or host.get('uuid'),
                        type(exc).__name__)
            return None
        LOG.info('%s answered %s of host %s: %s %s', who, what,
                 host.get('hostname') or host.get('uuid'), answer.status,
                 answer.reason)
        return answer

    def add(self, context, host):
        record = contract.MtceHost.from_host(host)
        return self._ask(
            'maintenance', 'add', host, lambda: self.mtce.add_host(
                context, record, timeout=CONF.conductor.mtce_timeout))

    def modify(self, context, host, action=None):
        record = contract.MtceHost.from_host(host)
        return self._ask(
            'maintenance', action or 'modify', host,
            lambda: self.mtce.modify_host(
                context, record, action=action,
                timeout=CONF.conductor.mtce_timeout))

    def delete(self, context, host):
        return self._ask(
            'maintenance', 'delete', host, lambda: self.mtce.delete_host(
                context, host['uuid'],
                timeout=CONF.conductor.mtce_delete_timeout))

    def vim_action(self, context, host, action):
        return self._ask(
            'the VIM', action, host, lambda: self.vim.host_action(
                context, host['uuid'], host.get('hostname'), action,
                timeout=CONF.conductor.vim_timeout))

    def vim_add(self, context, host):
        record = contract.MtceHost.from_host(host)
        return self._ask('the VIM', 'add', host, lambda: self.vim.host_add(
            context, record, timeout=CONF.conductor.vim_timeout))

    def vim_delete(self, context, host):
        return self._ask(
            'the VIM', 'delete', host, lambda: self.vim.host_delete(
                context, host['uuid'], host.get('hostname'),
                timeout=CONF.conductor.vim_timeout))
