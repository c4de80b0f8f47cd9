"""Policy rules of the logical configuration (interfaces, networks,
address pools, addresses, DNS/NTP, service parameters, labels): reads for
every role, writes for admin and configurator."""
from sysinv.policies.base import READ, WRITE, rule


def _crud(resource, what, reads, writes):
    rules = [rule('sysinv:%s:get' % resource, READ,
                           'List and show %s.' % what, reads)]
    if writes:
        rules.append(rule('sysinv:%s:modify' % resource, WRITE,
                                   'Add, change and delete %s.' % what,
                                   writes))
    return rules


RULES = (
    _crud('iinterfaces', 'logical interfaces',
          [('GET', '/v1/iinterfaces'), ('GET', '/v1/iinterfaces/{uuid}'),
           ('GET', '/v1/ihosts/{ihost}/iinterfaces')],
          [('POST', '/v1/iinterfaces'), ('PATCH', '/v1/iinterfaces/{uuid}'),
           ('DELETE', '/v1/iinterfaces/{uuid}')]) +
    _crud('interface_networks', 'platform networks of interfaces',
          [('GET', '/v1/interface_networks'),
           ('GET', '/v1/interface_networks/{uuid}'),
           ('GET', '/v1/ihosts/{ihost}/interface_networks')],
          [('POST', '/v1/interface_networks'),
           ('DELETE', '/v1/interface_networks/{uuid}')]) +
    _crud('networks', 'platform networks',
          [('GET', '/v1/networks'), ('GET', '/v1/networks/{uuid}')],
          [('POST', '/v1/networks'), ('DELETE', '/v1/networks/{uuid}')]) +
    _crud('addrpools', 'address pools',
          [('GET', '/v1/addrpools'), ('GET', '/v1/addrpools/{uuid}')],
          [('POST', '/v1/addrpools'), ('PATCH', '/v1/addrpools/{uuid}'),
           ('DELETE', '/v1/addrpools/{uuid}')]) +
    _crud('network_addresspools', 'address pools of networks',
          [('GET', '/v1/network_addresspools'),
           ('GET', '/v1/network_addresspools/{uuid}')],
          [('POST', '/v1/network_addresspools'),
           ('DELETE', '/v1/network_addresspools/{uuid}')]) +
    _crud('addresses', 'IP addresses',
          [('GET', '/v1/addresses'), ('GET', '/v1/addresses/{uuid}'),
           ('GET', '/v1/ihosts/{ihost}/addresses')], []) +
    _crud('idns', 'the DNS servers',
          [('GET', '/v1/idns'), ('GET', '/v1/idns/{uuid}')],
          [('PATCH', '/v1/idns/{uuid}')]) +
    _crud('intp', 'the NTP servers',
          [('GET', '/v1/intp'), ('GET', '/v1/intp/{uuid}')],
          [('PATCH', '/v1/intp/{uuid}')]) +
    _crud('service_parameter', 'service parameters',
          [('GET', '/v1/service_parameter'),
           ('GET', '/v1/service_parameter/{uuid}')],
          [('POST', '/v1/service_parameter'),
           ('PATCH', '/v1/service_parameter/{uuid}'),
           ('DELETE', '/v1/service_parameter/{uuid}'),
           ('POST', '/v1/service_parameter/apply')]) +
    _crud('labels', 'host labels',
          [('GET', '/v1/labels'), ('GET', '/v1/labels/{uuid}'),
           ('GET', '/v1/ihosts/{ihost}/labels')],
          [('POST', '/v1/labels/{host_uuid}'),
           ('DELETE', '/v1/labels/{uuid}')])
)
