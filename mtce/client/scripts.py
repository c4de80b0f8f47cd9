"""Running a directory of scripts (goenabled tests, host services,
configuration) as StarlingX's ``goenabled`` and ``runservices`` do: every
executable regular file, in name order, each with a timeout; the first
failure stops the run."""
import os
import subprocess

from oslo_log import log

LOG = log.getLogger(__name__)


def scripts_in(directory):
    try:
        names = sorted(os.listdir(directory))
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        full = os.path.join(directory, name)
        if os.path.isfile(full) and os.access(full, os.X_OK) and \
                not name.startswith('.'):
            found.append(full)
    return found


def run_all(directory, args=(), timeout=300.0, env=None, cwd=None):
    """Run every script of ``directory`` with ``args``.

    :returns: ``(True, '')`` or ``(False, reason)``; an empty or missing
        directory passes.
    """
    for script in scripts_in(directory):
        try:
            done = subprocess.run([script, *args], capture_output=True,
                                  text=True, timeout=timeout, env=env,
                                  cwd=cwd, check=False)
        except subprocess.TimeoutExpired:
            return False, '%s timed out after %gs' % (
                os.path.basename(script), timeout)
        except OSError as exc:
            return False, '%s: %s' % (os.path.basename(script), exc)
        if done.returncode != 0:
            output = (done.stderr or done.stdout or '').strip()
            reason = '%s exited %d%s' % (
                os.path.basename(script), done.returncode,
                ': ' + output.splitlines()[-1] if output else '')
            LOG.warning('%s', reason)
            return False, reason
        LOG.info('%s passed', os.path.basename(script))
    return True, ''
