"""RabbitMQ for tests: a private vhost on the site broker, or a private
broker node a test may stop and start (broker-restart tests)."""
import os
import shutil
import subprocess
import tempfile
import time
import uuid

from stx_common.testing import ports, waiting

HOST = os.environ.get('FLOCK_TEST_RABBIT_HOST', '127.0.0.1')
PORT = int(os.environ.get('FLOCK_TEST_RABBIT_PORT', '5672'))
USER = os.environ.get('FLOCK_TEST_RABBIT_USER', 'guest')
PASSWORD = os.environ.get('FLOCK_TEST_RABBIT_PASSWORD', 'guest')


def transport_url(host=HOST, port=PORT, vhost='', user=USER,
                  password=PASSWORD):
    return 'rabbit://%s:%s@%s:%d/%s' % (user, password, host, port, vhost)


def ensure_site_broker(timeout=90.0):
    """Start the machine's RabbitMQ if nothing listens on its port."""
    if ports.is_listening(HOST, PORT):
        return
    if shutil.which('rabbitmq-server') is None:
        raise RuntimeError('RabbitMQ is not installed (make test installs '
                           'it: apt-get install rabbitmq-server)')
    subprocess.run(['rabbitmq-server', '-detached'], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    waiting.wait_for(lambda: ports.is_listening(HOST, PORT), timeout,
                     interval=0.5, what='RabbitMQ on %s:%d' % (HOST, PORT))


def _ctl(*args, node=None, check=True):
    argv = ['rabbitmqctl', '-q']
    if node:
        argv += ['-n', node]
    return subprocess.run(argv + list(args), check=check,
                          capture_output=True, text=True, timeout=60)


class Vhost:
    """A throw-away vhost on the site broker (guest has full rights)."""

    def __init__(self, prefix='flock-test'):
        self.name = '%s-%s' % (prefix, uuid.uuid4().hex[:8])

    def create(self):
        ensure_site_broker()
        _ctl('add_vhost', self.name)
        _ctl('set_permissions', '-p', self.name, USER, '.*', '.*', '.*')
        return self

    @property
    def url(self):
        return transport_url(vhost=self.name)

    def delete(self):
        _ctl('delete_vhost', self.name, check=False)


class PrivateBroker:
    """A RabbitMQ node of the test's own, on free loopback ports."""

    def __init__(self):
        self.port = ports.free_port()
        self.dist_port = ports.free_port()
        self.node = 'flock%s@localhost' % uuid.uuid4().hex[:8]
        self.dir = tempfile.mkdtemp(prefix='flock-rmq-')
        with open(os.path.join(self.dir, 'rabbitmq.conf'), 'w') as conf:
            conf.write('listeners.tcp.local = 127.0.0.1:%d\n'
                       'loopback_users = none\n' % self.port)
        for name in ('env.conf', 'enabled_plugins'):
            open(os.path.join(self.dir, name), 'w').close()
        shutil.chown(self.dir, 'rabbitmq')
        for name in os.listdir(self.dir):
            shutil.chown(os.path.join(self.dir, name), 'rabbitmq')

    @property
    def url(self):
        return transport_url(port=self.port, vhost='')

    def _env(self):
        erl = '-kernel inet_dist_use_interface {127,0,0,1}'
        return dict(
            os.environ,
            RABBITMQ_CONF_ENV_FILE=os.path.join(self.dir, 'env.conf'),
            RABBITMQ_CONFIG_FILE=os.path.join(self.dir, 'rabbitmq.conf'),
            RABBITMQ_NODENAME=self.node,
            RABBITMQ_NODE_IP_ADDRESS='127.0.0.1',
            RABBITMQ_NODE_PORT=str(self.port),
            RABBITMQ_DIST_PORT=str(self.dist_port),
            RABBITMQ_MNESIA_BASE=os.path.join(self.dir, 'mnesia'),
            RABBITMQ_LOG_BASE=os.path.join(self.dir, 'log'),
            RABBITMQ_ENABLED_PLUGINS_FILE=os.path.join(self.dir,
                                                       'enabled_plugins'),
            ERL_EPMD_ADDRESS='127.0.0.1',
            RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=erl,
            RABBITMQ_CTL_ERL_ARGS=erl)

    def start(self, timeout=90.0):
        subprocess.run(['rabbitmq-server', '-detached'], env=self._env(),
                       check=True, cwd=self.dir, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        waiting.wait_for(lambda: ports.is_listening('127.0.0.1', self.port),
                         timeout, interval=0.2,
                         what='private RabbitMQ %s' % self.node)
        return self

    def stop(self):
        subprocess.run(['rabbitmqctl', '-q', '-n', self.node, 'shutdown'],
                       env=self._env(), check=False, capture_output=True,
                       timeout=120)
        waiting.wait_for(
            lambda: not ports.is_listening('127.0.0.1', self.port), 60,
            what='private RabbitMQ %s stopped' % self.node)

    def restart(self, down_for=0.0):
        self.stop()
        time.sleep(down_for)
        self.start()

    def destroy(self):
        if ports.is_listening('127.0.0.1', self.port):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
