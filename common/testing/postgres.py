"""PostgreSQL for tests: a throw-away database on the site server, or a
private cluster a test may stop and start (database-restart tests)."""
import glob
import os
import shutil
import subprocess
import tempfile
import uuid

from stx_common.testing import ports, waiting

HOST = os.environ.get('FLOCK_TEST_PG_HOST', '127.0.0.1')
PORT = int(os.environ.get('FLOCK_TEST_PG_PORT', '5432'))
USER = os.environ.get('FLOCK_TEST_PG_USER', 'postgres')


def url(database, host=HOST, port=PORT, user=USER):
    return 'postgresql+psycopg2://%s@%s:%d/%s' % (user, host, port, database)


def _bin(name):
    found = sorted(glob.glob('/usr/lib/postgresql/*/bin/' + name))
    if not found:
        raise RuntimeError('PostgreSQL is not installed (make test installs '
                           'it: apt-get install postgresql)')
    return found[-1]


def ensure_site_server(timeout=60.0):
    """Start the machine's PostgreSQL cluster if it is not listening."""
    if ports.is_listening(HOST, PORT):
        return
    versions = sorted(os.listdir('/etc/postgresql')) \
        if os.path.isdir('/etc/postgresql') else []
    if not versions:
        raise RuntimeError('no PostgreSQL cluster on this machine')
    subprocess.run(['pg_ctlcluster', '--skip-systemctl-redirect',
                    versions[-1], 'main', 'start'], check=False)
    waiting.wait_for(lambda: ports.is_listening(HOST, PORT), timeout,
                     what='PostgreSQL on %s:%d' % (HOST, PORT))


def _admin(sql, host=HOST, port=PORT):
    import psycopg2

    conn = psycopg2.connect(host=host, port=port, user=USER,
                            dbname='postgres')
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


class Database:
    """A database of the test's own, dropped afterwards."""

    def __init__(self, prefix='flock_test', host=HOST, port=PORT):
        self.name = '%s_%s' % (prefix, uuid.uuid4().hex[:10])
        self.host, self.port = host, port

    def create(self):
        if (self.host, self.port) == (HOST, PORT):
            ensure_site_server()
        _admin('CREATE DATABASE "%s"' % self.name, self.host, self.port)
        return self

    @property
    def url(self):
        return url(self.name, self.host, self.port)

    def drop(self):
        try:
            _admin('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % self.name,
                   self.host, self.port)
        except Exception:  # noqa: BLE001 - the server may be gone already
            pass


class PrivateCluster:
    """A PostgreSQL cluster in a temp dir, on a free port (trust auth)."""

    def __init__(self):
        self.port = ports.free_port()
        self.dir = tempfile.mkdtemp(prefix='flock-pg-')
        shutil.chown(self.dir, 'postgres')
        self.data = os.path.join(self.dir, 'data')
        self._as_postgres(_bin('initdb'), '-D', self.data, '-U', USER,
                          '--auth=trust', '-E', 'UTF8')

    def _as_postgres(self, *argv):
        subprocess.run(['runuser', '-u', 'postgres', '--', *argv],
                       check=True, capture_output=True, cwd=self.dir)

    def start(self, timeout=60.0):
        options = ('-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off'
                   % (self.port, self.dir))
        self._as_postgres(_bin('pg_ctl'), '-D', self.data, '-l',
                          os.path.join(self.dir, 'log'), '-w', '-o',
                          options, 'start')
        waiting.wait_for(lambda: ports.is_listening('127.0.0.1', self.port),
                         timeout, what='private PostgreSQL')
        return self

    def stop(self, mode='fast'):
        self._as_postgres(_bin('pg_ctl'), '-D', self.data, '-m', mode, '-w',
                          'stop')

    def restart(self):
        self.stop()
        self.start()

    def database(self, prefix='flock_test'):
        return Database(prefix, '127.0.0.1', self.port).create()

    def destroy(self):
        try:
            self.stop('immediate')
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)
