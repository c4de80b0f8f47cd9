"""sysinv's console scripts."""
# Modules whose exceptions cross sysinv's RPC.
EXMODS = ['sysinv.exception', 'stx_common.contracts.alarm',
          'stx_common.contracts.host']
