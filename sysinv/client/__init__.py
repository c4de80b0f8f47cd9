"""Python client of sysinv's REST API and the ``system`` command line.

``system`` (:mod:`sysinv.client.shell`) manages the system, its hosts and
their hardware, interfaces, networks, address pools, DNS/NTP, service
parameters and labels over REST, with StarlingX's command names, options
and table columns. The HTTP, error and table machinery is
:mod:`stx_common.client`'s.

Library use::

    from sysinv.client import http
    from sysinv.client.v1 import client

    api = client.Client(http.HTTPClient('http://controller:6385'))
    for host in api.ihost.list():
        print(host['id'], host['hostname'], host['administrative'])
"""
