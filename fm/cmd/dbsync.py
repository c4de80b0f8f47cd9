"""fm-dbsync: create or upgrade FM's database schema."""
import sys

from fm import conf  # noqa: F401  (registers FM's options)
from fm.db import migration


def main(argv=None):
    return migration.dbsync_main(argv)


if __name__ == '__main__':
    sys.exit(main())
