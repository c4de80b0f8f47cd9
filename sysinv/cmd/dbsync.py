"""sysinv-dbsync: create or upgrade sysinv's database schema."""
import sys

from sysinv import conf  # noqa: F401  (registers sysinv's options)
from sysinv.db import migration


def main(argv=None):
    return migration.dbsync_main(argv)


if __name__ == '__main__':
    sys.exit(main())
