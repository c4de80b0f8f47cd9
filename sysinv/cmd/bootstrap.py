"""sysinv-bootstrap --config <site.yaml>: create the system, its platform
networks and address pools, and controller-0, from a site file.

It runs before the services: it migrates the database, then writes it
through the DB API in one transaction. Running it again on a bootstrapped
system is refused (exit status 1) and changes nothing.
"""
import argparse
import sys

from oslo_log import log
import yaml

from stx_common import exception, version
from sysinv import bootstrap, conf
from sysinv.conf import CONF
from sysinv.db import api as db_api
from sysinv.db import migration

LOG = log.getLogger(__name__)


def _arguments(argv):
    parser = argparse.ArgumentParser(
        prog='sysinv-bootstrap', add_help=False, allow_abbrev=False,
        description='Bootstrap a site from its site file.')
    parser.add_argument('--config', required=True, metavar='SITE_YAML',
                        help='site file (YAML, StarlingX bootstrap keys)')
    return parser.parse_known_args(argv[1:])


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    if '-h' in argv or '--help' in argv:
        print(__doc__)
        return 0
    arguments, rest = _arguments(argv)
    conf.prepare([argv[0], *rest])
    try:
        with open(arguments.config) as handle:
            site = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        print('sysinv-bootstrap: cannot read %s: %s' % (arguments.config,
                                                        exc),
              file=sys.stderr)
        return 2
    migration.upgrade(CONF.database.connection)
    dbapi = db_api.Connection()
    try:
        result = bootstrap.bootstrap(
            dbapi, site, CONF.software_version or version.VERSION)
    except exception.FlockException as exc:
        print('sysinv-bootstrap: %s' % exc, file=sys.stderr)
        return 1
    finally:
        dbapi.dispose()
    system, host = result['system'], result['host']
    LOG.info('Bootstrapped %s', system['name'])
    print("System '%s' (%s, %s) bootstrapped: %s %s, mgmt %s"
          % (system['name'], system['system_type'], system['system_mode'],
             host['hostname'], host['mgmt_mac'], host['mgmt_ip']))
    return 0


if __name__ == '__main__':
    sys.exit(main())
