"""Package discovery for the Flock's one distribution.

Metadata, console scripts and entry points live in setup.cfg. This file
only maps the folders whose import name differs from the folder name
(``common`` -> ``stx_common``, ``sw-patch`` -> ``sw_patch``, ``nfv-vim`` ->
``nfv_vim``, ``lab`` -> ``stx_lab``), which setup.cfg cannot express.
"""
import os

from setuptools import find_packages, setup

# folder -> import name, for folders that do not import as themselves.
RENAMED = {
    'common': 'stx_common',
    'lab': 'stx_lab',
    'sw-patch': 'sw_patch',
    'nfv-vim': 'nfv_vim',
}
# folders that import under their own name.
PLAIN = ['fm', 'sysinv', 'mtce', 'sm', 'dcmanager', 'dcorch']


def _packages():
    packages, package_dir = [], {}
    for folder, name in RENAMED.items():
        if not os.path.isdir(folder):
            continue
        package_dir[name] = folder
        packages.append(name)
        packages += ['%s.%s' % (name, sub)
                     for sub in find_packages(folder)]
    for name in PLAIN:
        if os.path.isdir(name):
            packages += find_packages(include=[name, name + '.*'])
    return packages, package_dir


PACKAGES, PACKAGE_DIR = _packages()
setup(packages=PACKAGES, package_dir=PACKAGE_DIR)
