"""hwmond: ``hwmond --config-file /etc/mtce/mtce.conf``."""
import logging
import sys

from mtce import conf as _conf  # noqa: F401  (registers mtce's options)
from mtce.hwmon import service as hwmon_service
from stx_common import alarms, config, rpc, service

CONF = config.CONF
# The Redfish library logs every request at INFO.
QUIET_LOGGERS = ('redfish', 'redfish.rest.v1')


def prepare(argv):
    config.prepare(argv, 'mtce')
    rpc.init(CONF)          # transport_url: where the alarm queue is
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return CONF


def main(argv=None):
    prepare(sys.argv if argv is None else argv)
    part = hwmon_service.HwmonService()
    try:
        service.run([part], 'hwmond')
    finally:
        alarms.reset_client()


if __name__ == '__main__':
    main()
