"""Python client of FM's REST API and the command-line tools on top of it.

``fm`` (:mod:`fm.client.shell`) lists, shows and deletes alarms, reads the
event log and manages event suppression over REST, with StarlingX's table
formats. ``fmClientCli`` (:mod:`fm.client.fmclientcli`) is the script
tool: it raises and clears alarms through the alarm queue and reads FM's
database for queries.

Library use::

    from fm.client import http
    from fm.client.v1 import client

    api = client.Client(http.HTTPClient('http://controller:18002'))
    for alarm in api.alarm.list(include_suppress=True):
        print(alarm['alarm_id'], alarm['entity_instance_id'])
"""
