"""sysinv-agent: find this host's record and report its inventory."""
import signal
import sys

from oslo_log import log

from stx_common import rpc, service
from sysinv import conf
from sysinv.agent import manager
from sysinv.cmd import EXMODS
from sysinv.conductor import rpcapi
from sysinv.conf import CONF

LOG = log.getLogger(__name__)


def build(conductor=None):
    """The agent of this machine, from sysinv's configuration."""
    opts = CONF.agent
    return manager.Agent(
        conductor or rpcapi.ConductorAPI(),
        hostname=manager.hostname(CONF.host),
        root=manager.host_root(opts.host_root),
        include_virtual=opts.include_virtual,
        audit_interval=opts.inventory_audit_interval,
        lookup_interval=opts.host_lookup_interval,
        lookup_timeout=opts.host_lookup_timeout,
        retry_interval=opts.report_retry_interval,
        memavail_mib=opts.memavail_report_mib)


def run(agent):
    """Run until SIGTERM/SIGINT (exit 0) or until the agent gives up
    looking for its host (exit 1)."""
    launcher = service.Launcher([agent])
    signal.signal(signal.SIGTERM, launcher.request_stop)
    signal.signal(signal.SIGINT, launcher.request_stop)
    launcher.start()
    LOG.info('sysinv-agent started (host %s, root %s)', agent.hostname,
             agent.root)
    while not launcher.wait_for_stop(1.0):
        if agent.gave_up:
            break
    launcher.stop()
    LOG.info('sysinv-agent stopped')
    return 1 if agent.gave_up else 0


def main(argv=None):
    conf.prepare(sys.argv if argv is None else argv)
    rpc.init(allowed_remote_exmods=EXMODS)
    return run(build())


if __name__ == '__main__':
    sys.exit(main())
