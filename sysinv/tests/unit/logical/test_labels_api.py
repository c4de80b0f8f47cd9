"""/v1/labels and /v1/ihosts/<host>/labels: assign (overwrite), list,
show, remove; uniqueness per host, key/value syntax, lock-required and
policy labels, with StarlingX's messages."""
import pytest

from sysinv.tests.unit.logical_fixtures import fault, unlock


def assign(api, host, labels, overwrite=None, expect=200):
    url = '/v1/labels/%s' % host
    if overwrite is not None:
        url += '?overwrite=%s' % overwrite
    response = api.post_json(url, labels, expect_errors=True)
    assert response.status_int == expect, response.body
    return response


def test_assign_list_show_remove(api, site):
    created = assign(api, 'worker-0', {'sriovdp': 'enabled',
                                       'example.com/zone': 'a'}).json
    assert sorted((lb['label_key'], lb['label_value'])
                  for lb in created['labels']) == [
        ('example.com/zone', 'a'), ('sriovdp', 'enabled')]
    worker = api.get('/v1/ihosts/worker-0').json
    listed = api.get('/v1/ihosts/worker-0/labels').json['labels']
    assert {lb['host_uuid'] for lb in listed} == {worker['uuid']}
    assert api.get('/v1/ihosts/controller-0/labels').json['labels'] == []
    label = listed[0]
    assert api.get('/v1/labels/%s' % label['uuid']).json == label
    assert len(api.get('/v1/labels').json['labels']) == 2
    assert api.delete('/v1/labels/%s' % label['uuid']).status_int == 204
    assert api.get('/v1/labels/%s' % label['uuid'],
                   expect_errors=True).status_int == 404
    by_uuid = assign(api, worker['uuid'], {'tier': 'gold'}).json
    assert by_uuid['labels'][0]['label_key'] == 'tier'


def test_overwrite(api, site):
    assign(api, 'worker-0', {'tier': 'gold'})
    response = assign(api, 'worker-0', {'tier': 'silver'}, expect=400)
    assert fault(response) == (400, 'Label tier exists for host worker-0. '
                                    'Use overwrite option to assign a new '
                                    'value.')
    response = assign(api, 'worker-0', {'tier': 'silver'}, 'False',
                      expect=400)
    assert response.status_int == 400
    updated = assign(api, 'worker-0', {'tier': 'silver'}, 'True').json
    assert updated['labels'][0]['label_value'] == 'silver'
    assert [lb['label_value'] for lb in api.get(
        '/v1/ihosts/worker-0/labels').json['labels']] == ['silver']


def test_lock_required_labels(api, site):
    unlock(site, 'worker-0')
    response = assign(api, 'worker-0', {'openvswitch': 'enabled',
                                        'tier': 'x'}, expect=400)
    assert fault(response) == (400, "Host worker-0 must be locked for "
                                    "label(s)=['openvswitch'].")
    assign(api, 'worker-0', {'tier': 'x'})
    site.update_host('worker-0', {'administrative': 'locked'})
    label = assign(api, 'worker-0', {'sriovdp': 'enabled'}).json['labels'][0]
    unlock(site, 'worker-0')
    response = api.delete('/v1/labels/%s' % label['uuid'],
                          expect_errors=True)
    assert fault(response) == (400, "Host worker-0 must be locked for "
                                    "label(s)=['sriovdp'].")


@pytest.mark.parametrize('labels, message', [
    ({'kube-topology-mgr-policy': 'sometimes'},
     'Invalid value for kube-topology-mgr-policy label.'),
    ({'kube-cpu-mgr-policy': 'None'},
     "Setting kube-cpu-mgr-policy to 'none' is not supported"),
    ({'kube-memory-mgr-policy': 'dynamic'},
     'Invalid value for kube-memory-mgr-policy label.'),
    ({'power-management': 'on'}, 'Invalid value for power-management '
                                 'label.'),
    ({'tier': None}, 'Null input detected for Label tier for host worker-0. '
                     'Input invalid.'),
    ({'-bad': 'x'}, "Host label is invalid. Reason: label key '-bad' must "
                    "be at most 63 characters of alphanumerics, '-', '_' "
                    "or '.', starting and ending with an alphanumeric"),
    ({'Bad_Prefix/key': 'x'}, "Host label is invalid. Reason: label key "
                              "prefix 'Bad_Prefix' must be a DNS subdomain "
                              "(lower case alphanumerics, '-' and '.', at "
                              'most 253 characters)'),
    ({'tier': 'a b'}, "Host label is invalid. Reason: label value 'a b' "
                      "must be empty or at most 63 characters of "
                      "alphanumerics, '-', '_' or '.', starting and ending "
                      'with an alphanumeric'),
    ({'starlingx.io/stalld': 'maybe'},
     "worker-0 invalid value starlingx.io/stalld=maybe. Supported values "
     "are ['enabled', 'disabled']"),
])
def test_label_refusals(api, site, labels, message):
    assert fault(assign(api, 'worker-0', labels, expect=400)) == (
        400, message)


def test_policy_values_and_stalld(api, site):
    assign(api, 'worker-0', {'kube-topology-mgr-policy': 'Best-Effort',
                             'kube-cpu-mgr-policy': 'static',
                             'starlingx.io/stalld': 'enabled'})
    response = assign(api, 'controller-0', {'starlingx.io/stalld':
                                            'enabled'}, expect=400)
    assert fault(response) == (400, "['starlingx.io/stalld'] can only be "
                                    'modified on worker nodes.')


def test_bad_input(api, site):
    for body in ({}, [], {'a': 1}, 'x'):
        response = api.post_json('/v1/labels/worker-0', body,
                                 expect_errors=True)
        assert response.status_int == 400, (body, response.body)
    assert assign(api, 'nope', {'a': 'b'}, expect=404)
    response = api.post_json('/v1/labels', {'a': 'b'}, expect_errors=True)
    assert response.status_int == 405
    response = api.post_json('/v1/labels/worker-0?overwrite=perhaps',
                             {'a': 'b'}, expect_errors=True)
    assert response.status_int == 400
