"""fm's console scripts."""
# Modules whose exceptions cross FM's RPC.
EXMODS = ['fm.exception', 'stx_common.contracts.alarm']
