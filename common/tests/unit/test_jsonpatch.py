import pytest

from stx_common import exception
from stx_common.api import jsonpatch


def test_replace_add_remove():
    doc = {'a': 1, 'b': {'c': [1, 2]}}
    result = jsonpatch.apply_patch(doc, [
        {'op': 'replace', 'path': '/a', 'value': 2},
        {'op': 'add', 'path': '/b/c/-', 'value': 3},
        {'op': 'add', 'path': '/d', 'value': 'x'},
        {'op': 'remove', 'path': '/b/c/0'},
    ])
    assert result == {'a': 2, 'b': {'c': [2, 3]}, 'd': 'x'}
    assert doc == {'a': 1, 'b': {'c': [1, 2]}}  # input untouched


def test_escaped_pointer():
    assert jsonpatch.apply_patch({'a/b': 1}, [
        {'op': 'replace', 'path': '/a~1b', 'value': 2}]) == {'a/b': 2}


@pytest.mark.parametrize('patch, reason', [
    ({}, 'non-empty list'),
    ([], 'non-empty list'),
    (['x'], 'must be an object'),
    ([{'op': 'move', 'path': '/a'}], 'op must be one of'),
    ([{'op': 'replace', 'path': 'a', 'value': 1}], "must start with '/'"),
    ([{'op': 'replace', 'path': '/a'}], 'needs a value'),
    ([{'op': 'replace', 'path': '/zz', 'value': 1}], 'does not exist'),
    ([{'op': 'remove', 'path': '/zz'}], 'does not exist'),
])
def test_bad_patches_are_invalid(patch, reason):
    with pytest.raises(exception.Invalid) as err:
        jsonpatch.apply_patch({'a': 1}, patch)
    assert reason in str(err.value)
    assert err.value.code == 400


def test_patch_fields_allows_only_listed_fields():
    changes = jsonpatch.patch_fields(
        [{'op': 'replace', 'path': '/action', 'value': 'lock'},
         {'op': 'remove', 'path': '/location'}], {'action', 'location'})
    assert changes == {'action': 'lock', 'location': None}
    with pytest.raises(exception.Invalid) as err:
        jsonpatch.patch_fields([{'op': 'replace', 'path': '/uuid',
                                 'value': 'x'}], {'action'})
    assert "'/uuid' cannot be changed" in str(err.value)
