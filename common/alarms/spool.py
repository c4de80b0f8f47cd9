"""A crash-safe FIFO of alarm events in a local SQLite file.

One spool belongs to one live process at a time (an exclusive lock file).
A spool whose owner died is adopted by the next client started on the same
directory, so nothing raised before a crash is lost.
"""
import fcntl
import glob
import json
import os
import sqlite3
import threading

SUFFIX = '.spool'


class SpoolBusy(Exception):
    """Another live process owns this spool."""


class Spool:
    def __init__(self, path):
        self.path = path
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self._lock_file = open(path + '.lock', 'a+')  # noqa: SIM115
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_file.close()
            raise SpoolBusy(path) from None
        self._mutex = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False,
                                   isolation_level=None)
        self._db.execute('PRAGMA journal_mode=WAL')
        self._db.execute('PRAGMA synchronous=NORMAL')
        self._db.execute('CREATE TABLE IF NOT EXISTS events '
                         '(seq INTEGER PRIMARY KEY AUTOINCREMENT, '
                         'body TEXT NOT NULL)')

    def put(self, document):
        with self._mutex:
            self._db.execute('INSERT INTO events (body) VALUES (?)',
                             (json.dumps(document),))

    def peek(self, count):
        """The oldest ``count`` events as (seq, document) pairs."""
        return [(seq, json.loads(body)) for seq, body in self.peek_raw(count)]

    def peek_raw(self, count):
        """The oldest ``count`` events as (seq, JSON text) pairs."""
        with self._mutex:
            return self._db.execute(
                'SELECT seq, body FROM events ORDER BY seq LIMIT ?',
                (count,)).fetchall()

    def delete_through(self, seq):
        with self._mutex:
            self._db.execute('DELETE FROM events WHERE seq <= ?', (seq,))

    def __len__(self):
        with self._mutex:
            return self._db.execute('SELECT COUNT(*) FROM events'
                                    ).fetchone()[0]

    def close(self, remove_if_empty=False):
        with self._mutex:
            empty = self._db.execute('SELECT COUNT(*) FROM events'
                                     ).fetchone()[0] == 0
            self._db.close()
        if remove_if_empty and empty:
            for suffix in ('', '-wal', '-shm'):
                try:
                    os.unlink(self.path + suffix)
                except FileNotFoundError:
                    pass
        fcntl.flock(self._lock_file, fcntl.LOCK_UN)
        self._lock_file.close()


def open_own(directory, name):
    """A spool for this process: ``<name>.spool``, or the next free
    ``<name>.<n>.spool`` while other live processes hold the first."""
    for index in range(0, 1000):
        suffix = '' if index == 0 else '.%d' % index
        try:
            return Spool(os.path.join(directory, name + suffix + SUFFIX))
        except SpoolBusy:
            continue
    raise SpoolBusy(os.path.join(directory, name))


def adopt_orphans(directory, own_path):
    """Lock every spool in ``directory`` whose owner is gone."""
    orphans = []
    for path in sorted(glob.glob(os.path.join(directory, '*' + SUFFIX))):
        if path == own_path:
            continue
        try:
            spool = Spool(path)
        except SpoolBusy:
            continue
        if len(spool):
            orphans.append(spool)
        else:
            spool.close(remove_if_empty=True)
    return orphans
