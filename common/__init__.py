"""stx_common: the plumbing every Flock service shares.

Configuration, request context, RPC and notifications, database sessions and
migrations, REST scaffolding, authentication and policy, the FSM helper, the
alarm client and the cross-service contracts. No service domain lives here:
a service imports stx_common, never another service.
"""

import warnings  # noqa: E402

# No eventlet anywhere: oslo.service (pulled in by oslo.messaging) must use
# its threading backend, chosen before anything asks for a backend. Some
# libraries still import eventlet just to look for it; that warning is
# noise here.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')
warnings.filterwarnings('ignore', message='eventletutils module')

from oslo_service import backend as _backend  # noqa: E402

# Chosen lazily, when oslo.messaging first asks for a backend: a CLI that
# never touches RPC does not pay for loading one.
_backend.register_backend_default_hook(
    lambda: _backend.BackendType.THREADING)
