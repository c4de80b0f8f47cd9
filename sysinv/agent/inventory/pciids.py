"""Names of PCI vendors, devices and classes from the ``pci.ids`` file.

Looked up under the probed root at ``/usr/share/misc/pci.ids`` (Debian's
``pci.ids`` package) or ``/usr/share/hwdata/pci.ids``. Without the file,
names fall back to the hex ids the way ``lspci`` prints unknown ones
(``Vendor 1af4``, ``Device 1041``, ``Class 0200``). The parsed file is kept
in memory until it changes on disk.
"""
import dataclasses
import os
import threading

from sysinv.agent.inventory import readers

LOCATIONS = ('usr/share/misc/pci.ids', 'usr/share/hwdata/pci.ids')

_lock = threading.Lock()
_cache: dict[tuple[str, int, int], 'PciIds'] = {}


@dataclasses.dataclass
class PciIds:
    """The parsed database; ids are lower-case hex strings."""

    vendors: dict[str, str] = dataclasses.field(default_factory=dict)
    devices: dict[tuple[str, str], str] = dataclasses.field(
        default_factory=dict)
    subsystems: dict[tuple[str, str, str, str], str] = dataclasses.field(
        default_factory=dict)
    classes: dict[str, str] = dataclasses.field(default_factory=dict)

    def class_name(self, class_id: str | None) -> str | None:
        """Name of a 6-digit class id: subclass name, else class name."""
        if not class_id:
            return None
        class_id = class_id.lower()
        name = (self.classes.get(class_id[:4]) or
                self.classes.get(class_id[:2]))
        return name or 'Class %s' % class_id[:4]

    def vendor_name(self, vendor: str | None) -> str | None:
        if not vendor:
            return None
        return self.vendors.get(vendor.lower()) or 'Vendor %s' % vendor

    def device_name(self, vendor: str | None, device: str | None
                    ) -> str | None:
        if not device:
            return None
        return (self.devices.get(((vendor or '').lower(), device.lower()))
                or 'Device %s' % device)

    def subsystem_name(self, vendor: str | None, device: str | None,
                       svendor: str | None, sdevice: str | None
                       ) -> str | None:
        if not sdevice or not svendor or svendor == '0000':
            return None
        key = ((vendor or '').lower(), (device or '').lower(),
               svendor.lower(), sdevice.lower())
        return self.subsystems.get(key) or 'Device %s' % sdevice


def parse(text: str) -> PciIds:
    """Parse the content of a ``pci.ids`` file."""
    db = PciIds()
    vendor = device = klass = None
    in_classes = False
    for line in text.splitlines():
        if not line or line.startswith('#'):
            continue
        depth = len(line) - len(line.lstrip('\t'))
        body = line.strip()
        if depth == 0:
            in_classes = body.startswith('C ')
            if in_classes:
                klass, _, name = body[2:].partition(' ')
                db.classes[klass.lower()] = name.strip()
            else:
                vendor, _, name = body.partition(' ')
                vendor = vendor.lower()
                db.vendors[vendor] = name.strip()
            device = None
        elif in_classes:
            if depth == 1 and klass:
                sub, _, name = body.partition(' ')
                db.classes[klass + sub.lower()] = name.strip()
        elif depth == 1 and vendor:
            device, _, name = body.partition(' ')
            device = device.lower()
            db.devices[(vendor, device)] = name.strip()
        elif depth == 2 and vendor and device:
            parts = body.split(None, 2)
            if len(parts) == 3:
                db.subsystems[(vendor, device, parts[0].lower(),
                               parts[1].lower())] = parts[2].strip()
    return db


def load(root: str = '/') -> PciIds:
    """The database found under ``root`` (empty if there is none)."""
    for location in LOCATIONS:
        path = readers.at(root, location)
        try:
            stat = os.stat(path)
        except OSError:
            continue
        key = (os.path.realpath(path), stat.st_mtime_ns, stat.st_size)
        with _lock:
            if key not in _cache:
                text = readers.read_text(path) or ''
                if len(_cache) >= 4:
                    _cache.clear()
                _cache[key] = parse(text)
            return _cache[key]
    return PciIds()
