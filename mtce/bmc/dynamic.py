"""bm_type ``dynamic``: learn the BMC's protocol, then use it.

StarlingX's default (``bmc_access_method = learn``): ask the BMC for its
Redfish service root; when it answers with a ``RedfishVersion`` of 1.0 or
later, use Redfish, else IPMI. The learned protocol is remembered (by
maintenance in the host's ``mtce_info`` as ``bmc_protocol``): pass it back
as ``learned`` and it is used without asking again. ``on_learn`` is called
with the protocol each time one is learned.

When the BMC cannot be reached with the protocol in use, the driver
forgets it and learns again on the next call (the BMC may have been
replaced or reconfigured meanwhile). Unlike StarlingX, a BMC that answers
neither protocol is not taken for an IPMI one: nothing is learned then.
"""
import json
import urllib.error
import urllib.request

from oslo_log import log

from mtce.bmc import base, ipmi, redfish

LOG = log.getLogger(__name__)

MIN_REDFISH_VERSION = (1, 0)
PROBE_TIMEOUT = 5.0


def _version(text):
    parts = []
    for item in str(text or '').split('.')[:2]:
        digits = ''.join(ch for ch in item if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    while len(parts) < 2:
        parts.append(0)
    return tuple(parts)


def probe_redfish(url, timeout=PROBE_TIMEOUT, ca_file=None):
    """True when ``url`` serves a Redfish (>= 1.0) service root.

    The service root needs no credentials (Redfish specification)."""
    import ssl

    context = None
    if url.startswith('https'):
        context = ssl.create_default_context(cafile=ca_file)
        if not ca_file:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url + redfish.PREFIX + '/',
                                     headers={'Accept': 'application/json'})
    try:
        with urllib.request.urlopen(request, timeout=timeout,
                                    context=context) as response:
            body = json.loads(response.read(65536) or b'{}')
    except (urllib.error.URLError, OSError, ValueError):
        return False
    version = body.get('RedfishVersion') if isinstance(body, dict) else None
    return version is not None and _version(version) >= MIN_REDFISH_VERSION


class DynamicDriver(base.BMCDriver):
    """Redfish when the BMC has it, else IPMI (learned once)."""

    def __init__(self, address, username, password, port=None,
                 timeout=10.0, ipmi_port=None, redfish_port=None,
                 scheme=None, ca_file=None, learned=None, on_learn=None):
        """
        :param port: the BMC's port for whichever protocol is used (the
            ``ipmi_port``/``redfish_port`` defaults otherwise).
        :param learned: a protocol learned before (``ipmi``/``redfish``).
        :param on_learn: called with the protocol when one is learned.
        """
        super().__init__(address, username, password, port, timeout)
        self.ipmi_port = port or ipmi_port
        self.redfish_url = redfish.service_url(address, port or redfish_port,
                                               scheme)
        self.ca_file = ca_file
        self.on_learn = on_learn
        if learned is not None and learned not in base.PROTOCOLS:
            raise ValueError('unknown BMC protocol %r' % learned)
        self._learned = learned
        self._delegate = None

    @property
    def protocol(self):
        """The protocol in use (None until learned)."""
        return self._learned

    def learn(self):
        """Ask the BMC which protocol it has; returns it.

        Redfish when its service root answers; else IPMI when an IPMI
        session opens. When neither answers nothing is learned (a BMC
        that is down is not taken for an IPMI one).

        :raises BMCAccessError: when the BMC answers neither protocol.
        """
        if probe_redfish(self.redfish_url, min(self.timeout, PROBE_TIMEOUT),
                         self.ca_file):
            protocol = base.PROTOCOL_REDFISH
            driver = self._build(protocol)
        else:
            protocol = base.PROTOCOL_IPMI
            driver = self._build(protocol)
            try:
                driver.ping()
            except base.BMCError as exc:
                driver.close()
                raise base.BMCAccessError(
                    'neither Redfish (%s) nor IPMI answers: %s' % (
                        self.redfish_url, exc), self.address) from None
        LOG.info('BMC %s: learned protocol %s', self.address, protocol)
        with self._lock:
            self._set_protocol(protocol)
            self._delegate = driver
        if self.on_learn is not None:
            self.on_learn(protocol)
        return protocol

    def _set_protocol(self, protocol):
        if self._delegate is not None:
            self._delegate.close()
        self._learned = protocol
        self._delegate = None

    def _driver(self):
        with self._lock:
            if self._delegate is None and self._learned is not None:
                self._delegate = self._build(self._learned)
            if self._delegate is not None:
                return self._delegate
        protocol = self.learn()
        with self._lock:
            if self._delegate is None:
                self._delegate = self._build(protocol)
            return self._delegate

    def _build(self, protocol):
        if protocol == base.PROTOCOL_REDFISH:
            return redfish.RedfishDriver(
                self.redfish_url, self.username, self.password,
                timeout=self.timeout, ca_file=self.ca_file)
        return ipmi.IPMIDriver(self.address, self.username, self.password,
                               self.ipmi_port, self.timeout)

    def _run(self, name, *args, **kwargs):
        driver = self._driver()
        try:
            return getattr(driver, name)(*args, **kwargs)
        except base.BMCAccessError:
            with self._lock:
                if self._delegate is driver:
                    self._set_protocol(None)
            raise

    def __repr__(self):
        return '%s(address=%r, protocol=%r, username=%r, password=%s)' % (
            type(self).__name__, self.address, self._learned, self.username,
            base.REDACTED)

    def power_status(self):
        return self._run('power_status')

    def power_on(self):
        return self._run('power_on')

    def power_off(self, graceful=False):
        return self._run('power_off', graceful=graceful)

    def reset(self, graceful=False):
        return self._run('reset', graceful=graceful)

    def power_cycle(self):
        return self._run('power_cycle')

    def sensors(self):
        return self._run('sensors')

    def ping(self):
        return self._run('ping')

    def close(self):
        with self._lock:
            if self._delegate is not None:
                self._delegate.close()
            self._delegate = None
