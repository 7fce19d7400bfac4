"""sitemap.xml and robots.txt: every live page of every language, with its alternates."""

import xml.etree.ElementTree as ET  # noqa: S405 - parses our own responses

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.http import HttpResponse
from wagtail.models import Page

from cleantech_site.head_requests import HeadWithoutBodyMiddleware
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def parse_sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314
    entries = {}
    for url in root.findall("s:url", NS):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
        entries[url.findtext("s:loc", namespaces=NS)] = alternates
    return entries


def live_page_urls():
    """Every live page below the root, in every language, by its absolute URL."""
    return {
        f"http://testserver{page.url}"
        for page in Page.objects.live().filter(depth__gte=2).specific()
    }


def test_sitemap_lists_every_live_page_of_every_language(client, tree):
    entries = parse_sitemap(client)
    assert set(entries) == live_page_urls()
    for language in ("sv", "fi", "en"):
        assert f"http://testserver/{language}/" in entries
        assert f"http://testserver{tree.article[language].url}" in entries


def test_sitemap_alternates_are_the_live_translations_and_x_default(client, tree):
    entries = parse_sitemap(client)
    urls = {
        language: f"http://testserver{tree.article[language].url}"
        for language in ("sv", "fi", "en")
    }
    assert entries[urls["fi"]] == {**urls, "x-default": urls["sv"]}
    # home pages send visitors of other languages to the root, which picks one for them
    assert entries["http://testserver/en/"]["x-default"] == "http://testserver/"
    # every URL is listed among its own alternates
    for location, alternates in entries.items():
        assert location in alternates.values()


def test_sitemap_agrees_with_the_hreflang_of_every_page(client, tree):
    for location, alternates in parse_sitemap(client).items():
        head = BeautifulSoup(client.get(location).content, "html.parser").head
        in_head = {
            link["hreflang"]: link["href"]
            for link in head.select('link[rel="alternate"][hreflang]')
        }
        assert in_head == alternates, location


def test_sitemap_leaves_out_unpublished_pages_and_translations(client, tree):
    english = tree.standard["en"]
    english.unpublish()
    draft = StandardPageFactory(parent=tree.home.sv, slug="utkast", live=False)
    entries = parse_sitemap(client)
    assert f"http://testserver{english.url}" not in entries
    assert f"http://testserver/sv/{draft.slug}/" not in entries
    assert set(entries[f"http://testserver{tree.standard.sv.url}"]) == {"sv", "fi", "x-default"}
    assert set(entries) == live_page_urls()


@pytest.mark.parametrize("count", [5, 50])
def test_sitemap_query_count_does_not_grow(client, tree, django_assert_num_queries, count):
    for number in range(count):
        StandardPageFactory(parent=tree.home.sv, slug=f"sida-nummer-{number}")
    client.get("/sitemap.xml")
    with django_assert_num_queries(QUERIES_PER_SITEMAP):
        response = client.get("/sitemap.xml")
    assert response.content.count(b"<loc>http://testserver/sv/sida-nummer-") == count


QUERIES_PER_SITEMAP = 2


@pytest.mark.parametrize("accept_language", ["fi", "en", "sv"])
def test_sitemap_and_robots_live_outside_the_language_prefix(client, tree, accept_language):
    headers = {"accept-language": accept_language}
    assert client.get("/sitemap.xml", headers=headers).status_code == 200
    assert client.get("/robots.txt", headers=headers).status_code == 200
    assert client.get(f"/{accept_language}/sitemap.xml").status_code == 404


def test_robots_txt_points_to_the_sitemap_and_keeps_the_admin_out(client, tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    secure = client.get("/robots.txt", secure=True).content.decode()
    assert "Sitemap: https://testserver/sitemap.xml" in secure


@pytest.mark.parametrize("path", ["/robots.txt", "/sitemap.xml", "/sv/"])
def test_head_gets_the_headers_of_get_and_no_body(client, tree, rf, path):
    """Django's test client drops a HEAD response's body itself; the middleware is called
    here with the response the rest of the stack made, as gunicorn would receive it."""
    got = client.get(path)
    middleware = HeadWithoutBodyMiddleware(lambda request: HttpResponse(got.content))
    head = middleware(rf.head(path))
    assert head.content == b""
    assert head["Content-Length"] == str(len(got.content))
    assert "cleantech_site.head_requests.HeadWithoutBodyMiddleware" in settings.MIDDLEWARE
