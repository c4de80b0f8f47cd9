"""stx_common: the plumbing every Flock service shares.

Configuration, request context, RPC and notifications, database sessions and
migrations, REST scaffolding, authentication and policy, the FSM helper, the
alarm client and the cross-service contracts. No service domain lives here:
a service imports stx_common, never another service.
"""
