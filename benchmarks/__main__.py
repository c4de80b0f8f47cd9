"""Run every benchmark: ``python -m benchmarks [name ...]``."""
import importlib
import pkgutil
import sys

import benchmarks


def main(argv):
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__)
                   if m.name.startswith('bench_'))
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    if not wanted:
        print('no benchmark matches %s; known: %s' % (argv, names))
        return 2
    for name in wanted:
        module = importlib.import_module('benchmarks.' + name)
        module.run()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
