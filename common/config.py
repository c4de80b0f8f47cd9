"""Process start-up: parse a service's config file and set up logging.

Every console script calls :func:`prepare` first. The config file is
``/etc/<svc>/<svc>.conf`` (oslo.config's standard search) or whatever
``--config-file`` names.
"""
import os

from oslo_config import cfg
from oslo_db import options as db_options
from oslo_log import log

from stx_common import conf as _shared  # noqa: F401  (registers options)
from stx_common import version

CONF = cfg.CONF

_LOG_DEFAULTS = [
    'amqp=WARN', 'amqplib=WARN', 'kombu=WARN', 'oslo.messaging=INFO',
    'oslo_messaging=INFO', 'sqlalchemy=WARN', 'stevedore=WARN',
    'keystonemiddleware=WARN', 'urllib3=WARN', 'cheroot=WARN',
    'pyghmi=WARN', 'alembic=WARN',
]

_log_registered = False


def register_logging(conf=CONF):
    """Register oslo.log's options once (idempotent)."""
    global _log_registered
    if not _log_registered:
        log.register_options(conf)
        log.set_defaults(default_log_levels=(
            log.get_default_log_levels() + _LOG_DEFAULTS))
        _log_registered = True


def set_service_defaults(project, conf=CONF, api_port=None):
    """Defaults that depend on which service is running.

    :param project: the service name (``fm``, ``sysinv``, ...).
    :param api_port: the StarlingX port of the service's REST API.
    """
    db_options.set_defaults(conf)
    if api_port is not None:
        conf.set_default('bind_port', api_port, group='api')
    conf.set_default('state_path', os.path.join('/var/lib', project))


def database_default(project, conf=CONF):
    """SQLite file under state_path when [database] connection is unset."""
    if not conf.database.connection:
        path = os.path.join(conf.state_path, '%s.sqlite' % project)
        conf.set_default('connection', 'sqlite:///' + path,
                         group='database')


def prepare(argv, project, api_port=None, conf=CONF, setup_logging=True):
    """Parse ``argv`` as a ``<project>`` process and set up logging.

    :param argv: the command line, program name first.
    :param project: the service name; also the AMQP control exchange.
    :param api_port: default port of the service's REST API, if any.
    :returns: the parsed configuration object.
    """
    import oslo_messaging

    register_logging(conf)
    set_service_defaults(project, conf, api_port)
    oslo_messaging.set_transport_defaults(control_exchange=project)
    conf(argv[1:], project=project, version=version.VERSION)
    database_default(project, conf)
    os.makedirs(conf.state_path, exist_ok=True)
    if setup_logging:
        log.setup(conf, project)
    return conf
