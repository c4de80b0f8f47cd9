"""Builder of each service's ``<svc>-dbsync`` command.

``<svc>-dbsync [--config-file F] [upgrade [REV] | version | stamp REV |
heads]``; with no sub-command it upgrades to head, as StarlingX's do.
"""
import sys

from oslo_config import cfg

from stx_common import config
from stx_common.db import migration

CONF = cfg.CONF
COMMANDS = ('upgrade', 'version', 'stamp', 'heads')


def _split(argv):
    """Take the sub-command and its revision out of ``argv``."""
    rest, command, revision = [argv[0]], 'upgrade', None
    args = iter(argv[1:])
    for arg in args:
        if arg in COMMANDS and command == 'upgrade' and revision is None:
            command = arg
            if arg in ('upgrade', 'stamp'):
                nxt = next(args, None)
                if nxt is not None and nxt.startswith('-'):
                    rest.append(nxt)
                else:
                    revision = nxt
        else:
            rest.append(arg)
    return command, revision, rest


def make_dbsync(project, migrations_dir):
    """Return the ``main()`` of ``<project>-dbsync``."""

    def main(argv=None):
        argv = list(sys.argv if argv is None else argv)
        command, revision, rest = _split(argv)
        config.prepare(rest, project)
        url = CONF.database.connection
        if command == 'heads':
            print('\n'.join(migration.heads(migrations_dir)))
            return 0
        migration.wait_for_database(url)
        if command == 'version':
            print(migration.current_revision(url) or 'None')
        elif command == 'stamp':
            if not revision:
                print('%s-dbsync: stamp needs a revision' % project,
                      file=sys.stderr)
                return 2
            migration.stamp(migrations_dir, url, revision)
        else:
            migration.upgrade(migrations_dir, url, revision or 'head')
        return 0

    return main
