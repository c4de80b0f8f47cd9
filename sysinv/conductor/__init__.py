"""sysinv-conductor: the RPC server that checks and records every change
with side effects, talks to maintenance and the VIM, and absorbs the
agents' inventory reports."""
