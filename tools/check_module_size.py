"""Fail when a Python module passes the hard cap of 1,500 lines.

Alembic migration versions are exempt. Modules over the soft cap (800)
are listed as a warning.
"""
import pathlib
import subprocess
import sys

SOFT, HARD = 800, 1500


def main():
    files = subprocess.run(['git', 'ls-files', '*.py'], capture_output=True,
                           text=True, check=True).stdout.split()
    too_big = []
    for name in files:
        if '/migrations/' in name:
            continue
        path = pathlib.Path(name)
        if not path.exists():
            continue
        lines = len(path.read_text(errors='replace').splitlines())
        if lines > HARD:
            too_big.append((name, lines))
        elif lines > SOFT:
            print('warning: %s has %d lines (soft cap %d)' % (name, lines,
                                                               SOFT))
    for name, lines in too_big:
        print('error: %s has %d lines (hard cap %d)' % (name, lines, HARD))
    return 1 if too_big else 0


if __name__ == '__main__':
    sys.exit(main())
