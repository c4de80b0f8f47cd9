"""How the ``fm`` subcommands are declared (see
:mod:`stx_common.client.commands`), and the options several of them
share."""
from stx_common.client.commands import NOWRAP, Argument, Command, arg

__all__ = ['INCLUDE_SUPPRESS', 'NOPAGING', 'NOWRAP', 'UUID', 'Argument',
           'Command', 'arg']

NOPAGING = arg('--nopaging', action='store_true',
               help='Print the whole table at once instead of through a '
                    'pager when it is taller than the terminal.')
UUID = arg('--uuid', action='store_true',
           help='Include the UUID column in the output.')
INCLUDE_SUPPRESS = arg('--include_suppress', action='store_true',
                       help='Include alarms whose id is suppressed, marked '
                            'S(<id>).')
