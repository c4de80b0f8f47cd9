"""mtce's options: one module per concern, each registering its own.

Groups and keys are StarlingX's (``mtc.ini``: ``[agent]``, ``[timeouts]``,
``[client]``, ...). A module here defines ``opts`` (a list of
``(group, [options])`` pairs) and nothing else; every module of this
package is registered on import, so adding a concern needs no edit here.
"""
import importlib
import pkgutil

from oslo_config import cfg

CONF = cfg.CONF


def _modules():
    for info in pkgutil.iter_modules(__path__):
        if info.name != 'opts':
            yield importlib.import_module('%s.%s' % (__name__, info.name))


def list_opts():
    """Every (group, options) pair, merged by group, for the generator."""
    groups = {}
    for module in _modules():
        for group, options in module.opts:
            groups.setdefault(group, []).extend(options)
    return sorted(groups.items())


def register_opts(conf=CONF):
    for group, options in list_opts():
        for option in options:
            try:
                conf.register_opt(option, group=group)
            except cfg.DuplicateOptError:
                pass


register_opts()
