import pytest
import webob

from stx_common import exception
from stx_common.api import collection


def test_defaults_and_cap(conf):
    conf('api', limit_max=50)
    page = collection.parse_page(sort_keys=('id', 'name'))
    assert (page.limit, page.marker, page.sort_key, page.sort_dir) == (
        50, None, None, 'asc')
    assert collection.parse_page(limit='500').limit == 50
    assert collection.parse_page(limit='7', sort_key='name',
                                 sort_dir='DESC',
                                 sort_keys=('id', 'name')).sort_dir == 'desc'


@pytest.mark.parametrize('kwargs, reason', [
    ({'limit': 'x'}, 'limit must be an integer'),
    ({'limit': '0'}, 'limit must be positive'),
    ({'limit': '-3'}, 'limit must be positive'),
    ({'sort_key': 'password'}, "sort_key 'password' is not one of"),
    ({'sort_dir': 'up'}, "sort_dir must be 'asc' or 'desc'"),
])
def test_bad_paging_is_invalid(conf, kwargs, reason):
    with pytest.raises(exception.Invalid) as err:
        collection.parse_page(sort_keys=('id',), **kwargs)
    assert reason in str(err.value)


def test_next_link_only_on_a_full_page(conf):
    request = webob.Request.blank('/v1/things', base_url='http://h:1')
    page = collection.parse_page(limit='2', sort_keys=('id',))
    items = [{'uuid': 'a'}, {'uuid': 'b'}]
    link = collection.next_link(request, 'v1/things', items, page,
                                include_suppress='True')
    assert link == ('http://h:1/v1/things?limit=2&include_suppress=True'
                    '&marker=b')
    assert collection.next_link(request, 'v1/things', items[:1],
                                page) is None
    sorted_page = collection.parse_page(limit='2', sort_key='id',
                                        sort_keys=('id',))
    assert 'sort_key=id&sort_dir=asc' in collection.next_link(
        request, 'v1/things', items, sorted_page)
