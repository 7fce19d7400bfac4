"""The whole-page cache: anonymous visitors get cached pages, editors never do, and
publishing makes every cached page stale."""

import pytest
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.test import override_settings

from cleantech_site.page_cache import CACHED_HEADER, _cacheable_response

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_ENABLED=True):
        yield
    cache.clear()


def test_second_anonymous_visit_is_served_from_the_cache(client, tree, django_assert_num_queries):
    url = tree.standard.sv.url
    first = client.get(url)
    assert first[CACHED_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second[CACHED_HEADER] == "hit"
    assert second.content == first.content


def test_languages_and_query_strings_are_cached_apart(client, tree):
    client.get("/sv/")
    assert client.get("/fi/")[CACHED_HEADER] == "miss"
    assert client.get("/sv/?sida=2")[CACHED_HEADER] == "miss"
    assert client.get("/sv/")[CACHED_HEADER] == "hit"


def test_publishing_makes_cached_pages_stale(client, tree):
    about = tree.standard.sv
    client.get(about.url)
    about.title = "Om föreningen bakom sajten"
    about.save_revision().publish()
    response = client.get(about.url)
    assert response[CACHED_HEADER] == "miss"
    assert "Om föreningen bakom sajten" in response.content.decode()


def test_unpublishing_and_deleting_clear_the_cache(client, tree):
    about = tree.standard.sv  # linked from the footer
    older_article = tree.older_article.sv  # listed among the latest news
    assert about.url in client.get("/sv/").content.decode()
    about.unpublish()
    home = client.get("/sv/")
    assert home[CACHED_HEADER] == "miss"
    assert about.url not in home.content.decode()
    assert client.get("/sv/")[CACHED_HEADER] == "hit"
    assert older_article.url in client.get("/sv/").content.decode()
    older_article.delete()
    home = client.get("/sv/")
    assert home[CACHED_HEADER] == "miss"
    assert older_article.url not in home.content.decode()


def test_logged_in_users_are_never_served_or_stored(admin_client, client, tree):
    url = tree.standard.sv.url
    client.get(url)  # cached for anonymous visitors
    response = admin_client.get(url)
    assert CACHED_HEADER not in response
    assert b"wagtail-userbar" in response.content
    # what an editor was shown is never kept for the next visitor
    cache.clear()
    admin_client.get(url)
    anonymous = client.get(url)
    assert anonymous[CACHED_HEADER] == "miss"
    assert b"wagtail-userbar" not in anonymous.content


def test_pages_with_a_csrf_token_are_not_cached(client, tree, rf):
    response = client.get("/sv/")
    request = rf.get("/sv/")
    assert _cacheable_response(request, response)
    get_token(request)  # what {% csrf_token %} does while the page renders
    assert not _cacheable_response(request, response)


def test_errors_and_redirects_are_not_cached(client, tree):
    assert CACHED_HEADER not in client.get("/sv/finns-inte/")
    assert CACHED_HEADER not in client.get("/", headers={"accept-language": "fi"})
