"""mtce-agent: ``mtce-agent --config-file /etc/mtce/mtce.conf``."""
import sys

from mtce.agent import service as agent_service
from mtce.cmd import prepare
from stx_common import alarms, service


def main(argv=None):
    conf = prepare(sys.argv if argv is None else argv)
    agent = agent_service.MtceAgent(conf)
    try:
        service.run(agent.parts(), 'mtce-agent')
    finally:
        alarms.reset_client()


if __name__ == '__main__':
    main()
