"""What a host knows of itself: its boot, its root directory, its flags.

A host's boot is identified by the kernel's ``boot_id`` and its uptime
by ``/proc/uptime``. A lab host (a network namespace of ``stx_lab``)
shares the machine's kernel, so the lab gives each boot of a host its
own identity in the environment of the host's processes:
``FLOCK_BOOT_ID`` and ``FLOCK_BOOT_TIME`` (seconds since the epoch);
they win when set.
"""
import os
import time

BOOT_ID_ENV = 'FLOCK_BOOT_ID'
BOOT_TIME_ENV = 'FLOCK_BOOT_TIME'
HOST_ROOT_ENV = 'FLOCK_HOST_ROOT'
PROC_BOOT_ID = '/proc/sys/kernel/random/boot_id'
PROC_UPTIME = '/proc/uptime'


def boot_id(environ=os.environ):
    value = environ.get(BOOT_ID_ENV)
    if value:
        return value
    try:
        with open(PROC_BOOT_ID) as handle:
            return handle.read().strip()
    except OSError:
        return 'unknown'


def uptime(environ=os.environ, now=None):
    """Seconds since this host booted."""
    value = environ.get(BOOT_TIME_ENV)
    if value:
        try:
            return max(0, int((now or time.time()) - float(value)))
        except ValueError:
            pass
    try:
        with open(PROC_UPTIME) as handle:
            return int(float(handle.read().split()[0]))
    except (OSError, ValueError, IndexError):
        return 0


def host_root(option=None, environ=os.environ):
    return option or environ.get(HOST_ROOT_ENV) or os.sep


def path(root, relative):
    """``relative`` under ``root`` (absolute paths are taken under it
    too)."""
    return os.path.join(root, relative.lstrip(os.sep))


class Flags:
    """Flag files of this boot: each holds the boot id it was written
    in, so a flag left by an earlier boot (a lab host's root directory
    survives reboots) does not count."""

    def __init__(self, root, boot):
        self.root = root
        self.boot = boot

    def set(self, relative, text=''):
        target = path(self.root, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, 'w') as handle:
            handle.write('%s\n%s\n' % (self.boot, text))

    def clear(self, relative):
        try:
            os.unlink(path(self.root, relative))
        except FileNotFoundError:
            pass

    def is_set(self, relative):
        try:
            with open(path(self.root, relative)) as handle:
                return handle.readline().strip() == self.boot
        except OSError:
            return False
