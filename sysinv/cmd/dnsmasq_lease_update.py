"""sysinv-dnsmasq-lease-update: dnsmasq's ``--dhcp-script`` on the pxeboot
network.

dnsmasq runs it as ``add|old|del <mac> <ip> [hostname]`` (and ``init`` /
``tftp``). On ``add`` and ``old`` it asks the conductor to create a
placeholder host for the MAC (the conductor logs FM event 200.020). It
never holds dnsmasq up: when the conductor does not answer within
``[conductor] lease_update_timeout`` seconds it logs and exits 0.
"""
import argparse
import logging
import os
import sys
import threading

from oslo_log import log
import oslo_messaging as messaging

from stx_common import context, exception, rpc
from sysinv import conf
from sysinv.cmd import EXMODS
from sysinv.conductor import rpcapi
from sysinv.conf import CONF

LOG = log.getLogger(__name__)
GRANTED = ('add', 'old')
WATCHDOG_GRACE = 2
OSLO_OPTIONS = ('--config-file', '--config-dir', '--log-file', '--log-dir')


def _arguments(argv):
    parser = argparse.ArgumentParser(prog='sysinv-dnsmasq-lease-update',
                                     add_help=False, allow_abbrev=False)
    # oslo.config's own options, given back to it (their values are not
    # positional arguments)
    for name in OSLO_OPTIONS:
        parser.add_argument(name, action='append', default=[])
    parser.add_argument('operation',
                        choices=['add', 'old', 'del', 'init', 'tftp'])
    parser.add_argument('mac', nargs='?')
    parser.add_argument('ip_address', nargs='?')
    parser.add_argument('hostname', nargs='?')
    arguments, rest = parser.parse_known_args(argv[1:])
    for name in OSLO_OPTIONS:
        for value in getattr(arguments, name[2:].replace('-', '_')):
            rest += [name, value]
    return arguments, rest


def _tags():
    """dnsmasq's tags of the lease (space separated), if it gave any."""
    return [t for t in os.environ.get('DNSMASQ_TAGS', '').split() if t]


def _record(arguments):
    """Ask the conductor; its answer, or None."""
    rpc.init(allowed_remote_exmods=EXMODS)
    client = rpcapi.ConductorAPI()
    try:
        return client.handle_dhcp_lease(
            context.get_admin_context(), _tags(), arguments.mac,
            arguments.ip_address, timeout=CONF.conductor.lease_update_timeout)
    except (messaging.MessagingException, messaging.MessageUndeliverable,
            exception.FlockException) as exc:
        LOG.warning('Lease %s %s %s not recorded: %s', arguments.operation,
                    arguments.mac, arguments.ip_address, exc)
        return None
    finally:
        rpc.cleanup()


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    try:
        arguments, rest = _arguments(argv)
    except SystemExit:
        return 0  # a malformed call must not upset dnsmasq
    conf.prepare([argv[0], *rest])
    if arguments.operation not in GRANTED or not arguments.mac:
        return 0
    result = {}
    worker = threading.Thread(
        target=lambda: result.update(host=_record(arguments)), daemon=True)
    worker.start()
    # An unreachable broker can keep a connection retrying: never hold
    # dnsmasq up longer than the timeout.
    worker.join(CONF.conductor.lease_update_timeout + WATCHDOG_GRACE)
    if worker.is_alive():
        LOG.warning('Lease %s %s: the conductor is unreachable; not '
                    'recorded', arguments.operation, arguments.mac)
        logging.shutdown()
        os._exit(0)
    host = result.get('host')
    if host:
        LOG.info('Host %s discovered (%s)', arguments.mac, host['uuid'])
    return 0

if __name__ == '__main__':
    sys.exit(main())
