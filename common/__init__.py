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
from oslo_service.backend import exceptions as _backend_exc  # noqa: E402

try:
    _backend.init_backend(_backend.BackendType.THREADING)
except _backend_exc.BackendAlreadySelected:
    # Loaded as a plugin by a program that chose first (the config and
    # policy generators); our own processes import stx_common first.
    pass
