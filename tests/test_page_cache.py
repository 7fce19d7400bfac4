"""The whole-page cache: anonymous visitors get cached pages, editors never do, and
publishing makes every cached page stale."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from cleantech_site.page_cache import CACHED_HEADER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_ENABLED=True):
        yield
    cache.clear()


def test_second_anonymous_visit_is_served_from_the_cache(client, demo, django_assert_num_queries):
    first = client.get("/sv/om-oss/")
    assert first[CACHED_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/sv/om-oss/")
    assert second[CACHED_HEADER] == "hit"
    assert second.content == first.content


def test_languages_and_query_strings_are_cached_apart(client, demo):
    client.get("/sv/")
    assert client.get("/fi/")[CACHED_HEADER] == "miss"
    assert client.get("/sv/?sida=2")[CACHED_HEADER] == "miss"
    assert client.get("/sv/")[CACHED_HEADER] == "hit"


def test_publishing_makes_cached_pages_stale(client, demo):
    client.get("/sv/om-oss/")
    about = demo["about"]
    about.title = "Om North Sweden Cleantech"
    about.save_revision().publish()
    response = client.get("/sv/om-oss/")
    assert response[CACHED_HEADER] == "miss"
    assert "Om North Sweden Cleantech" in response.content.decode()


def test_unpublishing_and_deleting_clear_the_cache(client, demo):
    client.get("/sv/")
    demo["about"].unpublish()
    home = client.get("/sv/")
    assert home[CACHED_HEADER] == "miss"
    assert "/sv/om-oss/" not in home.content.decode()
    demo["accessibility"].delete()
    assert client.get("/sv/")[CACHED_HEADER] == "miss"


def test_logged_in_users_are_never_served_or_stored(admin_client, client, demo):
    client.get("/sv/om-oss/")  # cached for anonymous visitors
    response = admin_client.get("/sv/om-oss/")
    assert CACHED_HEADER not in response
    assert b"wagtail-userbar" in response.content or b"userbar" in response.content


def test_pages_with_a_csrf_token_are_not_cached(client, demo, rf):
    from django.middleware.csrf import get_token

    from cleantech_site.page_cache import _cacheable_response

    response = client.get("/sv/")
    request = rf.get("/sv/")
    assert _cacheable_response(request, response)
    get_token(request)  # what {% csrf_token %} does while the page renders
    assert not _cacheable_response(request, response)


def test_errors_and_redirects_are_not_cached(client, demo):
    assert CACHED_HEADER not in client.get("/sv/finns-inte/")
    assert CACHED_HEADER not in client.get("/", headers={"accept-language": "fi"})
