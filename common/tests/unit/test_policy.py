from oslo_policy import policy as oslo_policy
import pytest

from stx_common import context, policy

RULES = [oslo_policy.RuleDefault('thing:get', policy.READER),
         oslo_policy.RuleDefault('thing:delete',
                                 policy.ADMIN_OR_CONFIGURATOR)]


@pytest.mark.parametrize('roles, can_read, can_write', [
    (['admin'], True, True),
    (['configurator'], True, True),
    (['operator'], True, False),
    (['reader'], True, False),
    (['member'], False, False),
    ([], False, False),
])
def test_roles(conf, roles, can_read, can_write):
    enforcer = policy.make_enforcer(RULES)
    ctx = context.RequestContext(roles=roles, user_id='u', project_id='p')

    def allowed(action):
        try:
            policy.authorize(enforcer, action, ctx)
            return True
        except policy.PolicyNotAuthorized as exc:
            assert exc.code == 403
            return False

    assert allowed('thing:get') is can_read
    assert allowed('thing:delete') is can_write
