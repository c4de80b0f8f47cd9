"""Policy rules of the system and its hosts."""
from sysinv.policies.base import HOST_ADD, HOST_UPDATE, READ, WRITE, rule

RULES = [
    rule('sysinv:isystems:get', READ, 'List and show the system.',
         [('GET', '/v1/isystems'), ('GET', '/v1/isystems/{uuid}')]),
    rule('sysinv:isystems:modify', WRITE, 'Modify the system.',
         [('PATCH', '/v1/isystems/{uuid}')]),
    rule('sysinv:ihosts:get', READ, 'List and show hosts.',
         [('GET', '/v1/ihosts'), ('GET', '/v1/ihosts/detail'),
          ('GET', '/v1/ihosts/{ihost}')]),
    rule('sysinv:ihosts:create', HOST_ADD, 'Add a host.',
         [('POST', '/v1/ihosts')]),
    rule('sysinv:ihosts:modify', HOST_UPDATE,
         'Update a host, run a host action, report host states.',
         [('PATCH', '/v1/ihosts/{ihost}')]),
    rule('sysinv:ihosts:delete', WRITE, 'Delete a locked host.',
         [('DELETE', '/v1/ihosts/{ihost}')]),
]
